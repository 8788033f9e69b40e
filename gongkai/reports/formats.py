"""The national annual-report format as data: row and column ids and labels of tables 二, 三 and 四.

Two versions exist (shared/domain/foi-and-annual-report.md §3.1): the 2019 trial format
(国办公开办函〔2019〕60号) and the 2021 format (国办公开办函〔2021〕30号). Labels are verbatim from §3.3–§3.5;
the ids are the keys of every cell in the JSON output and in the stored snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from gongkai.foi_requests.outcomes import ApplicantCategory, RemedyKind, RemedyResult

from . import conf


class ReportFormat(models.TextChoices):
    F2019 = "2019", "2019年格式（试行，国办公开办函〔2019〕60号）"
    F2021 = "2021", "2021年格式（国办公开办函〔2021〕30号）"


def format_for_year(year: int) -> str:
    """Reports for 2021 onward use the 2021 format (§3.1: first year UNCONFIRMED, configurable)."""
    return ReportFormat.F2021 if year >= conf.format_2021_first_year() else ReportFormat.F2019


# ---- Table 三: columns (identical in both versions, §3.4) ------------------------------------------

TOTAL = "total"
APPLICANT_COLUMNS: list[tuple[str, str]] = [(c.value, c.label) for c in ApplicantCategory] + [(TOTAL, "总计")]
COLUMN_IDS = [c for c, _ in APPLICANT_COLUMNS]
CATEGORY_IDS = [c.value for c in ApplicantCategory]
CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
LEGAL_PERSON_GROUP = "法人或其他组织"
APPLICANT_GROUP = "申请人情况"


@dataclass(frozen=True)
class Row:
    """One data row of table 三. `group` is the （三）–（六） label the row sits under (empty if none)."""

    id: str
    label: str
    group: str = ""
    in_results: bool = False  # inside 三、本年度办理结果


NEW_RECEIVED = "new_received"
CARRIED_OVER = "carried_over"
TOTAL_PROCESSED = "total_processed"
CARRIED_FORWARD = "carried_forward"
OTHER_2019 = "other"  # 2019: （六）其他处理 is a single row

RESULTS_LABEL = "三、本年度办理结果"
GROUP_DENIED = "（三）不予公开"
GROUP_UNABLE = "（四）无法提供"
GROUP_NOT_PROCESSED = "（五）不予处理"
GROUP_OTHER = "（六）其他处理"

_DENIED = [
    ("denied_state_secret", "1.属于国家秘密"),
    ("denied_law_forbidden", "2.其他法律行政法规禁止公开"),
    ("denied_security", "3.危及“三安全一稳定”"),
    ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal", "5.属于三类内部事务信息"),
    ("denied_process", "6.属于四类过程性信息"),
    ("denied_enforcement", "7.属于行政执法案卷"),
    ("denied_admin_query", "8.属于行政查询事项"),
]
_UNABLE = [
    ("unable_not_held", "1.本机关不掌握相关政府信息"),
    ("unable_need_creation", "2.没有现成信息需要另行制作"),
    ("unable_unclear", "3.补正后申请内容仍不明确"),
]
_NOT_PROCESSED = [
    ("np_petition", "1.信访举报投诉类申请"),
    ("np_repeat", "2.重复申请"),
    ("np_publication", "3.要求提供公开出版物"),
    ("np_massive", "4.无正当理由大量反复申请"),
    ("np_confirm", "5.要求行政机关确认或重新出具已获取信息"),
]
_OTHER_2021 = [
    ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_other", "3.其他"),
]


def _rows(fmt: str) -> list[Row]:
    rows = [
        Row(NEW_RECEIVED, "一、本年新收政府信息公开申请数量"),
        Row(CARRIED_OVER, "二、上年结转政府信息公开申请数量"),
        Row("granted", "（一）予以公开", in_results=True),
        Row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", in_results=True),
    ]
    rows += [Row(i, label, GROUP_DENIED, True) for i, label in _DENIED]
    rows += [Row(i, label, GROUP_UNABLE, True) for i, label in _UNABLE]
    rows += [Row(i, label, GROUP_NOT_PROCESSED, True) for i, label in _NOT_PROCESSED]
    if fmt == ReportFormat.F2021:
        rows += [Row(i, label, GROUP_OTHER, True) for i, label in _OTHER_2021]
    else:
        rows.append(Row(OTHER_2019, GROUP_OTHER, in_results=True))
    rows.append(Row(TOTAL_PROCESSED, "（七）总计", in_results=True))
    rows.append(Row(CARRIED_FORWARD, "四、结转下年度继续办理"))
    return rows


SECTION3_ROWS: dict[str, list[Row]] = {f: _rows(f) for f in ReportFormat.values}


def section3_rows(fmt: str) -> list[Row]:
    return SECTION3_ROWS[fmt]


def outcome_rows(fmt: str) -> list[str]:
    """The rows that individual outcomes add up into （七）总计 (R2)."""
    return [r.id for r in SECTION3_ROWS[fmt] if r.in_results and r.id != TOTAL_PROCESSED]


def outcome_row(outcome: str, fmt: str) -> str:
    """The table 三 row an FOI outcome is counted in (§3.9). In 2019 the three （六） rows are one."""
    if fmt == ReportFormat.F2019 and outcome.startswith("other_"):
        return OTHER_2019
    return outcome


# ---- Table 四 (identical in both versions, §3.5) ---------------------------------------------------

REMEDY_GROUPS: list[tuple[str, str]] = [
    (RemedyKind.RECONSIDERATION.value, "行政复议"),
    (RemedyKind.LITIGATION_DIRECT.value, "未经复议直接起诉"),
    (RemedyKind.LITIGATION_AFTER_RECONSIDERATION.value, "复议后起诉"),
]
REMEDY_COLUMNS: list[tuple[str, str]] = [(r.value, r.label) for r in RemedyResult] + [(TOTAL, "总计")]
REMEDY_COLUMN_IDS = [c for c, _ in REMEDY_COLUMNS]


# ---- Table 二 (§3.3) --------------------------------------------------------------------------------


class CellKind(models.TextChoices):
    COUNT = "count", "非负整数"
    SIGNED = "signed", "整数（可为负数）"
    AMOUNT = "amount", "金额（可含小数）"
    TEXT = "text", "文字"


@dataclass(frozen=True)
class Section2Block:
    caption: str  # 第二十条第（X）项
    headers: list[str]  # first is 信息内容
    rows: list[tuple[str, str]]  # (row id, label)
    columns: list[tuple[str, CellKind]]  # (column id, kind)
    sources: dict[str, str] = field(default_factory=dict)  # row id -> data source key

    @property
    def spans_value(self) -> bool:
        """2021 blocks (五)(六)(八) have one value cell spanning the three value columns."""
        return len(self.columns) == 1


def _blocks_2021() -> list[Section2Block]:
    return [
        Section2Block(
            "第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            [("rules", "规章"), ("normative", "行政规范性文件")],
            [("issued", CellKind.COUNT), ("repealed", CellKind.COUNT), ("in_force", CellKind.COUNT)],
            {"rules": "policies", "normative": "policies"},
        ),
        Section2Block("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("licensing", "行政许可")],
                      [("decisions", CellKind.COUNT)]),
        Section2Block("第二十条第（六）项", ["信息内容", "本年处理决定数量"],
                      [("penalty", "行政处罚"), ("coercion", "行政强制")], [("decisions", CellKind.COUNT)]),
        Section2Block("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("fees", "行政事业性收费")],
                      [("amount_wan", CellKind.AMOUNT)]),
    ]


def _blocks_2019() -> list[Section2Block]:
    items = [("prev_items", CellKind.COUNT), ("change", CellKind.SIGNED), ("decisions", CellKind.COUNT)]
    item_headers = ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]
    return [
        Section2Block(
            "第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
            [("rules", "规章"), ("normative", "规范性文件")],
            [("made", CellKind.COUNT), ("published", CellKind.COUNT), ("total_public", CellKind.COUNT)],
        ),
        Section2Block("第二十条第（五）项", item_headers, [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")],
                      items),
        Section2Block("第二十条第（六）项", item_headers, [("penalty", "行政处罚"), ("coercion", "行政强制")], items),
        Section2Block("第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"], [("fees", "行政事业性收费")],
                      items[:2]),
        # Shanghai wrote the 2019 采购总金额 as text ("251000元"): the unit was not fixed, so it stays text.
        Section2Block("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"], [("procurement", "政府集中采购")],
                      [("items", CellKind.COUNT), ("amount", CellKind.TEXT)]),
    ]


SECTION2_BLOCKS: dict[str, list[Section2Block]] = {ReportFormat.F2021: _blocks_2021(), ReportFormat.F2019: _blocks_2019()}


def section2_blocks(fmt: str) -> list[Section2Block]:
    return SECTION2_BLOCKS[fmt]


def section2_cells(fmt: str) -> list[tuple[str, str, CellKind, str]]:
    """Every cell of table 二 as (row id, column id, kind, row label)."""
    return [(r, c, kind, label) for b in SECTION2_BLOCKS[fmt] for r, label in b.rows for c, kind in b.columns]


def empty_section2(fmt: str) -> dict:
    return {r: {c: ("" if kind == CellKind.TEXT else 0) for c, kind in b.columns}
            for b in SECTION2_BLOCKS[fmt] for r, _ in b.rows}


# ---- Sections (§3.2) -------------------------------------------------------------------------------

SECTION_HEADINGS = {
    "1": "一、总体情况",
    "2": "二、主动公开政府信息情况",
    "3": "三、收到和处理政府信息公开申请情况",
    "4": "四、政府信息公开行政复议、行政诉讼情况",
    "5": "五、存在的主要问题及改进情况",
    "6": "六、其他需要报告的事项",
}
