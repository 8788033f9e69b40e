""".html: paragraphs and tables in document order; rowspan/colspan expanded to the grid.

A cell covered by a rowspan from above becomes an empty ``merged`` cell; ``<p>`` and
``<br>`` inside a cell become line breaks so several numbered items in one cell split.
"""

from __future__ import annotations

import warnings

from ..model import Cell, Document, PlanParseError, Row
from .text import decode

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "dt", "dd", "section",
          "article", "header", "footer", "center"}
_BLOCK_NAMES = sorted(_BLOCK)  # for Tag.find()
_SKIP = {"script", "style", "noscript", "head", "title", "template", "iframe", "svg", "button", "select", "nav"}


def _cell_text(el) -> str:
    parts: list[str] = []

    def walk(node) -> None:
        name = getattr(node, "name", None)
        if name is None:
            parts.append(str(node))
            return
        if name in _SKIP:
            return
        if name == "br":
            parts.append("\n")
            return
        block = name in _BLOCK
        if block:
            parts.append("\n")
        for child in node.children:
            walk(child)
        if block:
            parts.append("\n")

    walk(el)
    return "\n".join(line.strip() for line in "".join(parts).split("\n") if line.strip())


def read_html(data: bytes) -> Document:
    try:
        from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning  # lazy
    except ImportError:  # pragma: no cover
        raise PlanParseError("缺少 beautifulsoup4 (beautifulsoup4 is not installed)")
    text = decode(data)
    with warnings.catch_warnings():
        # A document with an <?xml?> declaration (an XML export saved as .html) is read as HTML on purpose.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(text, "lxml")
    body = soup.body or soup
    rows: list[Row] = []
    counters = {"para": 0, "table": 0}

    def emit_para(txt: str) -> None:
        for line in txt.split("\n"):
            if line.strip():
                counters["para"] += 1
                rows.append(Row([Cell(line, {"line": counters["para"]})]))

    def walk(node) -> None:
        buf: list[str] = []

        def flush() -> None:
            if buf:
                emit_para("".join(buf))
                buf.clear()

        for child in node.children:
            name = getattr(child, "name", None)
            if name is None:
                buf.append(str(child))
            elif name in _SKIP:
                continue
            elif name == "table":
                flush()
                counters["table"] += 1
                rows.extend(_table(child, counters["table"]))
            elif name == "br":
                buf.append("\n")
            elif name in _BLOCK or child.find("table") is not None:
                flush()
                if child.find("table") is not None:
                    walk(child)
                else:
                    emit_para(_cell_text(child))
            elif child.find(_BLOCK_NAMES) is not None:
                # An inline or unknown element around paragraphs (<font> or <span> from word processors, an
                # XML export's own tags): its paragraphs stay paragraphs.
                flush()
                emit_para(_cell_text(child))
            else:
                buf.append(child.get_text())
        flush()

    walk(body)
    return Document(rows)


def _table(table, table_no: int) -> list[Row]:
    out: list[Row] = []
    carry: dict[int, int] = {}  # column → rows still covered by a rowspan
    trs = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    for r, tr in enumerate(trs, start=1):
        cells: list[Cell] = []
        col = 0
        tds = [td for td in tr.find_all(["td", "th"], recursive=False)]
        queue = list(tds)
        while queue or any(c >= col and n > 0 for c, n in carry.items()):
            if carry.get(col, 0) > 0:
                carry[col] -= 1
                cells.append(Cell("", {"table": table_no, "row": r, "cell": col + 1}, merged=True))
                col += 1
                continue
            if not queue:
                break
            td = queue.pop(0)
            try:
                rowspan = max(1, min(int(td.get("rowspan", 1) or 1), 1000))
                colspan = max(1, min(int(td.get("colspan", 1) or 1), 100))
            except ValueError:
                rowspan = colspan = 1
            cells.append(Cell(_cell_text(td), {"table": table_no, "row": r, "cell": col + 1}))
            if rowspan > 1:
                carry[col] = rowspan - 1
            col += colspan
        out.append(Row(cells, table=table_no))
    return out
