from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("resolve/", views.resolver_check, name="resolve"),
    path("transfer/", views.directory_transfer, name="transfer"),
    path("export/<str:kind>.<str:fmt>", views.directory_export, name="export"),
]
