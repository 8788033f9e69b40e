"""The 错敏词 check run at review (§8 item 6: 严重表述错误 is a single-veto item of 国办秘函〔2019〕19号).

Three kinds of configurable lists (WordList):
* 敏感词 — words that must not be published (secrecy markings such as 绝密、机密、内部资料 among them);
* 易错词 — "错误写法=正确写法" pairs (党史教育=党史学习教育);
* 领导职务 — "姓名=职务" pairs; a known title next to the name that differs from the registered one is flagged.

`check_text` is pure; `check_item` loads the lists that apply to an item's unit.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import conf

DEFAULT_LISTS = Path(__file__).parent / "data" / "wordlists.json"
# Titles looked for around a leader's name (besides every registered title).
COMMON_TITLES = ["书记", "副书记", "市长", "副市长", "区长", "副区长", "县长", "副县长", "镇长", "副镇长", "主任",
                 "副主任", "局长", "副局长", "秘书长", "副秘书长", "主席", "副主席", "部长", "副部长", "委员", "主任委员"]


@dataclass(frozen=True)
class Finding:
    kind: str  # "sensitive" | "erroneous" | "leader"
    start: int
    end: int
    text: str
    message: str
    field: str = "body"
    suggestion: str = ""

    @property
    def blocking(self) -> bool:
        return True

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class WordLists:
    sensitive: tuple[str, ...] = ()
    erroneous: tuple[tuple[str, str], ...] = ()
    leaders: tuple[tuple[str, str], ...] = ()


def parse_entries(kind: str, text: str) -> list:
    """One entry a line; pairs are "a=b" (full-width ＝ accepted). Blank lines and #comments are ignored."""
    entries = []
    for raw in text.splitlines():
        line = raw.strip().replace("＝", "=")
        if not line or line.startswith("#"):
            continue
        if kind == "sensitive":
            entries.append(line)
        else:
            left, sep, right = line.partition("=")
            if sep and left.strip() and right.strip():
                entries.append((left.strip(), right.strip()))
    return entries


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


def check_text(text: str, lists: WordLists, field: str = "body") -> list[Finding]:
    findings: list[Finding] = []
    for word in sorted(set(lists.sensitive), key=len, reverse=True):
        start = text.find(word)
        while start != -1:
            findings.append(Finding("sensitive", start, start + len(word), word, f"敏感词“{word}”", field))
            start = text.find(word, start + len(word))
    for wrong, right in lists.erroneous:
        start = text.find(wrong)
        while start != -1:
            # "党史教育=党史学习教育": the correct form may contain the wrong one; do not flag correct text.
            ok_here = any(
                text.startswith(right, start - offset)
                for offset in range(0, max(len(right) - len(wrong), 0) + 1)
                if start - offset >= 0
            )
            if not ok_here:
                findings.append(Finding("erroneous", start, start + len(wrong), wrong,
                                        f"疑似错误表述“{wrong}”，应为“{right}”", field, right))
            start = text.find(wrong, start + len(wrong))
    titles = sorted({t for _, t in lists.leaders} | set(COMMON_TITLES), key=len, reverse=True)
    window = conf.word_context_chars()
    for name, title in lists.leaders:
        start = text.find(name)
        while start != -1:
            end = start + len(name)
            before, after = text[max(0, start - window):start], text[end:end + window]
            mentioned = _titles_near(before, after, titles)
            if mentioned and title not in mentioned:
                findings.append(Finding("leader", start, end, name,
                                        f"{name}的职务应为“{title}”，文中写作“{'、'.join(mentioned)}”", field, title))
            start = text.find(name, end)
    findings.sort(key=lambda f: (f.field, f.start))
    return findings


def _titles_near(before: str, after: str, titles: list[str]) -> list[str]:
    """Titles written immediately before (市长张三) or after (张三市长, 张三同志任副市长 not) a name."""
    found = []
    for candidate in titles:
        if before.endswith(candidate) or after.startswith(candidate):
            if not any(candidate in other and candidate != other for other in found):
                found.append(candidate)
    # keep the longest match only (副市长 over 市长)
    return [t for t in found if not any(t != o and t in o for o in found)]


def highlight(text: str, findings: list[Finding] | list[dict]) -> SafeString:
    """HTML-escaped `text` with each finding wrapped in <mark> (non-overlapping, first wins)."""
    spans = []
    for f in findings:
        f = f if isinstance(f, dict) else f.as_dict()
        if not _overlaps([(s, e) for s, e, _ in spans], f["start"], f["end"]):
            spans.append((f["start"], f["end"], f["message"]))
    spans.sort()
    out, pos = [], 0
    for start, end, message in spans:
        out.append(escape(text[pos:start]))
        out.append(f'<mark class="finding" title="{escape(message)}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


def default_lists() -> dict:
    return json.loads(DEFAULT_LISTS.read_text(encoding="utf-8"))


def lists_for_unit(unit) -> WordLists:
    from .models import WordList

    ancestor_ids = [int(p) for p in unit.path.strip("/").split("/") if p] if unit is not None else []
    rows = WordList.objects.filter(is_active=True).filter(unit__isnull=True) | WordList.objects.filter(
        is_active=True, unit_id__in=ancestor_ids
    )
    sensitive, erroneous, leaders = [], [], []
    for row in rows:
        entries = parse_entries(row.kind, row.entries)
        {"sensitive": sensitive, "erroneous": erroneous, "leader": leaders}[row.kind].extend(entries)
    return WordLists(tuple(sensitive), tuple(erroneous), tuple(leaders))


def check_item(item) -> list[Finding]:
    lists = lists_for_unit(item.unit)
    return check_text(item.title, lists, "title") + check_text(item.body, lists, "body")
