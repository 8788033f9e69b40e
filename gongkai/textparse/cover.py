"""The cover letter (通知) before a plan: title, issuer, document number and year.

The cover holds no tasks. It ends at the plan's own title line (a short line ending in
要点/方案/清单/…), or — when the title is not repeated — after the signature date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Row
from .normalize import squash, to_simplified
from .numbering import cn_to_int, parse_numbering

_TITLE_END = re.compile(
    r"(?:要点|方案|清单|计划|安排|台账|(?:分工|任务|责任|分解|一览|明细|清单|台账|进度|计划|安排|落实)表|细则|措施|任务|意见)"
    r"(?:[（(][^）)]{1,8}[）)])?$"
)
_NOTICE = re.compile(r"关于.{2,80}(?:通知|函|意见|决定)$|^.{0,40}(?:印发|下发|转发).{2,80}通知$")
DOC_NO = re.compile(
    r"[\u4e00-\u9fff]{1,14}\s*[〔\[［【（(]\s*(?:19|20)\d{2}\s*[〕\]］】）)]\s*(?:第\s*)?\d{1,5}\s*号"
)
_DATE_LINE = re.compile(
    r"^(?:(?:19|20)\d{2}|[〇零○一二][〇零○一二三四五六七八九]{3})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*"
    r"[\d一二三四五六七八九十]{1,3}\s*日$"
)
_ORG_LINE = re.compile(r"(?:政府|办公室|办公厅|委员会|局|厅|委|办|中心|领导小组)(?:文件)?$")
_YEAR = re.compile(r"((?:19|20)\d{2}|[〇零○一二][〇零○一二三四五六七八九]{3})\s*年")
_NOT_TITLE_START = re.compile(r"^(?:附件|相关附件|字体|您现在的位置|当前位置|来源|发布时间|索引号|主题分类)")


@dataclass
class CoverInfo:
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    year: int | None = None
    body_start: int = 0


def _line(row: Row) -> str:
    cells = row.nonempty()
    return squash(cells[0].text) if len(cells) == 1 else ""


def is_date_line(text_s: str) -> bool:
    return bool(_DATE_LINE.match(text_s))


def _is_title(text_s: str) -> bool:
    if not 4 <= len(text_s) <= 80 or "通知" in text_s or text_s.startswith("关于"):
        return False
    if text_s[-1] in "。，,；;：:" or "《" in text_s or _NOT_TITLE_START.match(text_s):
        return False
    if parse_numbering(text_s) is not None:
        return False
    return bool(_TITLE_END.search(text_s))


def year_of(text_s: str) -> int | None:
    m = _YEAR.search(text_s)
    if not m:
        return None
    y = m.group(1)
    value = int(y) if y.isdigit() else cn_to_int(y)
    return value if value and 1900 < value < 2200 else None


def read_cover(rows: list[Row], *, scan: int = 120) -> CoverInfo:
    info = CoverInfo()
    lines: list[tuple[int, str, str]] = []  # (row index, original, simplified)
    for i, row in enumerate(rows[:scan]):
        text = _line(row)
        if row.is_table and len(row.nonempty()) > 1:
            break
        if text:
            lines.append((i, text, to_simplified(text)))
    notice = next((k for k, (_, _, s) in enumerate(lines) if _NOTICE.search(s)), None)
    start = notice + 1 if notice is not None else 0
    title_k = next((k for k in range(start, len(lines)) if _is_title(lines[k][2])), None)
    if title_k is None and notice is None:
        title_k = next((k for k in range(min(len(lines), 15)) if _is_title(lines[k][2])), None)

    if title_k is not None:
        title = lines[title_k][1]
        prev = title_k - 1
        # A title broken over two lines: a short line with no punctuation right before it.
        if prev >= start and prev >= 0 and lines[prev][0] == lines[title_k][0] - 1:
            p_s = lines[prev][2]
            if (len(p_s) <= 30 and not re.search(r"[，。：:；、>]", p_s) and not is_date_line(p_s)
                    and not DOC_NO.search(p_s) and not _ORG_LINE.search(p_s) and not _NOT_TITLE_START.match(p_s)
                    and parse_numbering(p_s) is None and re.search(r"\d{4}|年", p_s)):
                title = lines[prev][1] + title
        info.title = re.sub(r"\s+", "", title)
        info.body_start = lines[title_k][0] + 1
    elif notice is not None:
        # No standalone title: the plan starts after the signature date of the cover letter.
        date_k = next((k for k in range(notice + 1, len(lines)) if is_date_line(lines[k][2])), None)
        info.body_start = lines[date_k][0] + 1 if date_k is not None else lines[notice][0] + 1
        m = re.search(r"《([^》]{4,80})》", lines[notice][1]) or re.search(r"(?:印发|下发|转发)(.{4,80}?)的?通知", lines[notice][1])
        if m:
            info.title = re.sub(r"\s+", "", m.group(1))
            # the plan's own title line, when it does not end like one (…工作任务分工), opens the body
            nxt = next((k for k in range(notice + 1, len(lines)) if lines[k][0] >= info.body_start), None)
            if nxt is not None and re.sub(r"\s+", "", lines[nxt][1]) == info.title:
                info.body_start = lines[nxt][0] + 1

    cover_end = info.body_start if (notice is not None or info.title) else 0
    cover = [ln for ln in lines if ln[0] < cover_end]
    has_cover = notice is not None
    for _, orig, simp in cover:
        m = DOC_NO.search(simp)
        if m and (len(simp) - len(m.group(0)) <= 4 or not info.doc_number):
            if len(simp) - len(m.group(0)) <= 4:
                info.doc_number = re.sub(r"\s+", "", orig[m.start(): m.end()])
                has_cover = True
                break
    if has_cover:
        limit = next((k for k, (_, _, s) in enumerate(cover) if DOC_NO.search(s) or _NOTICE.search(s)), len(cover))
        for _, orig, simp in cover[:limit]:
            if len(simp) <= 30 and _ORG_LINE.search(simp) and not re.search(r"[，。：:；]", simp):
                info.issuer = re.sub(r"\s+|文件$", "", orig)
                break
        if info.issuer is None:
            for k, (_, _, simp) in enumerate(cover):
                if is_date_line(simp) and k > 0 and _ORG_LINE.search(cover[k - 1][2]) and len(cover[k - 1][2]) <= 30:
                    info.issuer = re.sub(r"\s+", "", cover[k - 1][1])
                    break
    for source in (info.title, info.doc_number):
        if source and info.year is None:
            info.year = year_of(to_simplified(source))
    if info.year is None:
        for _, _, simp in cover:
            if is_date_line(simp):
                info.year = year_of(simp)
                break
    return info


def drop_signatures(rows: list[Row]) -> list[Row]:
    """Rows without signature blocks: an issuing organisation's line followed by a date line, where a
    signature stands — at the end, or before the next part (附件, the plan's title), not between numbered items.

    A signature (王母渡镇人民政府 / 2019年3月15日) is not a unit line for the items above it; but in a plan
    written as lines, "县财政局 / 2023年6月30日" before the next numbered item is that item's unit and deadline.
    """
    out: list[Row] = []
    skip_next = False
    for k, row in enumerate(rows):
        if skip_next:
            skip_next = False
            continue
        text = _line(row)
        if text and not row.is_table and k + 1 < len(rows) and len(text) <= 30:
            nxt = _line(rows[k + 1])
            text_s = to_simplified(text)
            if nxt and is_date_line(to_simplified(nxt)) and _ORG_LINE.search(text_s) \
                    and not re.search(r"[，。：:；、]", text_s) and not _numbered_item_follows(rows, k + 2):
                skip_next = True
                continue
        out.append(row)
    return out


def _numbered_item_follows(rows: list[Row], start: int) -> bool:
    """Whether the next non-empty row from `start` opens a numbered item (the list goes on)."""
    for row in rows[start:]:
        text = _line(row)
        if text:
            return parse_numbering(to_simplified(text)) is not None
    return False
