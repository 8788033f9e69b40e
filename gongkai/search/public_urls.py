from django.urls import path

from . import views

app_name = "search_public"

urlpatterns = [
    path("", views.public_search, name="search"),
]
