"""The freshness report as an XLSX workbook in the 通报 format (单位, 栏目, 问题类型, 问题描述, 发现时间),
the same columns as the 开普云 monitoring tables (portal-and-oversight.md §10 item 6)."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .selectors import UnitFreshness

HEADER_FILL = PatternFill("solid", fgColor="F3E6E6")


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list], widths: list[int]):
    ws = wb.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for row in rows:
        ws.append(row)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    return ws


def freshness_workbook(report: list[UnitFreshness], undated: list, on: dt.date) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    found = on.strftime("%Y-%m-%d")
    issues = []
    for entry in report:
        for veto in entry.vetoes:
            issues.append([entry.unit.name, "（全站）", "栏目不更新（单项否决）", veto, found])
        for column, verdict in entry.problems:
            issues.append([entry.unit.name, column.name, verdict.status_label, f"{verdict.rule_label}。{verdict.detail}",
                           found])
    for item in undated:
        issues.append([item.unit.name, item.column.name, "未注明发布时间", f"《{item.title}》未注明发布日期，视为不更新",
                       found])
    _sheet(wb, "问题清单", ["单位", "栏目/账号", "问题类型", "问题描述", "发现时间"], issues, [28, 20, 18, 70, 12])
    details = [
        [entry.unit.name, column.name, column.get_section_display(), verdict.rule_label, verdict.status_label,
         verdict.last_published_on, verdict.items_in_period, verdict.detail]
        for entry in report for column, verdict in entry.rows
    ]
    ws = _sheet(wb, "栏目明细", ["单位", "栏目", "所属部分", "更新要求", "状态", "最近更新", "周期内条数", "说明"], details,
                [28, 20, 18, 30, 12, 12, 10, 60])
    for cell in ws["F"][1:]:
        cell.number_format = "yyyy-mm-dd"
    summary = [[entry.unit.name, len(entry.rows), entry.stale_dynamic_notice, entry.stale_should_update, entry.blank,
                "；".join(entry.vetoes) or "未触发"] for entry in report]
    _sheet(wb, "单项否决指标", ["单位", "栏目数", "动态及通知公告政策文件类一级栏目未更新", "应更新未更新栏目", "空白栏目",
                            "单项否决"], summary, [28, 8, 18, 16, 10, 60])
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
