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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import columns, deadlines
from .model import Cell, ParsedTask, Row, UnitRoles
from .normalize import squash, to_simplified
from .numbering import Numbering, display_no, inline_enumeration, parse_numbering
from .units import DEADLINE_LABEL, ROLE_LABEL, as_unit_list, parse_units, split_inline

_SKIP = re.compile(
    r"^(?:字体[:：]|字号[:：]|【?打印|关闭窗口|分享到|您现在的位置|当前位置|来源[:：]|发布时间|浏览次数|扫一扫|"
    r"第\s*\d+\s*页|[-—－]+\s*\d+\s*[-—－]+$|公开方式[:：]|公开属性[:：]|[（(]此件[^）)]*[）)]$|"
    r"#source:|索引号[:：]|主题分类[:：]|发文机关[:：]|成文日期[:：]|信息来源[:：])"
)
_END = re.compile(r"^(?:相关附件|附件\s*[:：\d一二三四五六七八九]|附件$|抄送[:：]|.{2,40}\d{4}年\d{1,2}月\d{1,2}日印发$)")
_DATE_ONLY = re.compile(r"^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_INTRO = re.compile(r"^(?:指导思想|总体要求|基本原则|工作目标|主要目标|总体目标|总体思路|目标要求)$")
_NONE_CELL = re.compile(r"^(?:无|暂无|[/／\\—－\-]+)$")  # "none" written into a unit cell
_SENT_END = "。！!？?；;…”）)"
_TRAIL_PUNCT = "。．.，,；;：: \u3000"


@dataclass(eq=False)
class Node:
    rank: float
    num: Numbering | None
    parts: list[str]
    loc: dict[str, int]
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    units: UnitRoles | None = None
    deadline: tuple | None = None  # (date|None, text) from a deadline cell or label
    forced_heading: bool = False
    table_mode: bool = False
    units_empty_cell: bool = False
    preamble: bool = False
    no_override: str | None = None
    order: int = 0  # creation order, to compare positions among siblings

    @property
    def text(self) -> str:
        return squash("".join(self.parts))

    @property
    def title_like(self) -> bool:
        """A numbered heading with no body: one short clause (做好财政信息公开。)."""
        if self.forced_heading:
            return True
        if self.num is None or self.num.rank > 2.5:
            return False
        body = self.text.rstrip(_TRAIL_PUNCT)
        return 0 < len(body) <= 60 and not re.search(r"[。；;！？]", body)

    def section_name(self) -> str:
        text = self.text
        if not self.title_like:
            m = re.search(r"[。；;！？]", text)
            if m:
                text = text[: m.start()]
        label = self.num.label if self.num else ""
        return squash(label + text).rstrip(_TRAIL_PUNCT)


def _ends_sentence(text: str) -> bool:
    return bool(text) and text.rstrip()[-1:] in _SENT_END


def _similar_heading(a: str, b: str) -> bool:
    a, b = re.sub(r"[\W_]", "", a), re.sub(r"[\W_]", "", b)
    return bool(a and b) and (a.startswith(b) or b.startswith(a))


class LayoutBuilder:
    def __init__(self, year: int | None):
        self.year = year
        self.root = Node(rank=-1, num=None, parts=[], loc={})
        self.stack: list[Node] = [self.root]
        self.nodes: list[Node] = []
        self.pending: list[Node] = []  # line mode: items still waiting for a unit line
        self.after_units = False
        self.colmap: dict[int, str] = {}
        self.learned: dict[int, str] = {}
        self.ended = False
        self.unit_targets: list[Node] = []  # items the last unit line went to
        self.last_content: Node | None = None
        self.warnings: list[str] = []
        self.last_number = 0
        self.next_number: str | None = None
        self._first_numbered: dict[int, int | None] = {}

    # ------------------------------------------------------------------ tree
    def _open(self, node: Node) -> Node:
        """Insert a numbered node under the nearest open node of smaller rank."""
        while len(self.stack) > 1 and self.stack[-1].rank >= node.rank:
            self.stack.pop()
        parent = self.stack[-1]
        last = parent.children[-1] if parent.children else None
        if node.num is not None and last is not None and last.num is not None and last.rank == node.rank \
                and last.num.style == node.num.style and last.num.value == node.num.value:
            if (last.title_like or node.title_like) and _similar_heading(last.text, node.text) \
                    or last.text == node.text:
                self.stack.append(last)  # repeated at a page break: re-open it
                return last
        node.parent = parent
        node.order = len(self.nodes)
        parent.children.append(node)
        self.stack.append(node)
        self.nodes.append(node)
        # items waiting for units belong to a section this node closes
        self.pending = [p for p in self.pending
                        if p.parent is not None and p.parent.rank < node.rank and not p.preamble]
        self.pending.append(node)
        self.unit_targets = []
        return node

    def _open_unnumbered(self, text: str, loc: dict[str, int], *, table_mode: bool) -> Node:
        while len(self.stack) > 1 and not self.stack[-1].title_like:
            self.stack.pop()
        parent = self.stack[-1]
        node = Node(rank=9, num=None, parts=[text], loc=loc, parent=parent, table_mode=table_mode,
                    preamble=parent is self.root, order=len(self.nodes))
        parent.children.append(node)
        self.stack.append(node)
        self.nodes.append(node)
        self.pending.append(node)
        return node

    def _open_title(self, text: str, loc: dict[str, int], *, forced: bool) -> Node:
        """A section from a table's title column (numbered or not)."""
        simp = to_simplified(text)
        num = parse_numbering(simp)
        if num is not None and num.rank <= 2.5:
            node = Node(rank=num.rank, num=num, parts=[text[num.end:]], loc=loc, forced_heading=forced)
            return self._open(node)
        body = text[num.end:] if num else text
        while len(self.stack) > 1 and self.stack[-1].rank >= 2.5:
            self.stack.pop()
        parent = self.stack[-1]
        last = parent.children[-1] if parent.children else None
        if last is not None and last.rank == 2.5 and _similar_heading(last.text, body):
            self.stack.append(last)
            return last
        node = Node(rank=2.5, num=None, parts=[body], loc=loc, parent=parent, forced_heading=forced,
                    order=len(self.nodes))
        parent.children.append(node)
        self.stack.append(node)
        self.nodes.append(node)
        return node

    # ------------------------------------------------------------- content
    def _add_line(self, text: str, loc: dict[str, int], *, table_mode: bool, first_in_cell: bool,
                  created: list[Node]) -> None:
        """One paragraph / one line of a cell."""
        text = squash(text)
        if not text:
            return
        simp = to_simplified(text)
        num = parse_numbering(simp)
        if num is None and self.next_number is not None:
            num = parse_numbering(self.next_number + "、")
            text, simp = self.next_number + "、" + text, self.next_number + "、" + simp
        self.next_number = None
        self.unit_targets = []
        if num is not None and len(simp) > num.end:
            node = self._open(Node(rank=num.rank, num=num, parts=[text[num.end:]], loc=loc, table_mode=table_mode))
            if num.style == "ar" and num.value is not None:
                self.last_number = num.value
            created.append(node)
            self.after_units = False
            self.last_content = node
        else:
            last = self.last_content
            cont = False
            if not first_in_cell and created:
                cont = True  # later lines of one cell continue its last item
            elif last is not None and not self.after_units and not table_mode:
                cont = not last.title_like and last is self.stack[-1]
            elif last is not None and table_mode and not _ends_sentence(last.text) and not created:
                cont = last is self.stack[-1] and not last.title_like
            if cont and last is not None:
                last.parts.append(text)
                return
            node = self._open_unnumbered(text, loc, table_mode=table_mode)
            created.append(node)
            self.after_units = False
            self.last_content = node
        # units or a deadline printed inside/after the item
        stripped, units, deadline_words = split_inline(squash("".join(node.parts)))
        if units is not None or deadline_words:
            node.parts = [stripped]
            if units is not None:
                node.units = units
                self.after_units = True
                self.pending = []
            if deadline_words:
                node.deadline = deadlines.deadline_from_cell(deadline_words, to_simplified(deadline_words), self.year)
        self._split_enumeration(node, created)

    def _split_enumeration(self, node: Node, created: list[Node]) -> None:
        """An inline "一是…；二是…" list makes the paragraph a section of one task per item."""
        text = squash("".join(node.parts))
        if "是" not in text:
            return
        spans = inline_enumeration(to_simplified(text))
        if not spans:
            return
        node.parts = [text[: spans[0][0]]]
        for k, (_, start, label) in enumerate(spans):
            end = spans[k + 1][0] if k + 1 < len(spans) else len(text)
            num = Numbering(node.rank + 0.2, "shi", label, k + 1, 0)
            child = Node(rank=num.rank, num=num, parts=[text[start:end]], loc=node.loc, parent=node,
                         table_mode=node.table_mode, deadline=node.deadline, order=len(self.nodes),
                         units=node.units.copy() if node.units is not None else None)
            node.children.append(child)
            self.nodes.append(child)
            created.append(child)
            if child.units is None:
                self.pending.append(child)
        self.stack.append(node.children[-1])
        self.last_content = node.children[-1]

    def _assign_units(self, units: UnitRoles) -> None:
        if self.unit_targets:
            # a second unit line right after the first (牵头单位：… / 配合单位：…) adds to the same items
            for node in self.unit_targets:
                if node.units is not None:
                    node.units.merge(units)
            return
        targets = [p for p in self.pending if not p.children and p.units is None]
        if not targets:
            targets = [p for p in self.pending if p.units is None][-1:]
        if not targets and self.stack[-1] is not self.root and self.stack[-1].units is None:
            targets = [self.stack[-1]]
        for node in targets:
            node.units = units.copy()
        self.unit_targets = targets
        self.pending = []
        self.after_units = True

    def _assign_deadline(self, deadline: tuple) -> None:
        targets = [p for p in self.pending if not p.children] or ([self.last_content] if self.last_content else [])
        for node in targets:
            if node is not None and node.deadline is None:
                node.deadline = deadline

    # ----------------------------------------------------------------- rows
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
        if len(filled) == 1 and self.colmap.get(cells.index(filled[0])) == "no" \
                and not re.fullmatch(r"[（(]?\d{1,3}[）)]?[.、．]?", to_simplified(filled[0].text)):
            self._feed_line_cell(filled[0])  # a section heading spanning the row, starting in the 序号 column
        elif row.is_table and len(filled) >= 2 or row.is_table and self._table_has_units(cells):
            self._feed_table_row(cells, cells_s)
        else:
            for cell in filled:
                self._feed_line_cell(cell)

    def _table_has_units(self, cells: list[Cell]) -> bool:
        unit_cols = [i for i, r in {**self.learned, **self.colmap}.items() if r.startswith("units")]
        return any(i < len(cells) for i in unit_cols) and any(
            cells[i].text for i in range(len(cells)) if i not in unit_cols)

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
            if len(simp) <= 24 and parse_numbering(simp) is None and self.nodes:
                dl = deadlines.find_deadline(simp, self.year, strict=False)
                if dl and len(dl.text) >= len(simp) - 4 or len(simp) <= 8 and deadlines.is_no_date_phrase(simp):
                    self._assign_deadline(deadlines.deadline_from_cell(text, simp, self.year))
                    continue
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

    def _cell_role(self, i: int, text_s: str) -> str:
        role = self.colmap.get(i)
        if role:
            return role
        if re.fullmatch(r"[（(]?[\d一二三四五六七八九十]{1,3}[）)]?[.、．]?", text_s):
            return "no"
        if as_unit_list(text_s) is not None:
            return "units:responsible"
        if len(text_s) <= 24 and deadlines.find_deadline(text_s, self.year, strict=False):
            return "deadline"
        if len(text_s) <= 12 and deadlines.is_no_date_phrase(text_s):
            return "deadline"
        return "text"

    def _feed_table_row(self, cells: list[Cell], cells_s: list[str]) -> None:
        roles: list[str | None] = []
        for i, (cell, simp) in enumerate(zip(cells, cells_s, strict=True)):
            if not cell.text:
                roles.append(self.colmap.get(i) or self.learned.get(i))
                continue
            role = self._cell_role(i, simp)
            if role.startswith("units") or role == "deadline":
                self.learned.setdefault(i, role)
            roles.append(role)
        text_cols = [i for i, r in enumerate(roles) if r == "text" and cells[i].text]
        if "title" not in roles and len(text_cols) >= 2:
            first = text_cols[0]
            if len(cells_s[first]) <= 60 and not re.search(r"[。；;]\S", cells_s[first]):
                roles[first] = "title"
        has_text = any(r == "text" and cells[i].text for i, r in enumerate(roles))
        if not has_text:
            # a row with only a title cell: a section row, or the task itself when it has units
            has_units = any((r or "").startswith("units") and cells[i].text for i, r in enumerate(roles))
            for i, r in enumerate(roles):
                if r == "title" and cells[i].text:
                    if has_units:
                        roles[i] = "text"
                    else:
                        self._open_title(squash(cells[i].text), cells[i].loc, forced=False)
                        return
        created: list[Node] = []
        no_label: str | None = None
        unit_cells: list[tuple[Cell, str]] = []
        deadline_cell: Cell | None = None
        units_col_present = False
        for cell, role in zip(cells, roles, strict=True):
            if role is None or role == "note":
                continue
            if role.startswith("units"):
                units_col_present = True
                if cell.text and not _NONE_CELL.match(squash(cell.text)):
                    unit_cells.append((cell, role.split(":", 1)[1]))
            elif role == "deadline":
                deadline_cell = cell
            elif role == "no":
                no_label = squash(cell.text).rstrip("、.．") or None
            elif role == "title":
                if cell.text:
                    self._open_title(squash(cell.text), cell.loc, forced=True)
            elif cell.text:
                lines = [ln for ln in cell.text.split("\n") if ln.strip()]
                for k, line in enumerate(lines):
                    self._add_line(line, cell.loc, table_mode=True, first_in_cell=(k == 0), created=created)
        if not created:
            return
        if no_label and created[0].num is None:
            created[0].no_override = no_label
        if unit_cells:
            units = UnitRoles()
            for cell, default in unit_cells:
                units.merge(parse_units(cell.text, default))
            for node in created:
                if node.units is None:
                    node.units = units.copy()
        elif units_col_present:
            for node in created:
                node.units_empty_cell = True
        if deadline_cell is not None:
            if deadline_cell.text:
                dl = deadlines.deadline_from_cell(squash(deadline_cell.text),
                                                  to_simplified(squash(deadline_cell.text)), self.year)
                for node in created:
                    node.deadline = node.deadline or dl
            elif deadline_cell.merged and self.last_deadline is not None:
                for node in created:
                    node.deadline = node.deadline or self.last_deadline
            if created[-1].deadline:
                self.last_deadline = created[-1].deadline
        self.pending = []
        self.after_units = True

    last_deadline: tuple | None = None

    # --------------------------------------------------------------- result
    def tasks(self) -> list[ParsedTask]:
        out: list[tuple[Node, ParsedTask]] = []
        for node in self.nodes:
            if not self._is_task(node):
                continue
            text = node.text
            text, inline_units, inline_dl = split_inline(text)
            if not text:
                continue
            task = ParsedTask(no=node.no_override or (display_no(node.num) if node.num else None),
                              section=self._sections(node), text=text, source=dict(node.loc))
            units = node.units or inline_units
            if units is not None:
                task.units = units.copy()
            dl = node.deadline
            if dl is None and inline_dl:
                dl = deadlines.deadline_from_cell(inline_dl, to_simplified(inline_dl), self.year)
            self._set_dates(task, dl)
            out.append((node, task))
        self._inherit(out)
        return [t for _, t in out]

    def _is_task(self, node: Node) -> bool:
        if node.children or node.forced_heading:
            return False
        if node.preamble and node.units is None:
            return False
        anc = node.parent
        while anc is not None and anc is not self.root:
            if _INTRO.match(to_simplified(anc.text.rstrip(_TRAIL_PUNCT))):
                return False
            anc = anc.parent
        if node.num is None and not node.table_mode and node.units is None and node.parent is not None:
            key = id(node.parent)
            if key not in self._first_numbered:
                self._first_numbered[key] = next(
                    (s.order for s in node.parent.children if s.num is not None), None)
            first = self._first_numbered[key]
            if first is not None and node.order < first:
                return False  # an introduction before the numbered items
        return True

    def _sections(self, node: Node) -> list[str]:
        names = []
        anc = node.parent
        while anc is not None and anc is not self.root:
            names.append(anc.section_name())
            anc = anc.parent
        return [n for n in reversed(names) if n]

    def _set_dates(self, task: ParsedTask, cell_deadline: tuple | None) -> None:
        simp = to_simplified(task.text)
        if cell_deadline is not None:
            task.deadline, task.deadline_text = cell_deadline
        if task.deadline is None:
            found = deadlines.find_deadline(simp, self.year)
            if found is not None:
                task.deadline = found.date
                task.deadline_text = task.deadline_text or task.text[found.start: found.end]
        rec = deadlines.find_recurrence(simp, task.text)
        if rec is None and task.deadline_text:
            rec = deadlines.find_recurrence(to_simplified(task.deadline_text), task.deadline_text)
        if rec is not None:
            task.recurrence, task.recurrence_min_count = rec.period, rec.min_count
            task.deadline_text = task.deadline_text or rec.text

    def _inherit(self, out: list[tuple[Node, ParsedTask]]) -> None:
        last_any: ParsedTask | None = None  # latest task with units, for merged cells
        last_by_parent: dict[int, ParsedTask] = {}  # latest task with units under each parent
        for node, task in out:
            if task.units.is_empty():
                source = last_any if node.units_empty_cell else None
                if source is None:
                    source = last_by_parent.get(id(node.parent))
                if source is not None:
                    task.units, task.units_inherited = source.units.copy(), True
                else:
                    anc = node.parent
                    while anc is not None and anc is not self.root:
                        if anc.units is not None:
                            task.units, task.units_inherited = anc.units.copy(), True
                            break
                        anc = anc.parent
            if not task.units.is_empty():
                last_any = task
                last_by_parent[id(node.parent)] = task


def strip(text: str) -> str:
    from .normalize import strip_tags

    return strip_tags(text).strip()
