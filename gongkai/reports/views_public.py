"""Public pages under /ndbg/: published annual reports by year and unit, each as HTML, DOCX and PDF."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from gongkai.organisations.models import Unit

from . import render as report_render
from . import selectors
from .models import AnnualReport, ReportStatus
from .views import chart_response, download_response

PUBLIC_DOWNLOADS = ("docx", "pdf")


def _published(pk: int) -> AnnualReport:
    return get_object_or_404(AnnualReport.objects.select_related("unit"), pk=pk, status=ReportStatus.PUBLISHED)


def report_index(request):
    reports = selectors.published_reports()
    units = Unit.objects.filter(annual_reports__status=ReportStatus.PUBLISHED).distinct().order_by("path")
    unit_id = request.GET.get("unit", "")
    year = request.GET.get("year", "")
    if unit_id.isdigit():
        reports = reports.filter(unit_id=int(unit_id))
    if year.isdigit():
        reports = reports.filter(year=int(year))
    years = sorted(set(selectors.published_reports().values_list("year", flat=True)), reverse=True)
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    return render(request, "reports/public_list.html", {
        "page": page, "units": units, "years": years, "unit_id": unit_id, "year": year,
    })


def report_public(request, pk: int):
    report = _published(pk)
    context = report_render.document_context(
        report, chart_url=lambda name: reverse("reports_public:chart", args=[report.pk, name]))
    context["others"] = selectors.published_reports(unit=report.unit).exclude(pk=report.pk)[:10]
    return render(request, "reports/public_detail.html", context)


def report_public_download(request, pk: int, fmt: str):
    report = _published(pk)
    if fmt not in PUBLIC_DOWNLOADS:
        from django.http import Http404

        raise Http404
    return download_response(report, fmt)


def report_public_chart(request, pk: int, name: str):
    return chart_response(_published(pk), name)
