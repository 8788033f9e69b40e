"""Filter tags: the visibility and filter values of a document, indexed as extra tokens beside its words.

Every filter (and the public/staff scope) is then part of the full-text match itself, so that both
backends find "the newest matches of these words that this user may see and that pass these filters"
in one early-terminating index walk, whatever the words' frequency or the filters' selectivity:

| tag | when | meaning |
|---|---|---|
| `_draft` | not is_public | 草稿（未公开）: the public scope excludes it (staff scopes are checked on the entry rows) |
| `_u<id>` | unit | 发布单位 (the unit filter ORs the units of the subtree) |
| `_k<hex>` | kind | 类型 (kind code, UTF-8 hex) |
| `_y<year>` | published_on | 年份 |
| `_t<hex>` | topic | 主题分类, once for the whole value and once for its 大类 |
| `_v<hex>` | validity | 有效性 |
| `_a… _b… _c… _d…` | PostgreSQL only | recency blocks of ids, one per level of `RECENCY_LEVELS` (see backends) |

Document words contain only letters, digits and CJK ideographs (segmentation splits on everything
else), so a tag, which starts with `_`, can never equal a word. The encodings use nothing but
`_`, lower-case letters, digits and hex, so the same tags can be computed in SQL on both databases
for rebuilds. `FIELD_TAGS`, `DRAFT` and `RECENCY_LEVELS` are the one definition: `entry_tags` and
`recency_tags` read them here, and the backends generate their SQL from them (`tags_sql()`); a test
checks that the two agree on every row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TOPIC_SEPARATOR = "\\"  # 主题分类 is two-level: 大类\小类
DRAFT = "_draft"  # a tag on the few drafts, not on the many public documents: cheaper to exclude than to require
# Recency blocks on PostgreSQL: (prefix, shift). A window of recent ids is covered by a few aligned blocks.
RECENCY_LEVELS = (("_d", 21), ("_c", 18), ("_b", 15), ("_a", 12))
SMALLEST_BLOCK = 1 << RECENCY_LEVELS[-1][1]


def _hex(value: str) -> str:
    return value.encode("utf-8").hex()


@dataclass(frozen=True)
class FieldTag:
    """A filter value indexed as a tag: `prefix` and the value, text as its UTF-8 bytes in lower-case hex,
    an integer in decimal; no tag when the value is empty (or 0, or NULL). With `parent_separator`, a
    value holding it is tagged once more with the part before it (主题分类 大类\\小类: its 大类)."""

    prefix: str  # spliced into SQL by the backends, hence checked
    field: str  # the column of SearchEntry
    is_text: bool
    parent_separator: str | None = None

    def __post_init__(self):
        if not re.fullmatch(r"_[a-z]+", self.prefix):
            raise ValueError(f"a tag prefix is `_` and lower-case letters, not {self.prefix!r}")

    def tag(self, value: str | int) -> str:
        return self.prefix + (_hex(value) if self.is_text else str(int(value)))

    def tags(self, value: str | int | None) -> list[str]:
        if not value:
            return []
        out = [self.tag(value)]
        if self.parent_separator and self.parent_separator in value:
            out.append(self.tag(value.split(self.parent_separator, 1)[0]))
        return out


UNIT = FieldTag("_u", "unit_id", is_text=False)  # 发布单位 (the unit filter ORs the units of the subtree)
KIND = FieldTag("_k", "kind", is_text=True)  # 类型
YEAR = FieldTag("_y", "year", is_text=False)  # 年份
TOPIC = FieldTag("_t", "topic", is_text=True, parent_separator=TOPIC_SEPARATOR)  # 主题分类
VALIDITY = FieldTag("_v", "validity", is_text=True)  # 有效性
FIELD_TAGS = (UNIT, KIND, YEAR, TOPIC, VALIDITY)  # a document's tags come in this order, after DRAFT


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
    return UNIT.tag(unit_id)


def kind_tag(kind: str) -> str:
    return KIND.tag(kind)


def year_tag(year: int) -> str:
    return YEAR.tag(year)


def topic_tag(topic: str) -> str:
    return TOPIC.tag(topic)


def validity_tag(validity: str) -> str:
    return VALIDITY.tag(validity)


def entry_tags(*, is_public: bool, unit_id: int | None, kind: str, year: int | None, topic: str,
               validity: str) -> list[str]:
    """The filter tags of one document (recency blocks excluded)."""
    values = {"unit_id": unit_id, "kind": kind, "year": year, "topic": topic, "validity": validity}
    return ([] if is_public else [DRAFT]) + [tag for spec in FIELD_TAGS for tag in spec.tags(values[spec.field])]


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
