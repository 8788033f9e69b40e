""".docx: body paragraphs and tables in document order, merged cells included.

A vertically merged cell (``w:vMerge`` continue) becomes an empty cell marked ``merged``,
the same as a blank cell under a merged one in text, so the layout inherits the value above.
Horizontally merged cells (``w:gridSpan``) appear once.
"""

from __future__ import annotations

import io

from ..model import Cell, Document, PlanParseError, Row

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(el) -> str:
    """Text of a paragraph-bearing element; paragraphs joined by newlines, tabs and breaks kept."""
    paras = []
    for p in el.iter(_W + "p"):
        parts = []
        for node in p.iter():
            tag = node.tag
            if tag == _W + "t" and node.text:
                parts.append(node.text)
            elif tag == _W + "tab":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return "\n".join(paras)


def read_docx(data: bytes) -> Document:
    try:
        import docx  # lazy: python-docx and lxml load in ~0.1 s
    except ImportError:  # pragma: no cover
        raise PlanParseError("缺少 python-docx (python-docx is not installed)")
    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001
        raise PlanParseError(f"docx 文件损坏或已加密 (corrupt or encrypted .docx): {type(exc).__name__}")
    rows: list[Row] = []
    para_no = 0
    table_no = 0
    for child in d.element.body.iterchildren():
        if child.tag == _W + "p":
            para_no += 1
            text = _text(child)
            for line in text.split("\n"):
                if line.strip():
                    cells = line.split("\t") if "\t" in line.strip() else [line]
                    rows.append(Row([Cell(c, {"line": para_no}) for c in cells], table=None if len(cells) == 1 else -1))
        elif child.tag == _W + "tbl":
            table_no += 1
            rows.extend(_table_rows(child, table_no))
    return Document(rows)


def _table_rows(tbl, table_no: int) -> list[Row]:
    out: list[Row] = []
    for r, tr in enumerate(tbl.iterchildren(_W + "tr"), start=1):
        cells: list[Cell] = []
        for tc in tr.iterchildren(_W + "tc"):
            tcpr = tc.find(_W + "tcPr")
            merged, span = False, 1
            if tcpr is not None:
                vm = tcpr.find(_W + "vMerge")
                if vm is not None and vm.get(_W + "val") in (None, "continue"):
                    merged = True
                gs = tcpr.find(_W + "gridSpan")
                if gs is not None and (gs.get(_W + "val") or "1").isdigit():
                    span = max(1, min(int(gs.get(_W + "val")), 50))
            text = "" if merged else _text(tc)
            cells.append(Cell(text, {"table": table_no, "row": r, "cell": len(cells) + 1}, merged=merged))
            # a cell spanning columns keeps the grid aligned with the header row
            cells.extend(Cell("", {"table": table_no, "row": r, "cell": len(cells) + 1}) for _ in range(span - 1))
        out.append(Row(cells, table=table_no))
    return out
