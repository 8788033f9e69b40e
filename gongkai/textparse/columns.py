"""Table header cells (表头) and the column roles they name."""

from __future__ import annotations

import re

from . import deadlines
from .units import as_unit_list, role_of_label

_NO = re.compile(r"^(?:序号|编号|序|项次|任务编号|条目)$")
_TITLE = re.compile(
    r"^(?:工作任务|工作事项|工作要求|重点任务|主要任务|任务|事项|项目|类别|工作类别|任务名称|工作项目|重点工作|工作重点|"
    r"目标任务|任务类别|公开事项|一级指标|二级指标|工作内容分类|板块|领域|重点领域|工作板块|任务事项)$"
)
_TEXT = re.compile(
    r"^(?:具体要求|具体任务|具体内容|工作内容|任务内容|主要内容|工作措施|具体措施|具体工作|工作要点|要求|内容|任务分解|"
    r"目标要求|具体事项|工作目标|任务要求|具体工作任务|具体工作要求|工作任务及要求|任务及要求|主要任务内容|公开内容|"
    r"具体举措|主要措施|落实措施|细化任务)$"
)
_UNITS = re.compile(
    r"^(?:牵头|责任|配合|协办|协助|参与|主办|主责|落实|参照落实|参照执行|承办|实施|主要责任|具体责任|责任主体|"
    r"牵头(?:及|和|、|/)?(?:责任|配合|落实)|牵头落实)?(?:单位|部门|股室|科室|处室|机构)$"
)
_DEADLINE = re.compile(
    r"^(?:完成时限|完成时间|时限要求|时间要求|时间节点|时限|完成期限|时间安排|进度安排|办结时限|完成时限要求|时间|期限|"
    r"完成时间节点|截止时间|办理时限|公开时限)$"
)
_NOTE = re.compile(
    r"^(?:备注|说明|完成情况|进展情况|落实情况|责任人|联系人|经办人|联系电话|更新频率|公开方式|公开渠道|评分标准|分值|"
    r"(?:分管|牵头|责任|主管|包保)(?:区|市|县|镇|街道)?(?:领导|负责人|负责同志))$"  # columns naming people, not units
)


def header_role(cell_s: str) -> str | None:
    """Column role named by a header cell (simplified, no spaces), or None.

    Roles: no, title, text, deadline, note, units:<default role>.
    """
    text = re.sub(r"[\s（(].*?[）)]|\s", "", cell_s)
    if not text or len(text) > 12:
        return None
    if _NO.match(text):
        return "no"
    if _TITLE.match(text):
        return "title"
    if _TEXT.match(text):
        return "text"
    if _DEADLINE.match(text):
        return "deadline"
    if _NOTE.match(text):
        return "note"
    if _UNITS.match(text):
        if "牵头" in text and re.search(r"及|和|、|/|落实|责任", text):
            return "units:responsible"  # mixed column: the role words inside decide
        return "units:" + role_of_label(text)
    return None


_NO_CELL = re.compile(r"[（(]?[\d一二三四五六七八九十]{1,3}[）)]?[.、．]?")


def content_role(cell_s: str, year: int | None = None) -> str:
    """Column role read from what a cell holds (simplified, no spaces): no, units:responsible,
    deadline, or text for anything else."""
    if _NO_CELL.fullmatch(cell_s):
        return "no"
    if as_unit_list(cell_s) is not None:
        return "units:responsible"
    if len(cell_s) <= 24 and deadlines.find_deadline(cell_s, year, strict=False):
        return "deadline"
    if len(cell_s) <= 12 and deadlines.is_no_date_phrase(cell_s):
        return "deadline"
    return "text"


def header_map(cells_s: list[str]) -> dict[int, str] | None:
    """Column roles if this row is a header row (≥2 header cells, nothing else long)."""
    roles: dict[int, str] = {}
    filled = 0
    for i, text in enumerate(cells_s):
        if not text.strip():
            continue
        filled += 1
        if len(text) > 40:
            return None  # a task's text, not a header (headers are a few words, maybe with a note)
        role = header_role(text)
        if role is None:
            if len(text) > 12:
                return None
            continue
        roles[i] = role
    if len(roles) >= 2 and len(roles) >= filled - 1:
        titles = [i for i, r in roles.items() if r == "title"]
        if titles and "text" not in roles.values():
            # 序号 | 工作任务 | 责任单位: with no 具体要求 column the (last) 工作任务 cells are the tasks,
            # and a column before it (任务类别 | 工作任务) names their sections
            roles[titles[-1]] = "text"
        return roles
    return None
