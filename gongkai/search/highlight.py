"""Highlighted titles and snippets: HTML-escaped text with the query words wrapped in <mark>.

Matching runs on the normalised text (traditional folded to simplified, lower case) whenever the
normalisation kept every character in place, so that a document written in traditional characters is
highlighted for a simplified query; the marks are applied to the original characters.
"""

from __future__ import annotations

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from .segmentation import normalise

_SPACES = re.compile(r"\s+")
_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|tr|td|th|table|section|article)>|<br\s*/?>", re.IGNORECASE)


def plain_text(text: str) -> str:
    """Rich text (HTML from an editor) as plain text: tags removed, entities decoded, paragraphs kept."""
    if "<" not in text and "&" not in text:
        return text
    return html.unescape(strip_tags(_BLOCK_END.sub(lambda m: m.group(0) + "\n", text)))


def _pattern(words: list[str]) -> re.Pattern | None:
    words = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words))


def _matches(text: str, pattern: re.Pattern | None) -> list[tuple[int, int]]:
    if pattern is None or not text:
        return []
    norm = normalise(text)
    if len(norm) != len(text):
        norm = text.lower()
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(norm):
        if spans and spans[-1][1] == m.start():  # 信息 + 公开 side by side become one mark
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
    return spans


def _render(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    end = len(text) if end is None else end
    out, pos = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)


def highlight(text: str, words: list[str]) -> SafeString:
    """The whole text, escaped, with every occurrence of `words` marked."""
    text = _SPACES.sub(" ", text or "").strip()
    return mark_safe(_render(text, _matches(text, _pattern(words))))


def snippet(text: str, words: list[str], *, length: int = 120) -> SafeString:
    """About `length` characters of `text` around the densest cluster of matches, escaped and marked;
    the opening of the text when nothing matches. An ellipsis shows where text was cut."""
    text = _SPACES.sub(" ", text or "").strip()
    if not text:
        return mark_safe("")
    spans = _matches(text, _pattern(words))
    if len(text) <= length:
        return mark_safe(_render(text, spans))
    start = 0
    if spans:
        lead = length // 5
        best, best_score = 0, -1
        for s, _ in spans[:100]:
            window_start = max(0, s - lead)
            window_end = window_start + length
            distinct = {text[a:b].lower() for a, b in spans if a >= window_start and b <= window_end}
            score = len(distinct) * 1000 - s  # most distinct words, then earliest
            if score > best_score:
                best, best_score = window_start, score
        start = best
    start = max(0, min(start, len(text) - length))
    end = start + length
    body = _render(text, spans, start, end)
    return mark_safe(("…" if start > 0 else "") + body + ("…" if end < len(text) else ""))
