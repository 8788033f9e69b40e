"""Every write to annual reports: generation, recomputation, edits and the review workflow."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import Unit, UnitKind

from . import access, drafting, formats, sources, statistics
from .formats import CellKind
from .models import TRANSITIONS, AnnualReport, ReportEvent, ReportScope, ReportStatus
from .validation import blocking

YEARS_IN_TREND = 5  # the year-on-year chart shows this many years


def default_scope(unit: Unit) -> str:
    return ReportScope.CONSOLIDATED if unit.kind == UnitKind.GOVERNMENT else ReportScope.UNIT


def report_title(unit: Unit, year: int) -> str:
    return f"{unit.name}{year}年政府信息公开工作年度报告"


def _event(report: AnnualReport, action: str, by, note: str = "", from_status: str = "", to_status: str = "") -> None:
    ReportEvent.objects.create(report=report, action=action, by=by, note=note, from_status=from_status,
                               to_status=to_status)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise DomainError(message)


def compute_snapshot(*, unit: Unit, year: int, scope: str, fmt: str) -> dict:
    """Everything a report freezes from the records: tables 三 and 四, chart data and source facts."""
    unit_ids = statistics.report_unit_ids(unit, scope)
    s3 = statistics.compute_section3(unit_ids=unit_ids, year=year, fmt=fmt)
    s4 = statistics.compute_section4(unit_ids=unit_ids, year=year)
    trend = []
    for y in range(year - YEARS_IN_TREND + 1, year):
        previous = statistics.compute_section3(unit_ids=unit_ids, year=y, fmt=formats.format_for_year(y)).table
        trend.append({"year": y, "new_received": previous[formats.NEW_RECEIVED][formats.TOTAL],
                      "total_processed": previous[formats.TOTAL_PROCESSED][formats.TOTAL]})
    trend.append({"year": year, "new_received": s3.table[formats.NEW_RECEIVED][formats.TOTAL],
                  "total_processed": s3.table[formats.TOTAL_PROCESSED][formats.TOTAL]})
    fee_cases, fee_amount = statistics.fee_summary(unit_ids=unit_ids, year=year)
    units = None
    if scope == ReportScope.CONSOLIDATED:
        from .deadlines import reporting_units

        units = list(reporting_units(unit))
    facts = {key: result.as_dict() for key, result in sources.fetch_all(unit=unit, year=year, units=units).items()}
    return {
        "section3": s3.table,
        "section4": s4,
        "statistics": {
            "monthly_received": statistics.monthly_received(unit_ids=unit_ids, year=year),
            "trend": trend,
            "unit_count": len(unit_ids),
            "concluded_without_outcome": s3.concluded_without_outcome,
            "unknown_outcomes": s3.unknown_outcomes,
            "sources": facts,
        },
        "fee_cases": fee_cases,
        "fee_amount_yuan": fee_amount,
    }


def _section2_from_sources(fmt: str, section2: dict, section2_sources: dict, facts: dict) -> None:
    """规章 / 行政规范性文件 rows from the policy library (contract 5) in the 2021 format."""
    normative = facts.get("normative", {})
    if fmt != formats.ReportFormat.F2021 or not normative.get("available"):
        return
    data = normative.get("data") or {}
    for row in ("rules", "normative"):
        counts = data.get(row) or {}
        try:
            section2[row] = {c: int(counts.get(c, 0)) for c in ("issued", "repealed", "in_force")}
        except (TypeError, ValueError):
            continue
        section2_sources[row] = "policies"


def _apply_snapshot(report: AnnualReport, snapshot: dict) -> None:
    report.section3_computed = snapshot["section3"]
    report.section4_computed = snapshot["section4"]
    report.statistics = snapshot["statistics"]
    report.fee_cases = snapshot["fee_cases"]
    report.fee_amount_yuan = Decimal(snapshot["fee_amount_yuan"])
    _section2_from_sources(report.format, report.section2, report.section2_sources, snapshot["statistics"]["sources"])
    report.computed_at = timezone.now()


@transaction.atomic
def report_generate(*, unit: Unit, year: int, by, scope: str | None = None, fmt: str | None = None) -> AnnualReport:
    """Create the year's report of a unit, computed from the records, with first drafts of the texts."""
    _require(access.can_compose(by, unit), f"您无权编制{unit.name}的年度报告")
    this_year = timezone.localdate().year
    if not (2019 <= year <= this_year):
        raise DomainError(f"报告年度应在2019年至{this_year}年之间（2019年起适用修订后的条例）")
    scope = scope or default_scope(unit)
    if scope == ReportScope.CONSOLIDATED and unit.kind != UnitKind.GOVERNMENT:
        raise DomainError("只有人民政府的年度报告可以汇总所属单位")
    if AnnualReport.objects.filter(unit=unit, year=year, scope=scope).exists():
        raise DomainError(f"{unit.name}{year}年度报告已存在，请打开后重新统计")
    fmt = fmt or formats.format_for_year(year)
    report = AnnualReport(unit=unit, year=year, scope=scope, format=fmt, title=report_title(unit, year), created_by=by,
                          section2=formats.empty_section2(fmt), section2_sources={})
    _apply_snapshot(report, compute_snapshot(unit=unit, year=year, scope=scope, fmt=fmt))
    _redraft(report, ("section1_text", "section5_text", "section6_text"))
    report.save()
    _event(report, "create", by, to_status=report.status)
    return report


