from rest_framework.routers import DefaultRouter

from .api import UnitGroupViewSet, UnitViewSet

app_name = "organisations_api"

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("groups", UnitGroupViewSet, basename="group")
urlpatterns = router.urls
