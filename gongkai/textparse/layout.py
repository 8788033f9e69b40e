"""Layout understanding: rows and paragraphs → an outline tree → tasks.

Every reader yields the same rows (see :mod:`model`). This module reads them in order and
builds a tree of numbered nodes (一、 > （一） > 1. > （1）), whatever the layout:

* **table mode** — a row of a task table (columns found from the header row, or from what
  the cells hold): the title column opens a section, the text column holds one or more
  numbered items that share the row's unit and deadline cells; an empty unit cell means
  a merged cell, so the units come from the row above (``units_inherited``).
* **line mode** — paragraphs, and tables flattened to one cell per line: a unit line
  (辦公室、各股室 / 责任单位：…) belongs to the items just before it; items left without
  units take those of the previous item in the same section.

Leaves of the tree are tasks; nodes with children are sections. Headings repeated at
page breaks re-open the section they repeat instead of starting a new one.

This module holds the builder and line mode; the tree is in :mod:`outline`, table mode in
:mod:`table_rows` and the step from nodes to tasks in :mod:`task_output`.
"""

from __future__ import annotations

import re

from . import columns, deadlines
from .model import Cell, Row
from .normalize import squash, strip_tags, to_simplified
from .numbering import parse_numbering
from .outline import Node
from .table_rows import TableRows
from .task_output import TaskOutput
from .units import DEADLINE_LABEL, ROLE_LABEL, as_unit_list, one_parenthesis, parse_units, split_inline

_SKIP = re.compile(
    r"^(?:字体[:：]|字号[:：]|【?打印|关闭窗口|分享到|您现在的位置|当前位置|来源[:：]|发布时间|浏览次数|扫一扫|"
    r"第\s*\d+\s*页|[-—－]+\s*\d+\s*[-—－]+$|公开方式[:：]|公开属性[:：]|[（(]此件[^）)]*[）)]$|"
    r"#source:|索引号[:：]|主题分类[:：]|发文机关[:：]|成文日期[:：]|信息来源[:：])"
)
_END = re.compile(r"^(?:相关附件|附件\s*[:：\d一二三四五六七八九]|附件$|抄送[:：]|.{2,40}\d{4}年\d{1,2}月\d{1,2}日印发$)")
_DATE_ONLY = re.compile(r"^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")


class LayoutBuilder(TableRows, TaskOutput):
    """Feed the body rows in order with :meth:`feed`, then read :meth:`tasks`."""

    def __init__(self, year: int | None):
        self.year = year
        self._init_outline()
        self.colmap: dict[int, str] = {}
        self.learned: dict[int, str] = {}
        self.unit_cells_above: dict[int, tuple[str, str]] = {}
        self.ended = False
        self.warnings: list[str] = []
        self._first_numbered: dict[int, int | None] = {}

    def feed(self, row: Row) -> None:
        if self.ended:
            return
        cells = [Cell(strip(c.text), c.loc, c.merged) for c in row.cells]
        filled = [c for c in cells if c.text]
        if not filled and not any(c.merged for c in cells):
            return
        cells_s = [to_simplified(squash(c.text)) for c in cells]
        hmap = columns.header_map(cells_s) if len(filled) >= 2 else None
        if hmap:
            self.colmap, self.learned = hmap, {}
            return
        if len(filled) == 1:
            one = squash(filled[0].text)
            one_s = to_simplified(one)
            if columns.header_role(one_s) and len(one_s) <= 8:
                return  # a header cell on a line of its own (flattened table)
        only = next(i for i, c in enumerate(cells) if c.text) if len(filled) == 1 else -1
        if only >= 0 and self.colmap.get(only) == "no" \
                and not re.fullmatch(r"[（(]?\d{1,3}[）)]?[.、．]?", to_simplified(filled[0].text)):
            self._feed_line_cell(filled[0])  # a section heading spanning the row, starting in the 序号 column
        elif row.is_table and len(filled) >= 2 or row.is_table and self._table_has_units(cells):
            self._feed_table_row(cells, cells_s)
        else:
            for cell in filled:
                self._feed_line_cell(cell)

    def _feed_line_cell(self, cell: Cell) -> None:
        lines = [ln for ln in cell.text.split("\n") if ln.strip()]
        created: list[Node] = []
        for k, line in enumerate(lines):
            text = squash(line)
            simp = to_simplified(text)
            if _SKIP.match(simp):
                continue
            if _END.match(simp):
                if self.nodes:
                    self.ended = True
                    return
                continue
            if _DATE_ONLY.match(simp):
                continue
            if re.fullmatch(r"\d{1,3}", simp):
                # a 序号 cell on its own line numbers the next item; other bare numbers are page numbers
                if int(simp) == self.last_number + 1 or (int(simp) == 1 and not self.nodes):
                    self.next_number = simp
                continue
            if parse_numbering(simp) is None and self._continue_parenthesis(text):
                continue  # the rest of a parenthesis the item above left open, units or not
            if len(simp) <= 24 and parse_numbering(simp) is None and self.nodes:
                dl = deadlines.find_deadline(simp, self.year, strict=False)
                if dl and len(dl.text) >= len(simp) - 4 or len(simp) <= 8 and deadlines.is_no_date_phrase(simp):
                    self._assign_deadline(deadlines.deadline_from_cell(text, simp, self.year))
                    continue
            last = self.last_content
            if simp[:1] in "（(" and one_parenthesis(simp) and last is not None and last.units is None \
                    and not self.after_units and last is self.stack[-1]:
                # "（A牵头，B配合）" on a line of its own, as wrapped from a PDF: the item above's units
                last.parts.append(text)
                if self._take_inline_units(last, tail_only=True, units_only=True):
                    continue
                last.parts.pop()  # not units (a bracketed deadline): read the line normally
            units = None
            if ROLE_LABEL.match(simp) or DEADLINE_LABEL.match(simp):
                rest, units, words = split_inline("（" + text + "）")
                if words:
                    self._assign_deadline(deadlines.deadline_from_cell(words, to_simplified(words), self.year))
                if units is None:
                    if words:
                        continue
                    units = parse_units(text)
            elif parse_numbering(simp) is None and len(simp) <= 200:
                units = as_unit_list(text)
            if units is not None and not units.is_empty():
                self._assign_units(units)
                continue
            self._add_line(text, cell.loc, table_mode=False, first_in_cell=(k == 0), created=created)


