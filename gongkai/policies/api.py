"""REST API of the policy library (/api/policies/), OpenAPI via drf-spectacular. Writes call the services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import Role
from gongkai.organisations.selectors import visible_units

from . import services
from .models import (
    DocumentKind,
    GazetteArticle,
    GazetteIssue,
    Interpretation,
    PolicyDocument,
    PolicyEvent,
)
from .selectors import readable_documents, staff_documents, staff_gazette_issues, staff_interpretations


class PolicyEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = PolicyEvent
        fields = ["action", "from_status", "to_status", "on", "related_document", "reason", "created_at"]


class PolicyDocumentSerializer(serializers.ModelSerializer):
    index_number = serializers.CharField(source="item.index_number", read_only=True, default="")
    validity = serializers.CharField(source="validity_label", read_only=True)
    events = PolicyEventSerializer(many=True, read_only=True)

    class Meta:
        model = PolicyDocument
        fields = ["id", "unit", "drafting_unit", "government", "kind", "title", "issuing_organ", "doc_number",
                  "registration_number", "index_number", "written_on", "published_on", "effective_on",
                  "is_provisional", "validity_years", "expires_on", "topic", "keywords", "body", "contact_name",
                  "contact_phone", "needs_interpretation", "status", "validity", "status_on", "status_reason",
                  "status_document", "item", "events"]
        read_only_fields = fields


class PolicyDocumentCreateSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    kind = serializers.ChoiceField(DocumentKind.choices, default=DocumentKind.NORMATIVE)
    title = serializers.CharField(max_length=300)
    written_on = serializers.DateField()
    issuing_organ = serializers.CharField(required=False, allow_blank=True, default="")
    doc_number = serializers.CharField(required=False, allow_blank=True, default="")
    effective_on = serializers.DateField(required=False, allow_null=True, default=None)
    validity_years = serializers.IntegerField(required=False, allow_null=True, default=None)
    topic = serializers.CharField(required=False, allow_blank=True, default="")
    keywords = serializers.CharField(required=False, allow_blank=True, default="")
    body = serializers.CharField(required=False, allow_blank=True, default="")
    contact_name = serializers.CharField(required=False, allow_blank=True, default="")
    contact_phone = serializers.CharField(required=False, allow_blank=True, default="")


class PolicyTransitionSerializer(serializers.Serializer):
    on = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    related_document = serializers.IntegerField(required=False, allow_null=True, default=None,
                                                help_text="修改文件 / 废止文件的 id")


def _domain(call):
    try:
        return call()
    except DomainError as exc:
        raise ValidationError({"detail": exc.message})


class PolicyDocumentViewSet(viewsets.ReadOnlyModelViewSet):
    """Policy documents visible to the user (drafts included); `status`, `kind`, `unit`, `government` filters."""

    serializer_class = PolicyDocumentSerializer
    filterset_fields = ["status", "kind", "unit", "government"]

    def get_queryset(self):
        return staff_documents(self.request.user).prefetch_related("events").select_related("item").order_by("-id")

    @extend_schema(request=PolicyDocumentCreateSerializer, responses=PolicyDocumentSerializer)
    def create(self, request):
        if not request.user.has_role(Role.HANDLER, Role.LIAISON, Role.COORDINATOR):
            return Response({"detail": "您的角色不能录入文件"}, status=status.HTTP_403_FORBIDDEN)
        data = PolicyDocumentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = visible_units(request.user).filter(pk=values.pop("unit")).first()
        if unit is None:
            raise ValidationError({"unit": "单位不存在或不在您的管理范围"})
        document = _domain(lambda: services.policy_document_create(unit=unit, by=request.user, **values))
        return Response(PolicyDocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    def _transition(self, request, pk, call):
        if not request.user.has_role(Role.COORDINATOR, Role.LIAISON):
            return Response({"detail": "您的角色不能办理此事项"}, status=status.HTTP_403_FORBIDDEN)
        document = self.get_object()
        data = PolicyTransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        related_id = values.pop("related_document")
        # Only among documents the user may see: the services name the related document in their refusals.
        related = readable_documents(request.user).filter(pk=related_id).first() if related_id else None
        if related_id and related is None:
            raise ValidationError({"related_document": "没有这份文件，或您无权查看"})
        document = _domain(lambda: call(document, related, values))
        return Response(PolicyDocumentSerializer(document).data)

    @extend_schema(request=PolicyTransitionSerializer, responses=PolicyDocumentSerializer, summary="修改（须指定修改文件）")
    @action(detail=True, methods=["post"])
    def amend(self, request, pk=None):
        def call(document, related, values):
            if related is None:
                raise DomainError("请指定修改文件")
            return services.policy_document_amend(document=document, amending=related, by=request.user, **values)
        return self._transition(request, pk, call)

    @extend_schema(request=PolicyTransitionSerializer, responses=PolicyDocumentSerializer, summary="废止")
    @action(detail=True, methods=["post"])
    def repeal(self, request, pk=None):
        return self._transition(request, pk, lambda d, r, v: services.policy_document_repeal(
            document=d, repealing=r, by=request.user, **v))

    @extend_schema(request=PolicyTransitionSerializer, responses=PolicyDocumentSerializer, summary="失效")
    @action(detail=True, methods=["post"])
    def expire(self, request, pk=None):
        return self._transition(request, pk, lambda d, r, v: services.policy_document_expire(
            document=d, by=request.user, **v))


class InterpretationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Interpretation
        fields = ["id", "document", "unit", "title", "form", "body", "external_url", "speaker", "source",
                  "contact_name", "contact_phone", "status", "published_on", "item"]
        read_only_fields = fields


class InterpretationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InterpretationSerializer
    filterset_fields = ["document", "form", "status", "unit"]

    def get_queryset(self):
        return staff_interpretations(self.request.user).order_by("-id")


class GazetteArticleSerializer(serializers.ModelSerializer):
    class Meta:
        model = GazetteArticle
        fields = ["id", "order", "section", "title", "document", "issuing_organ", "doc_number"]


class GazetteIssueSerializer(serializers.ModelSerializer):
    articles = GazetteArticleSerializer(many=True, read_only=True)
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = GazetteIssue
        fields = ["id", "government", "year", "number", "total_number", "issued_on", "status", "pdf_sha256",
                  "pdf_url", "articles"]

    def get_pdf_url(self, issue) -> str:
        from django.urls import reverse

        return reverse("policies_public:gazette_pdf", args=[issue.pk]) if issue.pdf and issue.status == "published" else ""


class GazetteIssueViewSet(viewsets.ReadOnlyModelViewSet):
    """Gazette issues of the user's governments: the same selector as the gazette pages."""

    serializer_class = GazetteIssueSerializer
    filterset_fields = ["government", "year", "status"]

    def get_queryset(self):
        return staff_gazette_issues(self.request.user).prefetch_related("articles")
