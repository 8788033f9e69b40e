"""Deadlines (完成时限) and recurrence (每周/每月/每季度/每年) from task wording.

Dates are interpreted in the plan's year: 年底前 → 12-31, X月底前 → last day of X, X月前 → last
day of the month before X, 上半年 → 06-30, 第三季度 → 09-30, 4月—6月 → 06-30, 20211210日前 →
2021-12-10. Words such as 持续推进, 长期坚持, 及时 give no date. A date after 每年/每月 is a
recurring one, and a date followed by 起 a start; neither gives a deadline.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .numbering import cn_to_int

_CNUM = "〇零○一二两三四五六七八九十"
_Y = r"(?P<y>(?:19|20)\d{2}|[〇零○一二][〇零○一二三四五六七八九]{3})\s*年\s*(?:度\s*)?"
_M = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月\s*(?:份\s*)?"
_D = r"(?P<d>3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]"
_BEFORE = r"(?P<suf>之前|以前|前|止|为止|底前|底|末|完成|截止)"
_RECUR_PREFIX = re.compile(r"(?:每|逐)(?:一)?(?:年|季|月|周|半年)[度份]?\s*$|次年\s*$|下一?年度?\s*$|上一?年度?\s*$")

# Ordered: the most specific form first; all are searched on the simplified working copy.
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    # a period "2022年4月—6月", "7月至9月底": its end is the deadline
    ("range", re.compile(
        rf"(?:{_Y})?(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月(?:\s*(?:3[01]|[12]\d|0?[1-9])\s*日)?\s*[—–\-－~～至到]\s*"
        r"(?:(?P<y2>(?:19|20)\d{2})\s*年\s*)?(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月"
        r"(?:\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日)?\s*(?P<suf>底前|底|末|前|止|为止|完成)?")),
    ("ymd_compact", re.compile(r"(?<!\d)(?P<y>20\d{2})[.\-/．]?(?P<m>1[0-2]|0[1-9])[.\-/．]?(?P<d>3[01]|[12]\d|0[1-9])(?!\d)\s*[日号]?\s*" + _BEFORE)),
    ("ymd_sep", re.compile(r"(?<!\d)(?P<y>20\d{2})\s*[.\-/．]\s*(?P<m>1[0-2]|0?[1-9])\s*[.\-/．]\s*(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)\s*" + _BEFORE + "?")),
    ("ymd", re.compile(rf"(?:{_Y})?{_M}{_D}\s*{_BEFORE}?")),
    ("ym_end", re.compile(rf"(?:{_Y})?{_M}(?P<part>底|末|上旬|中旬|下旬)\s*(?P<suf>之?前|以前|止|为止|完成)?")),
    ("ym", re.compile(rf"(?:{_Y}){_M}(?![\d一二三四五六七八九十日号])\s*(?P<suf>之前|以前|前|止|为止|完成|内)?")),
    ("m_before", re.compile(rf"{_M}(?![\d一二三四五六七八九十日号底末上中下])\s*(?P<suf>之前|以前|前|止|为止)")),
    ("year_end", re.compile(rf"(?:{_Y}|(?P<this>今年|本年度?|当年|年度?))(?P<part>底|末|内|年底|年末)\s*(?P<suf>之?前|以前|止|为止|完成)?")),
    ("half", re.compile(rf"(?:{_Y})?(?P<part>上半年|下半年)\s*(?P<suf>之?前|以前|末|底|内|完成)?")),
    ("quarter", re.compile(rf"(?:{_Y})?第?(?P<q>[一二三四1-4])\s*季度\s*(?P<suf>之?前|以前|末|底|内|完成)?")),
]
_NO_DATE = re.compile(r"持续推进|长期坚持|长期|持续|常态化|及时|按要求|按规定|按时|定期|随时|动态|全年|每[年季月周]")


_MAYBE_DATE = re.compile(rf"[\d{_CNUM}]\s*[年月日号]|[年月]\s*[底末内]|半年|季度|\d[.\-/．]\d|\d{{8}}")


@dataclass(frozen=True)
class Deadline:
    date: dt.date | None
    text: str
    start: int
    end: int


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    s = s.strip()
    return int(s) if s.isdigit() else cn_to_int(s)


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _resolve(kind: str, m: re.Match[str], year: int | None) -> dt.date | None:
    gd = m.groupdict()
    y = _num(gd.get("y")) or year
    if y is None or not 1900 < y < 2200:
        return None
    try:
        if kind == "range":
            y = _num(gd.get("y2")) or y
            if gd.get("d"):
                return dt.date(y, _num(gd["m"]) or 0, _num(gd["d"]) or 0)
            return _last_day(y, _num(gd["m"]) or 0)
        if kind in ("ymd_compact", "ymd_sep", "ymd"):
            return dt.date(y, _num(gd["m"]) or 0, _num(gd["d"]) or 0)
        if kind == "ym_end":
            month = _num(gd["m"]) or 0
            part = gd["part"]
            if part == "上旬":
                return dt.date(y, month, 10)
            if part == "中旬":
                return dt.date(y, month, 20)
            return _last_day(y, month)
        if kind in ("ym", "m_before"):
            month = _num(gd["m"]) or 0
            if gd.get("suf") in ("前", "之前", "以前") and 1 <= month <= 12:
                # "9月前" is before September begins: the last day of August (底前 is handled above)
                return _last_day(y - 1, 12) if month == 1 else _last_day(y, month - 1)
            return _last_day(y, month)
        if kind == "year_end":
            return dt.date(y, 12, 31)
        if kind == "half":
            return dt.date(y, 6, 30) if gd["part"] == "上半年" else dt.date(y, 12, 31)
        if kind == "quarter":
            q = _num(gd["q"]) or 0
            return _last_day(y, q * 3)
    except (ValueError, TypeError):
        return None
    return None  # pragma: no cover


def _acceptable_in_text(kind: str, m: re.Match[str], text: str) -> bool:
    """In running text a date is a deadline only when worded as one (…前, …底, …完成)."""
    gd = m.groupdict()
    prefix = text[max(0, m.start() - 4): m.start()]
    if _RECUR_PREFIX.search(prefix):
        return False
    if kind == "ymd_compact":
        return True
    if kind == "range":
        return bool(gd.get("y") or gd.get("suf"))
    if kind == "year_end":
        # 年底/年末 on their own count; 年内 must not be "一年内" (a period, not a date).
        if gd["part"] == "内" and (gd.get("this") in (None, "年", "年度") and not gd.get("y")):
            return False
        if gd.get("this") in ("年", "年度") and re.search(r"[\d一二两三四五六七八九十半上下去前明次每]$", prefix):
            return False
        return True
    if kind in ("half", "quarter"):
        return bool(gd.get("suf") or gd.get("y"))
    if kind == "ym_end":
        return True
    return bool(gd.get("suf")) and gd.get("suf") != "内"


def find_deadline(text_s: str, year: int | None, *, strict: bool = True) -> Deadline | None:
    """First deadline in ``text_s`` (simplified). ``strict=False`` is for deadline cells."""
    if not _MAYBE_DATE.search(text_s):
        return None
    best: Deadline | None = None
    for kind, pattern in _FORMS:
        for m in pattern.finditer(text_s):
            if best is not None and m.start() >= best.start:
                break
            if text_s[m.end(): m.end() + 2] in ("起", "开始") or text_s[m.end(): m.end() + 1] == "起":
                continue  # "2021年第二季度起每季度": when something starts, not a deadline
            if strict and not _acceptable_in_text(kind, m, text_s):
                continue
            if not strict and _RECUR_PREFIX.search(text_s[max(0, m.start() - 4): m.start()]):
                continue
            date = _resolve(kind, m, year)
            if date is None and (_num(m.groupdict().get("y")) or year) is not None:
                continue  # not a real date (2月30日)
            best = Deadline(date, text_s[m.start(): m.end()].strip(), m.start(), m.end())
            break
    return best


def deadline_from_cell(cell_o: str, cell_s: str, year: int | None) -> tuple[dt.date | None, str | None]:
    """A 完成时限 column cell: any date form counts; 持续推进 and the like give text only."""
    cell_o = cell_o.strip()
    if not cell_o:
        return None, None
    found = find_deadline(cell_s, year, strict=False)
    if found and found.date:
        return found.date, cell_o
    m = _MONTH_CELL.fullmatch(cell_s.strip())
    if m and year is not None:  # a 完成时限 cell holding only "12月": by the end of that month
        month = _num(m.group("m")) or 0
        if 1 <= month <= 12:
            return _last_day(year, month), cell_o
    return None, cell_o


_MONTH_CELL = re.compile(rf"{_M}(?:内|完成|中下旬)?")


_RECUR = re.compile(r"(?:每|按|逐)(?:一)?(?P<p>周|星期|月度?|季度?|半年|年度?)")
_PERIOD = {"周": "weekly", "星期": "weekly", "月": "monthly", "月度": "monthly", "季": "quarterly",
           "季度": "quarterly", "年": "yearly", "年度": "yearly"}
_COUNT = re.compile(rf"^[^，。；,;]{{0,12}}?(?P<n>\d{{1,3}}|[{_CNUM}]{{1,3}})\s*(?:次|条|篇|期|份|个|批|场)")


@dataclass(frozen=True)
class Recurrence:
    period: str
    min_count: int | None
    text: str


# Without 每/按: "一周保证更新1篇", "一年至少召开1次", "，年度开展一次评估" — a period word followed
# by a guarantee or a count of times, so that "一个月内完成" (a period, not a cycle) does not count.
_RECUR_BARE = re.compile(
    r"(?:(?<![\d〇一二三四五六七八九十第])一(?P<p>周|星期|个?月|季度?|年)|(?:^|(?<=[，,；;。：:]))(?P<q>年度|季度|月度))"
    r"(?:内)?(?=保证|至少|不少于|(?:开展|召开|组织|更新|发布|公开|听取)(?:一|\d{1,3})次)"
)


def _recurrence_matches(text_s: str):
    """(start, end, period word) of every recurrence phrase, in order of position."""
    found = [(m.start(), m.end(), m.group("p")) for m in _RECUR.finditer(text_s)]
    if "一" in text_s or "度" in text_s:
        found += [(m.start(), m.end(), (m.group("p") or m.group("q")).removeprefix("个"))
                  for m in _RECUR_BARE.finditer(text_s)]
        found.sort()
    return found


def find_recurrence(text_s: str, text_o: str) -> Recurrence | None:
    for start, end_p, word in _recurrence_matches(text_s):
        period = _PERIOD.get(word)
        if period is None:
            continue
        # "每年1月31日前" names a yearly date; still a yearly recurrence.
        after = text_s[end_p: end_p + 20]
        count = None
        cm = _COUNT.match(after)
        if cm:
            count = _num(cm.group("n"))
        # The phrase ends at punctuation, a bracket or a quotation mark (每年至少更新一次“开放江门”数据集).
        stop = re.search(r"[，。；,;（(：:）)“”「」\"]", text_s[start:])
        end = start + (stop.start() if stop else len(text_s) - start)
        end = min(end, start + 24)
        return Recurrence(period, count, text_o[start: end])
    return None


def is_no_date_phrase(text_s: str) -> bool:
    return bool(_NO_DATE.search(text_s))