# A table copied out of a web page loses its tabs: the columns are runs of two or more spaces.
# One space (or one 全角 space after 第一条) is inside a cell.
_SPACED_COLUMNS = re.compile(r"[ \u3000\u00a0]{2,}")
_LABEL_VALUE = re.compile(r"^[^：:]{1,8}[：:]")


def spaced_tables(rows: list[Row]) -> list[Row]:
    """Paragraphs that are rows of a space-separated table, as table rows.

    A table starts at a header row (序号  工作任务  责任单位 …) or at a line that starts with a
    序号. After it, a line of three or more space-separated parts, and no more than the table
    has columns, is a row if it starts with a 序号 or if one of its parts holds what its column
    does (units under 责任单位, a date under 完成时限). Wide spacing elsewhere (justified PDF
    text, web page metadata such as 发布时间：…  来源：…) stays a paragraph, before the table
    and after it.
    """
    out: list[Row] = []
    width = 0  # columns of the space-separated table being read, 0 outside one
    roles: dict[int, str] = {}  # its column roles: from the header, else from the rows read
    for row in rows:
        parts = _spaced_parts(row)
        if parts is not None:
            parts_s = [to_simplified(squash(p)) for p in parts]
            header = columns.header_map(parts_s)
            numbered = re.fullmatch(r"\d{1,3}[.、．]?", parts[0]) is not None  # a 序号 cell: a row even without a header
            if header is not None:
                width, roles = len(parts), header
            elif numbered or width and len(parts) <= width and _holds_its_columns(parts_s, roles, width):
                width = max(width, len(parts))
                for i, role in enumerate(map(columns.content_role, parts_s)):
                    if role != "text":
                        roles.setdefault(i, role)
            else:
                out.append(row)
                continue
            out.append(Row([Cell(p, row.cells[0].loc) for p in parts], table=0))
            continue
        if row.is_table:
            width, roles = 0, {}
        out.append(row)
    return out


def _holds_its_columns(parts_s: list[str], roles: dict[int, str], width: int) -> bool:
    """Does a part read as what its column holds: a 序号, units or a deadline?

    A line does not show its empty cells, so its parts are tried against the columns from the
    left (cells empty at the end) and from the right (merged cells at the start).
    """
    for shift in {0, width - len(parts_s)}:
        for i, text in enumerate(parts_s):
            role = roles.get(i + shift, "text").partition(":")[0]
            if role != "text" and columns.content_role(text).partition(":")[0] == role:
                return True
    return False


def _spaced_parts(row: Row) -> list[str] | None:
    if row.is_table or len(row.cells) != 1:
        return None
    line = row.cells[0].text
    if "\n" in line or not ("  " in line or "\u3000" in line or "\u00a0" in line):
        return None
    parts = _SPACED_COLUMNS.split(line.strip(" \u3000\u00a0"))
    if len(parts) < 3 or sum(bool(_LABEL_VALUE.match(p)) for p in parts) >= 2:
        return None
    return parts


def strip(text: str) -> str:
    return strip_tags(text).strip()
