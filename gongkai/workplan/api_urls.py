from rest_framework.routers import DefaultRouter

from .api import AssignmentViewSet, PlanViewSet, ProgressViewSet, TaskViewSet

app_name = "workplan_api"

router = DefaultRouter()
router.register("plans", PlanViewSet, basename="plan")
router.register("tasks", TaskViewSet, basename="task")
router.register("assignments", AssignmentViewSet, basename="assignment")
router.register("progress", ProgressViewSet, basename="progress")
urlpatterns = router.urls