def _redraft(report: AnnualReport, fields) -> None:
    facts = report.statistics.get("sources", {})
    if "section1_text" in fields:
        report.section1_text = drafting.section1_draft(
            year=report.year, fmt=report.format, section3=report.section3, section4=report.section4, sources=facts
        )
    if "section5_text" in fields:
        report.section5_text = drafting.SECTION5_DRAFT
    if "section6_text" in fields:
        report.section6_text = drafting.section6_draft(
            year=report.year, fee_cases=report.fee_cases, fee_amount_yuan=report.fee_amount_yuan, sources=facts
        )


def _require_draft(report: AnnualReport) -> None:
    if report.status != ReportStatus.DRAFT:
        raise DomainError(f"报告当前为“{report.get_status_display()}”状态，只有草稿可以修改；如需修改请先退回或撤回")


@transaction.atomic
def report_recompute(*, report: AnnualReport, by) -> AnnualReport:
    """Recount tables 三 and 四 (and the facts) from the records; texts and hand adjustments stay."""
    _require(access.can_compose(by, report.unit), "您无权修改该报告")
    _require_draft(report)
    _apply_snapshot(report, compute_snapshot(unit=report.unit, year=report.year, scope=report.scope, fmt=report.format))
    report.save()
    _event(report, "recompute", by)
    return report


@transaction.atomic
def report_redraft(*, report: AnnualReport, by, sections: list[str]) -> AnnualReport:
    """Replace the chosen texts with fresh drafts built from the current figures."""
    _require(access.can_compose(by, report.unit), "您无权修改该报告")
    _require_draft(report)
    fields = [f"section{n}_text" for n in sections if n in ("1", "5", "6")]
    _redraft(report, fields)
    report.save()
    _event(report, "edit", by, note="重新生成初稿：" + "、".join(formats.SECTION_HEADINGS[n] for n in sections))
    return report


@transaction.atomic
def report_update_texts(*, report: AnnualReport, by, title: str, section1_text: str, section5_text: str,
                        section6_text: str, fee_cases: int, fee_amount_yuan: Decimal) -> AnnualReport:
    _require(access.can_compose(by, report.unit), "您无权修改该报告")
    _require_draft(report)
    if fee_cases < 0 or fee_amount_yuan < 0:
        raise DomainError("信息处理费件数和金额不能为负数")
    report.title = title.strip() or report_title(report.unit, report.year)
    report.section1_text, report.section5_text, report.section6_text = section1_text, section5_text, section6_text
    report.fee_cases, report.fee_amount_yuan = fee_cases, fee_amount_yuan
    report.save()
    _event(report, "edit", by, note="修改正文")
    return report


def parse_cell(value, kind: str, label: str):
    """One table 二 cell from a form or an import; raises DomainError with the cell named."""
    text = str(value if value is not None else "").strip().replace(",", "").replace("，", "")
    if kind == CellKind.TEXT:
        return text
    if text == "":
        return 0
    if kind == CellKind.AMOUNT:
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise DomainError(f"“{label}”应为金额（万元，可含小数），收到“{text}”")
        if amount < 0 or not amount.is_finite():
            raise DomainError(f"“{label}”不能为负数")
        return str(amount)
    try:
        number = int(text)
    except ValueError:
        raise DomainError(f"“{label}”应为整数，收到“{text}”")
    if number < 0 and kind != CellKind.SIGNED:
        raise DomainError(f"“{label}”不能为负数")
    return number


@transaction.atomic
def report_update_section2(*, report: AnnualReport, by, cells: dict[str, dict[str, object]]) -> AnnualReport:
    """Table 二 as entered (or imported) by staff; rows taken from the policy library are kept."""
    _require(access.can_compose(by, report.unit), "您无权修改该报告")
    _require_draft(report)
    section2 = {row: dict(values) for row, values in report.section2.items()}
    for row, column, kind, label in formats.section2_cells(report.format):
        if column not in cells.get(row, {}):
            continue
        if report.section2_sources.get(row) == "policies":
            if parse_cell(cells[row][column], kind, label) != section2.get(row, {}).get(column):
                raise DomainError(f"“{label}”取自政策文件库，不能在此修改；如有出入请更正政策文件库的登记")
            continue
        section2.setdefault(row, {})[column] = parse_cell(cells[row][column], kind, label)
    report.section2 = section2
    report.save()
    _event(report, "edit", by, note="修改表二")
    return report


