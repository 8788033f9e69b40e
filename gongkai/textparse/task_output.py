"""From the outline tree to tasks: which nodes are tasks, their sections, dates and units.

Leaves are tasks, nodes with children are sections; preamble paragraphs and sections such as
指导思想/总体要求 give none. Items without units take those of a merged cell above, of the
previous item under the same heading, or of a heading that carried units.
"""

from __future__ import annotations

from . import deadlines
from .model import ParsedTask
from .normalize import to_simplified
from .numbering import display_no
from .outline import _INTRO, _TRAIL_PUNCT, Node, Outline
from .units import split_inline


class TaskOutput(Outline):
    _first_numbered: dict[int, int | None]

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
                task.units_inherited = node.units_partly_merged
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
