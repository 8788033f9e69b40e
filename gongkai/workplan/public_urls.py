app_name = "workplan_public"

urlpatterns: list = []
