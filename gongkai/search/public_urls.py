app_name = "search_public"

urlpatterns: list = []
