from rest_framework.routers import DefaultRouter

from .api import GazetteIssueViewSet, InterpretationViewSet, PolicyDocumentViewSet

app_name = "policies_api"

router = DefaultRouter()
router.register("documents", PolicyDocumentViewSet, basename="document")
router.register("interpretations", InterpretationViewSet, basename="interpretation")
router.register("gazette", GazetteIssueViewSet, basename="gazette")
urlpatterns = router.urls
