app_name = "workplan_api"

urlpatterns: list = []
