"""The official tables as grids of cells with their merges, shared by the HTML, PDF and DOCX outputs.

Layouts follow §3.3–§3.5: table 三 has a 3-row header whose corner cell (colspan 3, rowspan 3) holds the
勾稽 note, and 三、本年度办理结果 spans 22 rows (2021) or 20 rows (2019); table 四 has a 3-row header
(行政复议 colspan 5 | 行政诉讼 colspan 10); table 二 is 4 columns wide with a caption row per block.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import formats
from .formats import CellKind


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    numeric: bool = False
    key: str = ""  # "section3.granted.total" for value cells
    classes: list[str] = field(default_factory=list)

    @property
    def css(self) -> str:
        return " ".join((["num"] if self.numeric else []) + self.classes)


@dataclass
class Grid:
    name: str
    caption: str
    header: list[list[Cell]]
    body: list[list[Cell]]
    columns: int

    def all_rows(self) -> list[list[Cell]]:
        return self.header + self.body

    def placed(self) -> list[tuple[int, int, Cell]]:
        """(row, column, cell) positions with merges resolved, for writers that need a full grid (DOCX)."""
        taken: set[tuple[int, int]] = set()
        out = []
        for r, row in enumerate(self.all_rows()):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                out.append((r, c, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                c += cell.colspan
        return out


def _fmt(value) -> str:
    if value is None:
        return ""
    return str(value)


def section2_grid(fmt: str, section2: dict) -> Grid:
    width = 4
    body: list[list[Cell]] = []
    for block in formats.section2_blocks(fmt):
        body.append([Cell(block.caption, colspan=width, header=True, classes=["block-caption"])])
        value_headers = block.headers[1:]
        header_row = [Cell(block.headers[0], header=True)]
        for i, text in enumerate(value_headers):
            span = width - len(value_headers) if i == len(value_headers) - 1 else 1
            header_row.append(Cell(text, colspan=span, header=True))
        body.append(header_row)
        for row_id, label in block.rows:
            row = [Cell(label, header=True)]
            for i, (column, kind) in enumerate(block.columns):
                span = width - len(block.columns) if i == len(block.columns) - 1 else 1
                value = section2.get(row_id, {}).get(column, "")
                row.append(Cell(_fmt(value), colspan=span, numeric=kind != CellKind.TEXT,
                                key=f"section2.{row_id}.{column}"))
            body.append(row)
    return Grid("section2", formats.SECTION_HEADINGS["2"], [], body, width)


def section3_grid(fmt: str, section3: dict) -> Grid:
    header = [
        [Cell(formats.CORNER_NOTE, rowspan=3, colspan=3, header=True, classes=["corner"]),
         Cell(formats.APPLICANT_GROUP, colspan=7, header=True)],
        [Cell("自然人", rowspan=2, header=True), Cell(formats.LEGAL_PERSON_GROUP, colspan=5, header=True),
         Cell("总计", rowspan=2, header=True)],
        [Cell(label, header=True) for cid, label in formats.APPLICANT_COLUMNS if cid not in ("natural_person", "total")],
    ]
    rows = formats.section3_rows(fmt)
    results = [r for r in rows if r.in_results]
    group_sizes: dict[str, int] = {}
    for r in results:
        if r.group:
            group_sizes[r.group] = group_sizes.get(r.group, 0) + 1
    body = []
    results_started, groups_started = False, set()
    for row in rows:
        cells: list[Cell] = []
        if not row.in_results:
            cells.append(Cell(row.label, colspan=3, header=True))
        else:
            if not results_started:
                cells.append(Cell(formats.RESULTS_LABEL, rowspan=len(results), header=True))
                results_started = True
            if row.group:
                if row.group not in groups_started:
                    cells.append(Cell(row.group, rowspan=group_sizes[row.group], header=True))
                    groups_started.add(row.group)
                cells.append(Cell(row.label, header=True))
            else:
                cells.append(Cell(row.label, colspan=2, header=True))
        for column in formats.COLUMN_IDS:
            cells.append(Cell(_fmt(section3.get(row.id, {}).get(column)), numeric=True,
                              key=f"section3.{row.id}.{column}"))
        body.append(cells)
    return Grid("section3", formats.SECTION_HEADINGS["3"], header, body, 10)


def section4_grid(section4: dict) -> Grid:
    labels = [label for _, label in formats.REMEDY_COLUMNS]
    header = [
        [Cell("行政复议", colspan=5, header=True), Cell("行政诉讼", colspan=10, header=True)],
        [*(Cell(label, rowspan=2, header=True) for label in labels),
         Cell(formats.REMEDY_GROUPS[1][1], colspan=5, header=True), Cell(formats.REMEDY_GROUPS[2][1], colspan=5, header=True)],
        [Cell(label, header=True) for label in labels * 2],
    ]
    body = [[Cell(_fmt(section4.get(group, {}).get(column)), numeric=True, key=f"section4.{group}.{column}")
             for group, _ in formats.REMEDY_GROUPS for column in formats.REMEDY_COLUMN_IDS]]
    return Grid("section4", formats.SECTION_HEADINGS["4"], header, body, 15)


def mark_cells(grids: list[Grid], classes_by_key: dict[str, list[str]]) -> None:
    for grid in grids:
        for row in grid.all_rows():
            for cell in row:
                if cell.key in classes_by_key:
                    cell.classes.extend(classes_by_key[cell.key])
