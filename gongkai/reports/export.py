"""The report as JSON: every table cell keyed by the row and column ids of §3 (docs/reports.md)."""

from __future__ import annotations

from . import formats
from .validation import Finding


def report_json(report, findings: list[Finding] | None = None) -> dict:
    data = {
        "title": report.title,
        "unit": {"id": report.unit_id, "name": report.unit.name, "credit_code": report.unit.credit_code},
        "year": report.year,
        "scope": report.scope,
        "format": report.format,
        "status": report.status,
        "statistics_period": [f"{report.year}-01-01", f"{report.year}-12-31"],
        "computed_at": report.computed_at.isoformat() if report.computed_at else None,
        "published_at": report.published_at.isoformat() if report.published_at else None,
        "section1": report.section1_text,
        "section2": {row: dict(cells) for row, cells in report.section2.items()},
        "section3": {row.id: {c: report.section3[row.id][c] for c in formats.COLUMN_IDS}
                     for row in formats.section3_rows(report.format)},
        "section4": {group: {c: report.section4[group][c] for c in formats.REMEDY_COLUMN_IDS}
                     for group, _ in formats.REMEDY_GROUPS},
        "section5": report.section5_text,
        "section6": {"text": report.section6_text, "fee_cases": report.fee_cases,
                     "fee_amount_yuan": str(report.fee_amount_yuan)},
        "adjusted_cells": report.overrides or {},
        "charts": {k: (report.statistics or {}).get(k) for k in ("monthly_received", "trend")},
        "sources": {k: v.get("available") for k, v in (report.statistics or {}).get("sources", {}).items()},
    }
    if findings is not None:
        data["findings"] = [{"code": f.code, "level": f.level, "message": f.message, "cells": f.cells} for f in findings]
    return data
