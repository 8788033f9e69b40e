app_name = "policies_public"

urlpatterns: list = []
