""".pdf with a text layer: tables through pdfplumber, the other text as lines, page by page.

Scanned PDFs (no text layer) are refused with a message: OCR is out of scope.
"""

from __future__ import annotations

import io

from ..model import Cell, Document, PlanParseError, Row


def read_pdf(data: bytes) -> Document:
    try:
        import pdfplumber  # lazy: pdfminer is slow to import
    except ImportError:  # pragma: no cover
        raise PlanParseError("缺少 pdfplumber (pdfplumber is not installed)")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in str(exc):
            raise PlanParseError("PDF 已加密，请先解除密码保护 (PDF is encrypted)")
        raise PlanParseError(f"PDF 文件损坏 (corrupt PDF): {name}")
    rows: list[Row] = []
    table_no = 0
    line_no = 0
    any_text = False
    with pdf:
        for page in pdf.pages:
            try:
                tables = page.find_tables()
            except Exception:  # noqa: BLE001 - table finding is best effort
                tables = []
            items: list[tuple[float, list[Row]]] = []
            for table in tables:
                table_no += 1
                trows = []
                for r, cells in enumerate(table.extract(), start=1):
                    trows.append(Row([Cell(_unwrap(c or ""), {"table": table_no, "row": r, "cell": k + 1}, merged=c is None)
                                      for k, c in enumerate(cells)], table=table_no))
                items.append((table.bbox[1], trows))
                any_text = any_text or any(c.text.strip() for row in trows for c in row.cells)
            bboxes = [t.bbox for t in tables]

            def outside(obj, bboxes=bboxes) -> bool:
                x = (obj["x0"] + obj["x1"]) / 2
                y = (obj["top"] + obj["bottom"]) / 2
                return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in bboxes)

            free = page.filter(outside) if bboxes else page
            for line in free.extract_text_lines(return_chars=False):
                text = line["text"]
                if text.strip():
                    any_text = True
                    line_no += 1
                    items.append((line["top"], [Row([Cell(text, {"line": line_no})])]))
            items.sort(key=lambda it: it[0])
            for _, group in items:
                rows.extend(group)
    if not any_text:
        raise PlanParseError("PDF 没有文字层（可能是扫描件），请提供可复制文字的版本 (PDF has no text layer)")
    return Document(_join_wrapped(rows))


def _unwrap(cell: str) -> str:
    """Join the lines a PDF table cell was wrapped into; keep breaks before numbered items."""
    from ..normalize import to_simplified
    from ..numbering import parse_numbering

    lines = [ln.strip() for ln in cell.split("\n") if ln.strip()]
    out: list[str] = []
    for line in lines:
        if out and parse_numbering(to_simplified(line)) is None:
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def _join_wrapped(rows: list[Row]) -> list[Row]:
    """Re-join paragraph lines that a PDF wrapped: a line not ending a sentence continues."""
    from ..normalize import to_simplified
    from ..numbering import parse_numbering

    out: list[Row] = []
    for row in rows:
        prev = out[-1] if out else None
        if (prev is not None and not row.is_table and not prev.is_table and len(prev.cells[0].text) >= 20
                and prev.cells[0].text.rstrip()[-1:] not in "。；;：:！？!?"
                and parse_numbering(to_simplified(row.cells[0].text.strip())) is None):
            prev.cells[0] = Cell(prev.cells[0].text.rstrip() + row.cells[0].text.strip(), prev.cells[0].loc)
            continue
        out.append(row)
    return out
