"""Ledger exports of a parsed plan: the 台账 spreadsheet offices use, and Markdown."""

from __future__ import annotations

import os

from .model import ParsedPlan, ParsedTask

LEDGER_COLUMNS = ("序号", "工作任务", "具体要求", "牵头单位", "责任单位", "配合单位", "参照落实单位", "完成时限", "备注")
_RECURRENCE_CN = {"weekly": "每周", "monthly": "每月", "quarterly": "每季度", "yearly": "每年"}


def _deadline(task: ParsedTask) -> str:
    if task.deadline:
        return f"{task.deadline.year}年{task.deadline.month}月{task.deadline.day}日前"
    return task.deadline_text or ""


def _note(task: ParsedTask) -> str:
    notes = []
    if task.recurrence:
        rec = _RECURRENCE_CN[task.recurrence]
        if task.recurrence_min_count:
            rec += f"至少{task.recurrence_min_count}次"
        notes.append(rec)
    if task.units_inherited:
        notes.append("单位沿用上一行（合并单元格）")
    if task.deadline and task.deadline_text:
        notes.append(f"原文：{task.deadline_text}")
    return "；".join(notes)


def ledger_rows(plan: ParsedPlan) -> list[list[str]]:
    rows = []
    for i, t in enumerate(plan.tasks, start=1):
        rows.append([
            t.no or str(i), t.section[-1] if t.section else "", t.text,
            "、".join(t.units.lead), "、".join(t.units.responsible), "、".join(t.units.cooperate),
            "、".join(t.units.reference), _deadline(t), _note(t),
        ])
    return rows


def to_xlsx(plan: ParsedPlan, path: str | os.PathLike[str]) -> None:
    """Write the ledger: one row per task under the columns in ``LEDGER_COLUMNS``."""
    from openpyxl import Workbook  # lazy
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "任务台账"
    ws.append([plan.title or "工作任务台账"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(LEDGER_COLUMNS))
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.append(list(LEDGER_COLUMNS))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in ledger_rows(plan):
        ws.append(row)
    widths = (6, 24, 60, 16, 24, 16, 16, 14, 20)
    for col, width in zip("ABCDEFGHI", widths, strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A3"
    if plan.warnings:
        wsw = wb.create_sheet("解析提示")
        wsw.append(["提示 (warnings)"])
        for w in plan.warnings:
            wsw.append([w])
    wb.save(os.fspath(path))


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(plan: ParsedPlan) -> str:
    lines = [f"# {plan.title or '工作任务台账'}", ""]
    meta = [f"{k}：{v}" for k, v in (("发文机关", plan.issuer), ("文号", plan.doc_number), ("年度", plan.year)) if v]
    if meta:
        lines += ["　".join(meta), ""]
    lines.append("| " + " | ".join(LEDGER_COLUMNS) + " |")
    lines.append("|" + "---|" * len(LEDGER_COLUMNS))
    for row in ledger_rows(plan):
        lines.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
    if plan.warnings:
        lines += ["", "## 解析提示", ""] + [f"- {w}" for w in plan.warnings]
    return "\n".join(lines) + "\n"
