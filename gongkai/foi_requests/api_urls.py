app_name = "foi_requests_api"

urlpatterns: list = []
