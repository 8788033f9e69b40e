"""Read-only REST API of annual reports (/api/reports/), scoped to the user's units."""

from __future__ import annotations

from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gongkai.core.api import UnitScopedQuerysetMixin

from . import selectors
from .export import report_json
from .models import AnnualReport


class AnnualReportSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = AnnualReport
        fields = ["id", "unit", "unit_name", "year", "scope", "format", "status", "title", "computed_at", "published_at"]


class AnnualReportViewSet(UnitScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = AnnualReport.objects.select_related("unit").order_by("-year", "unit__path")
    serializer_class = AnnualReportSerializer
    filterset_fields = ["year", "status", "scope", "unit"]

    @action(detail=True, methods=["get"])
    def tables(self, request, pk=None):
        """Every cell keyed by the §3 row and column ids, with the validation findings."""
        report = self.get_object()
        return Response(report_json(report, selectors.report_findings(report, with_similarity=False)))
