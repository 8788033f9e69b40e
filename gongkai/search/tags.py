"""Filter tags: the visibility and filter values of a document, indexed as extra tokens beside its words.

Every filter (and the public/staff scope) is then part of the full-text match itself, so that both
backends find "the newest matches of these words that this user may see and that pass these filters"
in one early-terminating index walk, whatever the words' frequency or the filters' selectivity:

| tag | when | meaning |
|---|---|---|
| `_draft` | not is_public | 草稿（未公开）: the public scope excludes it (staff scopes are checked on the entry rows) |
| `_u<id>` | unit | 发布单位 (the unit filter ORs the units of the subtree) |
| `_k<hex>` | always | 类型 (kind code, UTF-8 hex) |
| `_y<year>` | published_on | 年份 |
| `_t<hex>` | topic | 主题分类, once for the whole value and once for its 大类 |
| `_v<hex>` | validity | 有效性 |
| `_a… _b… _c… _d…` | PostgreSQL only | recency blocks of 2^12, 2^15, 2^18, 2^21 ids (see backends) |

Document words contain only letters, digits and CJK ideographs (segmentation splits on everything
else), so a tag, which starts with `_`, can never equal a word. The encodings use nothing but
`_`, digits and lower-case hex, so the same tags can be computed in SQL on both databases
(backends.*_TAGS_SQL) and in Python (`entry_tags`); a test checks that they agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TOPIC_SEPARATOR = "\\"  # 主题分类 is two-level: 大类\小类
DRAFT = "_draft"  # a tag on the few drafts, not on the many public documents: cheaper to exclude than to require
# Recency blocks on PostgreSQL: (prefix, shift). A window of recent ids is covered by a few aligned blocks.
RECENCY_LEVELS = (("_d", 21), ("_c", 18), ("_b", 15), ("_a", 12))
SMALLEST_BLOCK = 1 << RECENCY_LEVELS[-1][1]


def _hex(value: str) -> str:
    return value.encode("utf-8").hex()


@dataclass
class TagFilter:
    """What a query requires of a document: every group (OR of tags) in `all_of`, and its scope. Drafts:
    `draft_units` None (a superuser) admits all; empty (the public) none, as the `_draft` tag excluded
    by the index; a list of unit ids (staff) those of these units, checked on the entry rows (drafts are
    few, while a coordinator's scope may list hundreds of units, whose unit tags together cover most
    documents and would make the index check every one of them)."""

    all_of: list[list[str]] = field(default_factory=list)
    draft_units: list[int] | None = field(default_factory=list)

    @property
    def drafts_by_unit(self) -> bool:
        return bool(self.draft_units)


def unit_tag(unit_id: int) -> str:
    return f"_u{int(unit_id)}"


def kind_tag(kind: str) -> str:
    return f"_k{_hex(kind)}"


def year_tag(year: int) -> str:
    return f"_y{int(year)}"


def topic_tag(topic: str) -> str:
    return f"_t{_hex(topic)}"


def validity_tag(validity: str) -> str:
    return f"_v{_hex(validity)}"


def entry_tags(*, is_public: bool, unit_id: int | None, kind: str, year: int | None, topic: str,
               validity: str) -> list[str]:
    """The filter tags of one document (recency blocks excluded)."""
    tags = [] if is_public else [DRAFT]
    if unit_id:
        tags.append(unit_tag(unit_id))
    tags.append(kind_tag(kind))
    if year:
        tags.append(year_tag(year))
    if topic:
        tags.append(topic_tag(topic))
        if TOPIC_SEPARATOR in topic:
            tags.append(topic_tag(topic.split(TOPIC_SEPARATOR, 1)[0]))
    if validity:
        tags.append(validity_tag(validity))
    return tags


def recency_tags(doc_id: int) -> list[str]:
    return [f"{prefix}{doc_id >> shift}" for prefix, shift in RECENCY_LEVELS]


def recency_window(lo: int, hi: int, *, max_blocks: int = 4) -> tuple[list[str], int]:
    """Recency block tags of one level covering ids [lo, hi) in at most `max_blocks` blocks (the smallest
    level that can), and the lowest id they cover (≤ lo). Few blocks matter more than a tight fit: GIN
    merges the posting lists of a query's OR'ed entries one by one, so twenty small blocks cost several
    times what four larger ones do."""
    for prefix, shift in reversed(RECENCY_LEVELS):  # smallest blocks first
        first, last = lo >> shift, (hi - 1) >> shift
        if last - first < max_blocks or prefix == RECENCY_LEVELS[0][0]:
            return [f"{prefix}{n}" for n in range(first, last + 1)], first << shift
    raise AssertionError("unreachable")
