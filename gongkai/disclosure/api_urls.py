from django.urls import path
from rest_framework.routers import DefaultRouter

from .api import ColumnViewSet, FreshnessView, ItemViewSet

app_name = "disclosure_api"

router = DefaultRouter()
router.register("columns", ColumnViewSet, basename="column")
router.register("items", ItemViewSet, basename="item")
urlpatterns = [path("freshness/", FreshnessView.as_view(), name="freshness"), *router.urls]
