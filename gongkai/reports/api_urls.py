from rest_framework.routers import DefaultRouter

from .api import AnnualReportViewSet

app_name = "reports_api"

router = DefaultRouter()
router.register("annual", AnnualReportViewSet, basename="annual")
urlpatterns = router.urls
