"""REST API of the ledger (/api/plans/): plans, tasks, assignments and progress, with the UI's permissions.

Reads are scoped like the pages (a coordinator sees its government's plans, a unit the plans that assign it
work); writes go through the same services: status transitions and progress reports by the assigned unit.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from gongkai.core.exceptions import DomainError
from gongkai.organisations.selectors import scope_root

from . import services
from .models import Assignment, AssignmentStatus, Plan, ProgressReport, Task
from .selectors import can_manage_plan, can_report, visible_plans


class PlanSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "title", "issuer", "doc_number", "year", "status", "owner", "owner_name", "parent"]


class AssignmentBriefSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "unit", "unit_name", "role", "status"]


class TaskSerializer(serializers.ModelSerializer):
    section = serializers.SerializerMethodField()
    assignments = AssignmentBriefSerializer(source="active_assignments", many=True, read_only=True)

    class Meta:
        model = Task
        fields = ["id", "plan", "no", "section", "text", "deadline", "deadline_text", "deadline_in_working_days",
                  "recurrence", "recurrence_min_count", "column_id", "assignments"]

    def get_section(self, task) -> list[str]:
        return list(task.section.path) if task.section_id else []


class AssignmentSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    task_text = serializers.CharField(source="task.text", read_only=True)
    deadline = serializers.DateField(source="task.deadline", read_only=True)
    plan = serializers.IntegerField(source="task.plan_id", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "task", "plan", "task_text", "deadline", "unit", "unit_name", "role", "status",
                  "status_reason", "completed_on", "report_count", "last_report_at"]


class TransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AssignmentStatus.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ProgressSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="assignment.unit.name", read_only=True)

    class Meta:
        model = ProgressReport
        fields = ["id", "assignment", "unit_name", "text", "evidence_links", "reported_on", "period_key",
                  "is_consolidated", "marks_done", "has_evidence", "auto_evidence", "created_at"]
        read_only_fields = ["period_key", "has_evidence", "auto_evidence", "created_at"]
        extra_kwargs = {"reported_on": {"required": False}}


def _assignment_scope(user):
    """Assignments the user may see: in its units' scope, or in plans it manages."""
    qs = Assignment.objects.filter(is_active=True)
    if user.is_superuser:
        return qs
    root = scope_root(user)
    managed = Q(task__plan__owner__path__startswith=root.path) if user.has_role("coordinator", "leader") else Q(pk=None)
    return qs.filter(Q(unit__path__startswith=root.path) | managed)


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PlanSerializer
    filterset_fields = ["year", "status", "owner"]

    def get_queryset(self):
        return visible_plans(self.request.user).select_related("owner").order_by("-year", "-id")


class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TaskSerializer
    filterset_fields = ["plan", "recurrence"]

    def get_queryset(self):
        assignments = Assignment.objects.filter(is_active=True).select_related("unit")
        return Task.objects.filter(plan__in=visible_plans(self.request.user), is_active=True).select_related(
            "section").prefetch_related(Prefetch("assignments", queryset=assignments, to_attr="active_assignments")
        ).order_by("plan_id", "order")


class AssignmentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AssignmentSerializer
    filterset_fields = ["status", "role", "unit", "task", "task__plan"]

    def get_queryset(self):
        return _assignment_scope(self.request.user).select_related("unit", "task").order_by("task__order", "id")

    @extend_schema(request=TransitionSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Change the status (推进中/已完成/不适用 with a reason; reopening is for the coordinator)."""
        assignment = self.get_object()
        manage = can_manage_plan(request.user, assignment.task.plan)
        if not (can_report(request.user, assignment) or manage):
            raise PermissionDenied("无权更改该分工的状态")
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if assignment.status == AssignmentStatus.DONE and not manage:
            raise PermissionDenied("已完成的任务只能由公开办重新打开")
        try:
            assignment = services.assignment_transition(assignment=assignment, to=data.validated_data["status"],
                                                        by=request.user, reason=data.validated_data["reason"])
        except DomainError as exc:
            raise ValidationError({"detail": exc.message})
        return Response(AssignmentSerializer(assignment).data)


class ProgressViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ProgressSerializer
    filterset_fields = ["assignment", "assignment__task", "assignment__task__plan"]

    def get_queryset(self):
        return ProgressReport.objects.filter(assignment__in=_assignment_scope(self.request.user)).select_related(
            "assignment__unit").order_by("-reported_on", "-id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assignment = data["assignment"]
        if not can_report(request.user, assignment):
            raise PermissionDenied("只有承办单位可以报送进展")
        try:
            report = services.progress_report_create(
                assignment=assignment, by=request.user, text=data["text"],
                reported_on=data.get("reported_on") or timezone.localdate(),
                evidence_links=data.get("evidence_links") or [], marks_done=data.get("marks_done", False),
                consolidated=data.get("is_consolidated", False))
        except DomainError as exc:
            raise ValidationError({"detail": exc.message})
        return Response(ProgressSerializer(report).data, status=status.HTTP_201_CREATED)
