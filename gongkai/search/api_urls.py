from django.urls import path

from .api import SearchView

app_name = "search_api"

urlpatterns = [
    path("", SearchView.as_view(), name="search"),
]