@transaction.atomic
def report_adjust_cells(*, report: AnnualReport, by, section3: dict, section4: dict, reason: str) -> AnnualReport:
    """Hand adjustments of tables 三 and 四 (e.g. applications received on paper before the system was used).

    Only cells that differ from the computed value are kept as adjustments; any adjustment needs a reason.
    The adjusted table must still pass R1–R4 before the report can be approved.
    """
    _require(access.can_compose(by, report.unit), "您无权修改该报告")
    _require_draft(report)
    overrides: dict[str, dict] = {"section3": {}, "section4": {}}
    for name, entered, computed in (("section3", section3, report.section3_computed),
                                    ("section4", section4, report.section4_computed)):
        for row, cells in entered.items():
            for column, value in cells.items():
                if row not in computed or column not in computed[row]:
                    raise DomainError(f"表格中没有“{row}.{column}”这一格")
                number = parse_cell(value, CellKind.COUNT, f"{row}.{column}")
                if number != computed[row][column]:
                    overrides[name].setdefault(row, {})[column] = number
    changed = any(overrides.values())
    if changed and not reason.strip():
        raise DomainError("人工调整统计数据须填写调整说明")
    report.overrides = overrides if changed else {}
    report.override_reason = reason.strip() if changed else ""
    report.save()
    count = sum(len(c) for table in overrides.values() for c in table.values())
    _event(report, "edit", by, note=f"人工调整{count}个单元格：{reason.strip()}" if changed else "清除人工调整")
    return report


def _transition(report: AnnualReport, action: str, by, note: str = "") -> AnnualReport:
    allowed_from, to_status = TRANSITIONS[action]
    if report.status not in allowed_from:
        raise DomainError(f"报告当前为“{report.get_status_display()}”，不能执行“{ReportEvent.ACTION_LABELS[action]}”")
    from_status = report.status
    report.status = to_status
    report.save()
    _event(report, action, by, note=note, from_status=from_status, to_status=to_status)
    return report


def _require_consistent(report: AnnualReport) -> None:
    from .selectors import report_findings

    errors = blocking(report_findings(report, with_similarity=False))
    if errors:
        raise DomainError("报告未通过校验，不能继续：" + "；".join(f"{f.code} {f.message}" for f in errors[:5]))


@transaction.atomic
def report_submit(*, report: AnnualReport, by) -> AnnualReport:
    _require(access.can_compose(by, report.unit), "您无权提交该报告")
    return _transition(report, "submit", by)


@transaction.atomic
def report_return(*, report: AnnualReport, by, note: str) -> AnnualReport:
    _require(access.can_review(by, report), "您无权审核该报告")
    if not note.strip():
        raise DomainError("退回修改须写明原因")
    return _transition(report, "return", by, note.strip())


@transaction.atomic
def report_approve(*, report: AnnualReport, by, note: str = "") -> AnnualReport:
    _require(access.can_review(by, report), "您无权审核该报告")
    _require_consistent(report)
    return _transition(report, "approve", by, note)


@transaction.atomic
def report_publish(*, report: AnnualReport, by) -> AnnualReport:
    """Publish on the public platform (/ndbg/). An inconsistent report (R1–R4, R6, T1–T2) is refused."""
    _require(access.can_publish(by, report), "您无权发布该报告")
    _require_consistent(report)
    report.published_at = timezone.now()
    _transition(report, "publish", by)
    key, url = f"reports.annual:{report.pk}", f"/ndbg/{report.pk}/"
    body = "\n".join([report.section1_text, report.section5_text, report.section6_text])
    transaction.on_commit(lambda: sources.search_upsert(
        key=key, kind="annual_report", title=report.title, body=body, url=url, unit=report.unit,
        published_on=timezone.localdate(report.published_at), is_public=True,
    ))
    return report


@transaction.atomic
def report_withdraw(*, report: AnnualReport, by, note: str) -> AnnualReport:
    """Take a published report off the public platform back to draft (e.g. to correct it)."""
    _require(access.can_withdraw(by, report), "只有公开办管理员可以撤回已发布的报告")
    if not note.strip():
        raise DomainError("撤回须写明原因")
    report.published_at = None
    _transition(report, "withdraw", by, note.strip())
    key = f"reports.annual:{report.pk}"
    transaction.on_commit(lambda: sources.search_delete(key=key))
    return report
