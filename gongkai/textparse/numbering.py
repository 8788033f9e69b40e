"""Outline numbering (编号) of Chinese official documents and Chinese numerals.

The hierarchy of 党政机关公文格式 (GB/T 9704) is fixed, so a numbering style has a fixed rank:
第一部分/第一章 < 一、 < （一） < 1. < （1） < ①. 第一条 and 一是 sit at the level of 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN = "〇零○一二两三四五六七八九十百千"


def cn_to_int(text: str) -> int | None:
    """Chinese numeral → int: 十二 → 12, 二十三 → 23, 二〇二一 → 2021 (digit by digit)."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if all(ch in CN_DIGITS for ch in text):  # 二〇二一: positional digits
        value = 0
        for ch in text:
            value = value * 10 + CN_DIGITS[ch]
        return value
    total, current = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (current or 1) * CN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# (rank, pattern). Each pattern captures the number in group "n"; the match ends where the
# item's own text begins.
_PATTERNS: list[tuple[float, str, re.Pattern[str]]] = [
    (0, "part", re.compile(rf"^第(?P<n>[{_CN}\d]+)(?:部分|章|篇)[\s、，,：:．.]*")),
    (1, "cn", re.compile(rf"^(?P<n>[{_CN}]+)\s*[、，,．.]\s*")),
    (2, "cnp", re.compile(rf"^[（(]\s*(?P<n>[{_CN}]+)\s*[）)]\s*[、，,．.]?\s*")),
    (3, "tiao", re.compile(rf"^第(?P<n>[{_CN}\d]+)条[\s、，,：:．.]*")),
    (3, "ar", re.compile(r"^(?P<n>\d{1,3})(?:\s*[、，．]|\.(?!\d)|\.(?=(?:19|20)\d{2}\s*年)|\s+(?=[\u4e00-\u9fff“《]))\s*")),
    (3.5, "ard", re.compile(r"^(?P<n>\d{1,2}\.\d{1,2})(?:\s*[、．.]|\s+|(?=[\u4e00-\u9fff]))\s*")),
    (3, "shi", re.compile(rf"^(?P<n>[{_CN}]+)是(?=[\u4e00-\u9fff])")),
    (4, "arp", re.compile(r"^[（(]\s*(?P<n>\d{1,3})\s*[）)]\s*[、，,．.]?\s*")),
    (4, "arh", re.compile(r"^(?P<n>\d{1,2})[）)]\s*")),
    (5, "circ", re.compile(r"^(?P<n>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
]
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class Numbering:
    rank: float
    style: str
    label: str  # as printed, without trailing spaces: "（一）", "12.", "第三条"
    value: int | None
    end: int  # offset in the line where the item text starts


def parse_numbering(line: str) -> Numbering | None:
    """Numbering at the start of ``line`` (a simplified working copy), or None."""
    if not line:
        return None
    first = line[0]
    if not (first in _CN or first.isdigit() or first in "（(第" or first in _CIRCLED):
        return None
    # only the first 13 characters decide (a 12-character head and the character after it)
    return _parse_head(line[:13])


@lru_cache(maxsize=8192)
def _parse_head(line: str) -> Numbering | None:
    head = line[:12].translate(_FULLWIDTH_DIGITS)
    first = head[0]
    if not (first in _CN or first.isdigit() or first in "（(第" or first in _CIRCLED):
        return None
    for rank, style, pattern in _PATTERNS:
        m = pattern.match(head)
        if not m:
            continue
        n = m.group("n")
        if style == "cn" and len(n) > 3:
            continue
        if style == "shi" and n not in ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十"):
            continue
        if style in ("ar", "ard") and line[m.end() : m.end() + 1] in ("%", "万", "亿", "元", "年", "月", "日", "个", "次", "倍"):
            continue
        if style == "circ":
            value: int | None = _CIRCLED.index(n) + 1
        elif style == "ard":
            value = None
        else:
            value = int(n) if n.isdigit() else cn_to_int(n)
        if value is None and style != "ard":
            continue
        label = line[: m.end()].strip()
        if style == "shi":
            label = line[: m.end()]
        return Numbering(rank, style, label, value, m.end())
    return None


def display_no(num: Numbering) -> str:
    """The task number as the gold files print it: '12' for '12.', '（一）' for '（一）'."""
    if num.style in ("ar",):
        return str(num.value)
    label = num.label.rstrip("、，,．. ")
    return label


# "…。一是…；二是…；三是…" inside one paragraph: each 一是 opens a clause (start, or after
# punctuation), and the values run 一, 二, 三 … without a gap.
_INLINE_SHI = re.compile(r"(?:^|(?<=[。；;，,：:！!？?]))\s*(?P<n>[一二三四五六七八九十])是(?=[\u4e00-\u9fff“《（(\d])")


def inline_enumeration(text_s: str) -> list[tuple[int, int, str]]:
    """(marker start, item text start, label) of an inline 一是/二是 list, or [] if fewer than two."""
    out: list[tuple[int, int, str]] = []
    for m in _INLINE_SHI.finditer(text_s):
        value = cn_to_int(m.group("n")) or 0
        if value == len(out) + 1:
            out.append((m.start("n"), m.end(), m.group("n") + "是"))
        elif value == 1 and len(out) < 2:
            out = [(m.start("n"), m.end(), m.group("n") + "是")]  # a stray 一是 before the real list
    return out if len(out) >= 2 else []


_CLAUSE_END = re.compile(r"[。；;！!？?]\s*")
_SIBLING_STYLES = ("ar", "arp", "arh", "circ", "cnp", "tiao")


def inline_siblings(text_s: str, first: Numbering) -> list[int]:
    """Offsets in ``text_s`` (starting with ``first``) where the next items of the same style
    begin after a clause end: "（1）…。（2）…；（3）…" → [start of （2）, start of （3）]."""
    if first.style not in _SIBLING_STYLES or first.value is None or len(text_s) < 8:
        return []
    cuts: list[int] = []
    expected = first.value + 1
    for m in _CLAUSE_END.finditer(text_s, first.end):
        pos = m.end()
        if pos >= len(text_s):
            break
        nxt = parse_numbering(text_s[pos:])
        if nxt is not None and nxt.style == first.style and nxt.value == expected:
            cuts.append(pos)
            expected += 1
    return cuts

