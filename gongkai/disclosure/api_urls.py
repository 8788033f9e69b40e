app_name = "disclosure_api"

urlpatterns: list = []
