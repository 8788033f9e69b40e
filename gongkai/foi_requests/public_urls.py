app_name = "foi_requests_public"

urlpatterns: list = []
