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
    if b"\x00" in sample:
        # UTF-16 without a BOM: Chinese text has few NULs, so judge by what decodes cleanly
        best = max((_utf16_score(data, enc), enc) for enc in ("utf-16-le", "utf-16-be"))
        if best[0] >= 0.9:
            return _strict(data, best[1])
        raise PlanParseError("二进制文件，无法识别为文本 (binary data, not a text document)")
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            candidates.append((_common_score(data.decode(enc)), enc))
        except UnicodeDecodeError:
            continue
    if candidates:
        # Big5 bytes often also decode as GB18030 (into nonsense): keep the one that reads.
        return _check_text(data.decode(max(candidates)[1]))
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # noqa: BLE001 - any detector failure means "unknown encoding"
        best = None
    if best is None:
        raise PlanParseError("无法识别文本编码 (unknown text encoding)")
    return _check_text(str(best))


# Very frequent characters, simplified and traditional forms, to tell GB18030 from Big5.
_COMMON = set(
    "的一是在不了有和人这這中大为為上个個国國我以要他时時来來用们們生到作地于於出就分对對成会會可主发發年动動同工也能下"
    "过過子说說产產种種面而方后後多定行学學法所民得经經十三之进進着著等部度家电電力里裡如水化高自二理起小物现現实實加量"
    "都两兩体體制机機当當使点點从從业業本去把性好应應开開它合还還因由其些然前外天政四日那社义義事平形相全表间間样樣与與"
    "关關各重新线線内內数數正心反明看原又么利比或但质質气氣第向道命此变變条條只没沒结結解问問意建月公无無系军軍很情者最"
    "立代想已通并提直题題党黨程展五果料象员員革位入常文总總次品式活设設及管特件长長求头頭基资資边邊流路级級少图圖统統接"
    "知较較将將组組见見计計别別期根论論运運农農指区區强強放决決被做必先回则則任取据據处處府研务務单單责責政府公开開信息"
)


def _common_score(text: str) -> float:
    cjk = [ch for ch in text[:20000] if "\u3400" <= ch <= "\u9fff"]
    return sum(ch in _COMMON for ch in cjk) / max(1, len(cjk))


def _utf16_score(data: bytes, enc: str) -> float:
    try:
        text = data[: len(data) // 2 * 2].decode(enc)
    except UnicodeDecodeError:
        return 0.0
    sample = text[:4000]
    good = sum(1 for ch in sample if ch.isprintable() or ch in "\t\r\n")
    cjk = sum(1 for ch in sample if "\u3400" <= ch <= "\u9fff")
    return good / max(1, len(sample)) if cjk >= len(sample) * 0.1 or sample.isascii() else 0.0


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
            continue
        rows.append(Row([Cell(line, loc)]))
    return rows


def read_text(data: bytes) -> Document:
    return Document(rows_from_text(decode(data)))
