from django.urls import path

from . import public_views

app_name = "foi_requests_public"

urlpatterns = [
    path("", public_views.apply, name="apply"),
    path("receipt/", public_views.receipt, name="receipt"),
    path("track/", public_views.track, name="track"),
]
