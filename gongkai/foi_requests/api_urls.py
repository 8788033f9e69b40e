from rest_framework.routers import DefaultRouter

from .api import FoiRequestViewSet, RemedyViewSet

app_name = "foi_requests_api"

router = DefaultRouter()
router.register("requests", FoiRequestViewSet, basename="request")
router.register("remedies", RemedyViewSet, basename="remedy")

urlpatterns = router.urls
