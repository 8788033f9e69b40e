app_name = "policies_api"

urlpatterns: list = []
