"""Reads of annual reports used by views, the CLI, the dashboard and other modules.

`published_reports(*, unit)` is what the disclosure platform's 政府信息公开年报 column lists.
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.organisations.models import Unit
from gongkai.organisations.selectors import scope_queryset

from . import drafting, similarity, statistics
from .models import AnnualReport, ReportScope, ReportStatus
from .validation import Finding, validate


def published_reports(*, unit: Unit | None = None, year: int | None = None,
                      include_subunits: bool = False) -> QuerySet[AnnualReport]:
    """Published reports, newest year first; of one unit (or its subtree), or of all units."""
    reports = AnnualReport.objects.filter(status=ReportStatus.PUBLISHED).select_related("unit")
    if unit is not None:
        reports = reports.filter(unit__path__startswith=unit.path) if include_subunits else reports.filter(unit=unit)
    if year is not None:
        reports = reports.filter(year=year)
    return reports.order_by("-year", "unit__path", "scope")


def visible_reports(user) -> QuerySet[AnnualReport]:
    return scope_queryset(AnnualReport.objects.select_related("unit"), user)


def previous_report(report: AnnualReport) -> AnnualReport | None:
    return AnnualReport.objects.filter(unit=report.unit, scope=report.scope, year=report.year - 1).first()


def report_texts(report: AnnualReport) -> dict[str, str]:
    return {"section1_text": report.section1_text, "section5_text": report.section5_text,
            "section6_text": report.section6_text}


def report_findings(report: AnnualReport, *, with_similarity: bool = True) -> list[Finding]:
    """R1–R6, T1–T2 on the effective tables, data-quality notes and (optionally) 内容雷同 warnings."""
    previous = previous_report(report)
    findings = validate(
        fmt=report.format, section2=report.section2, section3=report.section3, section4=report.section4,
        texts=report_texts(report), previous_section3=previous.section3 if previous else None,
    )
    stats = report.statistics or {}
    missing = stats.get("concluded_without_outcome") or 0
    if missing:
        findings.append(Finding("D1", "warning", f"有{missing}件申请已登记办结日期但没有办理结果，未计入表三，请在依申请公开模块补登"))
    if stats.get("unknown_outcomes"):
        findings.append(Finding("D1", "warning", f"有无法归入表三的办理结果或申请人类型：{stats['unknown_outcomes']}"))
    if with_similarity:
        result = report_similarity(report)
        from . import conf

        for comparison in result.comparisons:
            if comparison.ratio >= conf.similar_report_warning():
                findings.append(Finding(
                    "S1", "warning",
                    f"内容雷同：本报告正文约{comparison.ratio:.0%}与{comparison.label}相似（{len(comparison.matches)}句），请避免照搬",
                ))
    return findings


def comparison_documents(report: AnnualReport) -> list[similarity.Document]:
    """Last year's report of the same unit (any status) and other units' published reports of the year."""
    docs = []
    previous = previous_report(report)
    if previous is not None:
        docs.append(similarity.Document(f"本单位{previous.year}年度报告", f"/staff/reports/{previous.pk}/",
                                        list(report_texts(previous).values())))
    others = published_reports(year=report.year).exclude(unit=report.unit)
    for other in others:
        docs.append(similarity.Document(f"{other.unit.name}{other.year}年度报告", f"/ndbg/{other.pk}/",
                                        list(report_texts(other).values())))
    return docs


def report_similarity(report: AnnualReport) -> similarity.SimilarityResult:
    facts = (report.statistics or {}).get("sources", {})
    boilerplate = [  # what the platform itself drafts from the figures is not copying
        drafting.section1_draft(year=report.year, fmt=report.format, section3=report.section3,
                                section4=report.section4, sources=facts),
        drafting.section6_draft(year=report.year, fee_cases=report.fee_cases,
                                fee_amount_yuan=report.fee_amount_yuan, sources=facts),
    ]
    return similarity.compare(texts=report_texts(report), others=comparison_documents(report), boilerplate=boilerplate)


def report_for(*, unit: Unit, year: int, scope: str | None = None) -> AnnualReport | None:
    reports = AnnualReport.objects.filter(unit=unit, year=year)
    if scope:
        reports = reports.filter(scope=scope)
    return reports.order_by("scope").first()


def units_of(report: AnnualReport) -> list[int]:
    return statistics.report_unit_ids(report.unit, report.scope)


__all__ = ["published_reports", "visible_reports", "report_findings", "report_similarity", "ReportScope"]
