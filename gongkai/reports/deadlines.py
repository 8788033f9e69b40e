"""Statutory publication dates of annual reports (条例第四十九条) and who still owes one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.organisations.models import GovernmentLevel, Unit, UnitKind

from . import conf
from .models import AnnualReport, ReportStatus


def due_date(unit: Unit, year: int) -> dt.date | None:
    """The last day to publish the report for `year`: departments 1月31日, governments 3月31日 of the next year."""
    if unit.kind == UnitKind.GOVERNMENT:
        month, day = conf.township_due() if unit.level == GovernmentLevel.TOWNSHIP else conf.government_due()
    elif unit.kind in (UnitKind.DEPARTMENT, UnitKind.OTHER):
        month, day = conf.department_due()
    else:
        return None  # 内设机构 do not report on their own
    return dt.date(year + 1, month, day)


def reporting_units(root: Unit):
    return Unit.objects.filter(path__startswith=root.path, is_active=True).exclude(kind=UnitKind.OFFICE).order_by("path")


@dataclass
class Obligation:
    unit: Unit
    year: int
    due: dt.date
    report: AnnualReport | None
    days_left: int

    @property
    def published(self) -> bool:
        return self.report is not None and self.report.status == ReportStatus.PUBLISHED

    @property
    def state(self) -> str:
        if self.published:
            return "已发布"
        if self.days_left < 0:
            return f"已逾期{-self.days_left}天"
        return f"剩余{self.days_left}天"

    @property
    def tone(self) -> str:
        if self.published:
            return "ok"
        if self.days_left < 0:
            return "danger"
        return "warn" if self.days_left <= conf.reminder_days() else ""

    @property
    def status_label(self) -> str:
        return self.report.get_status_display() if self.report else "未编制"


def obligations(*, root: Unit, year: int, on: dt.date) -> list[Obligation]:
    """Every unit under `root` that owes a report for `year`, with its report (if any). Two queries."""
    units = list(reporting_units(root))
    reports = {}
    for report in AnnualReport.objects.filter(unit__in=units, year=year).order_by("scope"):
        reports.setdefault(report.unit_id, report)  # a government's consolidated report comes first
    out = []
    for unit in units:
        due = due_date(unit, year)
        if due is not None:
            out.append(Obligation(unit, year, due, reports.get(unit.pk), (due - on).days))
    return out


def report_year(on: dt.date) -> int:
    """The year whose report is due in the current reporting season (last year's)."""
    return on.year - 1
