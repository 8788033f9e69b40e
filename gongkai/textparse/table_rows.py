"""Table mode: one row of a task table (任务分工表) → items with the row's units and deadline.

Columns come from the header row (:mod:`columns`) or, without one, from what the cells hold.
The title column opens a section; the text column may hold several numbered items sharing
the row's unit and deadline cells; an empty unit cell under a filled one is a merged cell.
"""

from __future__ import annotations

import re

from . import columns, deadlines
from .model import Cell, UnitRoles
from .normalize import squash, to_simplified
from .outline import Node, Outline
from .units import parse_units

_NONE_CELL = re.compile(r"^(?:无|暂无|[/／\\—－\-]+)$")  # "none" written into a unit cell


class TableRows(Outline):
    colmap: dict[int, str]
    learned: dict[int, str]
    last_deadline: tuple | None = None
    unit_cells_above: dict[int, tuple[str, str]]  # column → (text, default role) of the last filled row

    def _numbered_section_row(self, cells: list[Cell], cells_s: list[str], roles: list[str | None]) -> bool:
        """"一 | 加强政策解读回应 | | |": a section numbered in the 序号 column, titled in the next."""
        filled = [i for i, c in enumerate(cells) if c.text]
        if len(filled) != 2 or roles[filled[0]] != "no" or roles[filled[1]] not in ("title", "text"):
            return False
        label = cells_s[filled[0]].strip()
        if not re.fullmatch(r"[（(]?[一二三四五六七八九十]{1,3}[）)]?[、.．]?", label):
            return False
        if not label.endswith(("、", "）", ")")):
            label = label.rstrip(".．") + "、"
        self._open_title(label + squash(cells[filled[1]].text), cells[filled[1]].loc, forced=True)
        return True

    def _table_has_units(self, cells: list[Cell]) -> bool:
        unit_cols = [i for i, r in {**self.learned, **self.colmap}.items() if r.startswith("units")]
        return any(i < len(cells) for i in unit_cols) and any(
            cells[i].text for i in range(len(cells)) if i not in unit_cols)

    def _cell_role(self, i: int, text_s: str) -> str:
        return self.colmap.get(i) or columns.content_role(text_s, self.year)

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
        if self._numbered_section_row(cells, cells_s, roles):
            return
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
        unit_cells: list[tuple[int, Cell, str]] = []
        deadline_cell: Cell | None = None
        units_col_present = False
        merged_unit_cols: list[int] = []
        title_blank = any(r == "title" and not cells[i].text for i, r in enumerate(roles))
        for col, (cell, role) in enumerate(zip(cells, roles, strict=True)):
            if role is None or role == "note":
                continue
            if role.startswith("units"):
                units_col_present = True
                if cell.text and not _NONE_CELL.match(to_simplified(squash(cell.text))):
                    unit_cells.append((col, cell, role.split(":", 1)[1]))
                elif not cell.text:
                    merged_unit_cols.append(col)
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
            for _, cell, default in unit_cells:
                units.merge(parse_units(cell.text, default))
            # A blank unit column beside filled ones is merged with the cell above when the row
            # says so (docx/xlsx/html merge marks) or sits inside a merged title block (text copies).
            partly = False
            for i in merged_unit_cols:
                above = self.unit_cells_above.get(i)
                if above is not None and (cells[i].merged or title_blank):
                    units.merge(parse_units(*above))
                    partly = True
            for node in created:
                if node.units is None:
                    node.units = units.copy()
                    node.units_partly_merged = partly
            if not partly:
                self.unit_cells_above = {}
            self.unit_cells_above.update({col: (c.text, d) for col, c, d in unit_cells})
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
