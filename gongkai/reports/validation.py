"""Consistency rules (勾稽关系) of the annual report, shared/domain/foi-and-annual-report.md §3.8.

R1–R4 and R6 are errors that block approval and publication; R5 (carry-over between years) is a
warning, as real data may differ by reclassification. T1 (a required section left empty) is an
error too: the content must follow 条例第五十条, "不能遗漏" (§3.1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from . import formats
from .formats import CARRIED_FORWARD, CARRIED_OVER, NEW_RECEIVED, TOTAL, TOTAL_PROCESSED, CellKind

ERROR = "error"
PROMPT_RE = re.compile(r"【请填写[^】]*】")
WARNING = "warning"


@dataclass
class Finding:
    code: str  # R1 … R6, T1, D1, S1
    level: str  # ERROR | WARNING
    message: str
    cells: list[str] = field(default_factory=list)  # "section3.row.column" keys to highlight

    @property
    def blocking(self) -> bool:
        return self.level == ERROR


def _column_label(column: str) -> str:
    return dict(formats.APPLICANT_COLUMNS)[column]


def _int(value) -> int | None:
    """A non-negative integer cell, or None when the value is not one (R6)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    return None


def check_structure(*, fmt: str, section2: dict, section3: dict, section4: dict) -> list[Finding]:
    """R6: every cell present and a non-negative integer, except the amounts (decimal) and 2019 增/减."""
    bad: list[str] = []
    for row in formats.section3_rows(fmt):
        for column in formats.COLUMN_IDS:
            if _int(section3.get(row.id, {}).get(column)) is None:
                bad.append(f"section3.{row.id}.{column}")
    for group, _ in formats.REMEDY_GROUPS:
        for column in formats.REMEDY_COLUMN_IDS:
            if _int(section4.get(group, {}).get(column)) is None:
                bad.append(f"section4.{group}.{column}")
    for row, column, kind, _ in formats.section2_cells(fmt):
        value = section2.get(row, {}).get(column)
        if not _cell_ok(value, kind):
            bad.append(f"section2.{row}.{column}")
    if not bad:
        return []
    return [Finding("R6", ERROR, f"有{len(bad)}个单元格不是有效数值（应为非负整数；收费金额可为小数）", bad)]


def _cell_ok(value, kind: str) -> bool:
    if kind == CellKind.TEXT:
        return isinstance(value, str)
    if kind == CellKind.SIGNED:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == CellKind.AMOUNT:
        try:
            return value is not None and not isinstance(value, bool) and Decimal(str(value)) >= 0
        except InvalidOperation:
            return False
    return _int(value) is not None


def check_section3(*, fmt: str, section3: dict) -> list[Finding]:
    """R1 per column, R2 per column, R3 per row. Assumes R6 passed."""
    findings: list[Finding] = []
    outcome_rows = formats.outcome_rows(fmt)
    for column in formats.COLUMN_IDS:
        left = section3[NEW_RECEIVED][column] + section3[CARRIED_OVER][column]
        right = section3[TOTAL_PROCESSED][column] + section3[CARRIED_FORWARD][column]
        if left != right:
            findings.append(Finding(
                "R1", ERROR,
                f"表三“{_column_label(column)}”列：一（{section3[NEW_RECEIVED][column]}）＋二（{section3[CARRIED_OVER][column]}）"
                f"＝{left}，不等于三（七）（{section3[TOTAL_PROCESSED][column]}）＋四（{section3[CARRIED_FORWARD][column]}）＝{right}",
                [f"section3.{r}.{column}" for r in (NEW_RECEIVED, CARRIED_OVER, TOTAL_PROCESSED, CARRIED_FORWARD)],
            ))
    for column in formats.COLUMN_IDS:
        parts = sum(section3[r][column] for r in outcome_rows)
        if parts != section3[TOTAL_PROCESSED][column]:
            findings.append(Finding(
                "R2", ERROR,
                f"表三“{_column_label(column)}”列：（七）总计为{section3[TOTAL_PROCESSED][column]}，"
                f"但（一）至（六）各项之和为{parts}",
                [f"section3.{TOTAL_PROCESSED}.{column}"],
            ))
    labels = {r.id: r.label for r in formats.section3_rows(fmt)}
    for row in formats.section3_rows(fmt):
        cells = section3[row.id]
        parts = sum(cells[c] for c in formats.CATEGORY_IDS)
        if parts != cells[TOTAL]:
            findings.append(Finding(
                "R3", ERROR, f"表三“{labels[row.id]}”行：总计为{cells[TOTAL]}，但各类申请人之和为{parts}",
                [f"section3.{row.id}.{TOTAL}"],
            ))
    return findings


def check_section4(*, section4: dict) -> list[Finding]:
    """R4: each group's 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    findings = []
    for group, label in formats.REMEDY_GROUPS:
        cells = section4[group]
        parts = cells["upheld"] + cells["corrected"] + cells["other"] + cells["pending"]
        if parts != cells[TOTAL]:
            findings.append(Finding(
                "R4", ERROR, f"表四“{label}”：总计为{cells[TOTAL]}，但结果维持、结果纠正、其他结果、尚未审结之和为{parts}",
                [f"section4.{group}.{TOTAL}"],
            ))
    return findings


def check_carry_over(*, section3: dict, previous_section3: dict | None, previous_label: str = "上年度报告") -> list[Finding]:
    """R5 (warning): 二 of year N should equal 四 of year N−1, per column."""
    if not previous_section3:
        return []
    findings = []
    for column in formats.COLUMN_IDS:
        mine = section3[CARRIED_OVER][column]
        theirs = previous_section3.get(CARRIED_FORWARD, {}).get(column)
        if theirs is not None and mine != theirs:
            findings.append(Finding(
                "R5", WARNING,
                f"表三“{_column_label(column)}”列：本年“上年结转”为{mine}，{previous_label}“结转下年度继续办理”为{theirs}，请核实",
                [f"section3.{CARRIED_OVER}.{column}"],
            ))
    return findings


def check_texts(*, texts: dict[str, str]) -> list[Finding]:
    labels = {"section1_text": formats.SECTION_HEADINGS["1"], "section5_text": formats.SECTION_HEADINGS["5"],
              "section6_text": formats.SECTION_HEADINGS["6"]}
    findings = []
    empty = [labels[k] for k, v in texts.items() if k in labels and not (v or "").strip()]
    if empty:
        findings.append(Finding(
            "T1", ERROR, f"以下部分尚未填写：{'、'.join(empty)}（条例第五十条规定的内容不能遗漏；没有的写“无”）"
        ))
    prompts = [m for text in texts.values() for m in PROMPT_RE.findall(text or "")]
    if prompts:
        findings.append(Finding("T2", ERROR, f"正文中还有{len(prompts)}处待填写的提示：{prompts[0]}"))
    return findings


def validate(*, fmt: str, section2: dict, section3: dict, section4: dict, texts: dict[str, str] | None = None,
             previous_section3: dict | None = None) -> list[Finding]:
    findings = check_structure(fmt=fmt, section2=section2, section3=section3, section4=section4)
    if not findings:  # the arithmetic rules need well-formed cells
        findings += check_section3(fmt=fmt, section3=section3)
        findings += check_section4(section4=section4)
        findings += check_carry_over(section3=section3, previous_section3=previous_section3)
    if texts is not None:
        findings += check_texts(texts=texts)
    return findings


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.blocking]
