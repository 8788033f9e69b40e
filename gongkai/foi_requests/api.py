"""REST API (/api/foi/): the same unit scoping and privacy rules as the staff pages."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from gongkai.core.api import IsStaffMember
from gongkai.core.exceptions import DomainError
from gongkai.organisations.selectors import scope_queryset

from . import services
from .models import FoiEvent, FoiRequest, Remedy
from .privacy import applicant_view
from .selectors import can_handle, visible_requests


class EventSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = FoiEvent
        fields = ["kind", "kind_label", "on_date", "from_status", "to_status", "note", "at"]


class FoiRequestSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    applicant = serializers.SerializerMethodField()

    class Meta:
        model = FoiRequest
        fields = ["id", "case_number", "unit", "unit_name", "status", "status_label", "channel", "applicant_category",
                  "applicant", "title", "description", "received_on", "due_on", "due_provisional", "due_explanation",
                  "extension_days", "outcome", "concluded_on", "fee_method", "fee_amount_yuan", "fee_paid_on",
                  "delivery_method", "delivered_on_time", "handling_unit", "handler"]
        read_only_fields = fields

    def get_applicant(self, obj) -> dict:
        data = applicant_view(self.context["request"].user, obj, purpose="API")
        return {k: data[k] for k in ("applicant_name", "phone", "email", "address", "masked")}


class ActionSerializer(serializers.Serializer):
    on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    outcome = serializers.CharField(required=False)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    method = serializers.CharField(required=False)
    posted_on = serializers.DateField(required=False)
    signed_on = serializers.DateField(required=False)


class FoiRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """依申请公开案件（只读列表与详情；办理操作见 transition）。"""

    serializer_class = FoiRequestSerializer
    permission_classes = [IsStaffMember]
    filterset_fields = ["status", "unit", "outcome", "applicant_category"]

    def get_queryset(self):
        return visible_requests(self.request.user).order_by("-id")

    @action(detail=True, methods=["get"])
    def events(self, request, pk=None):
        return Response(EventSerializer(self.get_object().events.all(), many=True).data)

    @extend_schema(request=ActionSerializer, responses=FoiRequestSerializer)
    @action(detail=True, methods=["post"], url_path=r"transition/(?P<name>[a-z_]+)")
    def transition(self, request, pk=None, name=""):
        """Run one workflow transition: start_review, accept, reply, deliver, archive, withdraw, confirm,
        receive_correction, pay_fee (the same services and rules as the staff pages)."""
        case = self.get_object()
        if not can_handle(request.user, case):
            raise PermissionDenied("您无权办理这件申请")
        body = ActionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        d, user, on = body.validated_data, request.user, body.validated_data.get("on") or timezone.localdate()
        calls = {
            "start_review": lambda: services.foi_request_start_review(request=case, by=user),
            "accept": lambda: services.foi_request_accept(request=case, by=user),
            "confirm": lambda: services.foi_request_confirm(request=case, on=on, by=user),
            "receive_correction": lambda: services.foi_request_receive_correction(request=case, by=user, received_on=on),
            "pay_fee": lambda: services.foi_fee_pay(request=case, by=user, paid_on=on),
            "reply": lambda: services.foi_request_reply(request=case, by=user, outcome=d.get("outcome", ""),
                                                        replied_on=on, summary=d["summary"]),
            "deliver": lambda: services.foi_request_deliver(request=case, by=user, method=d.get("method", ""),
                                                            posted_on=d.get("posted_on"), signed_on=d.get("signed_on")),
            "archive": lambda: services.foi_request_archive(request=case, by=user, on=on),
            "withdraw": lambda: services.foi_request_withdraw(request=case, by=user, on=on, note=d["note"]),
        }
        if name not in calls:
            raise ValidationError({"name": f"不支持的操作：{name}"})
        try:
            calls[name]()
        except DomainError as exc:
            return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
        case.refresh_from_db()
        return Response(FoiRequestSerializer(case, context={"request": request}).data)


class RemedySerializer(serializers.ModelSerializer):
    class Meta:
        model = Remedy
        fields = ["id", "unit", "request", "kind", "result", "filed_on", "decided_on", "body", "case_ref", "summary"]


class RemedyViewSet(viewsets.ReadOnlyModelViewSet):
    """行政复议、行政诉讼记录（年度报告表四）。"""

    serializer_class = RemedySerializer
    permission_classes = [IsStaffMember]
    filterset_fields = ["kind", "result", "unit"]

    def get_queryset(self):
        return scope_queryset(Remedy.objects.all(), self.request.user, "unit").order_by("-id")
