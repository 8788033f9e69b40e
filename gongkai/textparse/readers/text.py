"""Plain text: UTF-8, GB18030/GBK, Big5 and UTF-16 (with or without BOM).

A line with tabs is a table row (cells split on tabs), as produced by copying a table out
of a word processor; other lines are paragraphs. HTML tags left in cells are removed later.
"""

from __future__ import annotations

from ..model import Cell, Document, PlanParseError, Row


def decode(data: bytes) -> str:
    """Decode document bytes; raise PlanParseError for binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    sample = data[:4096]
    if len(sample) >= 4:
        even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
        odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
        if odd_nul > 0.3 and even_nul < 0.05:
            return _strict(data, "utf-16-le")
        if even_nul > 0.3 and odd_nul < 0.05:
            return _strict(data, "utf-16-be")
    if b"\x00" in sample:
        raise PlanParseError("二进制文件，无法识别为文本 (binary data, not a text document)")
    for enc in ("utf-8", "gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return _check_text(text)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # noqa: BLE001 - any detector failure means "unknown encoding"
        best = None
    if best is None:
        raise PlanParseError("无法识别文本编码 (unknown text encoding)")
    return _check_text(str(best))


def _strict(data: bytes, enc: str) -> str:
    try:
        return _check_text(data.decode(enc))
    except UnicodeDecodeError:
        return _check_text(data.decode(enc, errors="replace"))


def _check_text(text: str) -> str:
    if not text.strip():
        raise PlanParseError("文件没有文字内容 (no text in the document)")
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n\f") or 0x7F <= ord(ch) < 0xA0)
    if bad > max(8, len(sample) // 50):
        raise PlanParseError("二进制文件，无法识别为文本 (binary data, not a text document)")
    return text


def rows_from_text(text: str, *, first_line: int = 1) -> list[Row]:
    rows: list[Row] = []
    for n, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=first_line):
        if not line.strip() or line.startswith("#source:"):
            continue
        loc = {"line": n}
        if "\t" in line:
            rows.append(Row([Cell(part, loc) for part in line.split("\t")], table=0))
        else:
            rows.append(Row([Cell(line, loc)]))
    return rows


def read_text(data: bytes) -> Document:
    return Document(rows_from_text(decode(data)))
