app_name = "foi_requests"

urlpatterns: list = []
