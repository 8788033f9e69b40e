"""REST API of the disclosure platform (/api/disclosure/, OpenAPI at /api/).

Anyone may read public columns and published items (the platform's open data); authenticated staff also
see drafts within their scope and drive the workflow through the same services as the web UI. Item lists
use cursor pagination on id, so no page ever counts a million rows.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.core.api import IsStaffMember
from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import UnitKind
from gongkai.organisations.selectors import can_see_unit, scope_root, visible_units

from . import services
from .models import Column, InformationItem, ItemAttachment, ItemStatus
from .selectors import freshness_report


class ColumnSerializer(serializers.ModelSerializer):
    section_label = serializers.CharField(source="get_section_display", read_only=True)
    freshness_label = serializers.CharField(source="get_freshness_class_display", read_only=True)

    class Meta:
        model = Column
        fields = ["id", "unit", "parent", "name", "slug", "section", "section_label", "article20", "freshness_class",
                  "freshness_label", "custom_period", "custom_min_count", "opened_on", "public_count",
                  "last_published_on"]


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ItemAttachment
        fields = ["id", "original_name", "content_type", "size", "sha256", "is_original", "url"]

    def get_url(self, attachment) -> str:
        return f"/xxgk/file/{attachment.pk}/"


class ItemSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    validity_label = serializers.CharField(source="get_validity_display", read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = InformationItem
        fields = ["id", "url", "unit", "column", "kind", "title", "body", "index_number", "topic", "issuing_organ",
                  "written_on", "doc_number", "published_on", "validity", "validity_label", "keywords", "status",
                  "current_step", "content_hash", "attachments"]
        read_only_fields = ["index_number", "published_on", "status", "current_step", "content_hash", "unit"]

    def get_url(self, item) -> str:
        return services.item_url(item)


class ItemListSerializer(ItemSerializer):
    class Meta(ItemSerializer.Meta):
        fields = ["id", "url", "unit", "column", "kind", "title", "index_number", "doc_number", "published_on",
                  "validity", "status"]


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
    acknowledge_findings = serializers.BooleanField(required=False, default=False)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class PublicReadOrStaff(permissions.BasePermission):
    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return IsStaffMember().has_permission(request, view)


class NewestFirst(CursorPagination):
    """Newest records first by id: a stable, unique, never-null key (drafts have no 发布日期)."""

    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ColumnViewSet(viewsets.ReadOnlyModelViewSet):
    """Active columns of every unit's platform."""

    serializer_class = ColumnSerializer
    permission_classes = [PublicReadOrStaff]
    filterset_fields = ["unit", "section", "article20", "freshness_class"]

    def get_queryset(self):
        return Column.objects.filter(is_active=True).order_by("unit__path", "section", "order", "id")


class ItemViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Published items for everyone; staff also see drafts and items in review within their units."""

    permission_classes = [PublicReadOrStaff]
    pagination_class = NewestFirst
    filterset_fields = ["unit", "column", "kind", "status", "validity"]

    def get_serializer_class(self):
        return ItemListSerializer if self.action == "list" else ItemSerializer

    def get_queryset(self):
        items = InformationItem.objects.all()
        user = self.request.user
        if user.is_authenticated:
            root = scope_root(user)
            if root is not None:
                items = items.filter(Q(status=ItemStatus.PUBLISHED) | Q(unit__path__startswith=root.path))
        else:
            items = items.filter(status=ItemStatus.PUBLISHED)
        if self.action != "list":
            items = items.prefetch_related("attachments")
        return items

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        column = data.pop("column")
        try:
            serializer.instance = services.item_create(column=column, by=self.request.user, **data)
        except DomainError as exc:
            raise ValidationError({"detail": exc.message}) from exc

    def _transition(self, request, func, payload_serializer, **extra):
        item = self.get_object()
        if not can_see_unit(request.user, item.unit):
            raise PermissionDenied("您无权操作该单位的信息")
        payload = payload_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            item = func(item=item, by=request.user, **payload.validated_data, **extra)
        except DomainError as exc:
            raise ValidationError({"detail": exc.message}) from exc
        return Response(ItemSerializer(item).data)

    @extend_schema(request=NoteSerializer, responses=ItemSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsStaffMember])
    def submit(self, request, pk=None):
        """提交审核."""
        return self._transition(request, lambda item, by, note, acknowledge_findings: services.item_submit(
            item=item, by=by, note=note), NoteSerializer)

    @extend_schema(request=NoteSerializer, responses=ItemSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsStaffMember])
    def approve(self, request, pk=None):
        """通过当前审核环节；最后一个环节通过即发布."""
        return self._transition(request, services.item_approve, NoteSerializer)

    @extend_schema(request=ReasonSerializer, responses=ItemSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsStaffMember], url_path="return")
    def return_(self, request, pk=None):
        """退回修改."""
        return self._transition(request, services.item_return, ReasonSerializer)

    @extend_schema(request=ReasonSerializer, responses=ItemSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsStaffMember])
    def withdraw(self, request, pk=None):
        """撤回已发布的信息."""
        return self._transition(request, services.item_withdraw, ReasonSerializer)


class FreshnessRowSerializer(serializers.Serializer):
    unit = serializers.CharField()
    column_id = serializers.IntegerField()
    column = serializers.CharField()
    status = serializers.CharField()
    rule = serializers.CharField()
    last_published_on = serializers.DateField(allow_null=True)
    items_in_period = serializers.IntegerField()
    detail = serializers.CharField()


class FreshnessView(APIView):
    """栏目更新监测: every column in the user's scope judged on `on` (default today)."""

    permission_classes = [IsStaffMember]

    @extend_schema(parameters=[OpenApiParameter("on", dt.date), OpenApiParameter("unit", int)],
                   responses=FreshnessRowSerializer(many=True))
    def get(self, request):
        try:
            on = dt.date.fromisoformat(request.query_params["on"]) if request.query_params.get("on") \
                else timezone.localdate()
        except ValueError as exc:
            raise ValidationError({"on": "日期格式应为YYYY-MM-DD"}) from exc
        units = visible_units(request.user).exclude(kind=UnitKind.OFFICE)
        if request.query_params.get("unit", "").isdigit():
            units = units.filter(pk=int(request.query_params["unit"]))
        rows = [
            {"unit": entry.unit.name, "column_id": column.pk, "column": column.name, "status": verdict.status,
             "rule": verdict.rule_label, "last_published_on": verdict.last_published_on,
             "items_in_period": verdict.items_in_period, "detail": verdict.detail}
            for entry in freshness_report(units=units.order_by("path"), on=on) for column, verdict in entry.rows
        ]
        return Response(FreshnessRowSerializer(rows, many=True).data)
