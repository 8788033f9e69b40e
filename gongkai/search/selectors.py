"""Reads of the search index: `search()` for the public page, the staff page and the API."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.utils.safestring import SafeString

from gongkai.organisations.models import Unit

from . import conf
from .backends import backend
from .highlight import highlight, snippet
from .kinds import kind_label
from .models import SearchDocument
from .segmentation import ParsedQuery, parse_query, regional_variant


class Order:
    RELEVANCE = "relevance"  # 相关度
    DATE = "date"  # 发布日期（新→旧）


ORDER_LABELS = {Order.RELEVANCE: "按相关度", Order.DATE: "按发布日期"}
TOPIC_SEPARATOR = "\\"  # 主题分类 is two-level: 大类\小类


@dataclass
class Hit:
    key: str
    kind: str
    kind_label: str
    title: str
    title_html: SafeString
    snippet_html: SafeString
    url: str
    unit_id: int | None
    unit_name: str
    published_on: date | None
    topic: str
    validity: str
    doc_number: str
    is_public: bool
    relevance: float | None


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    query: str
    parsed: ParsedQuery
    hits: list[Hit]
    total: int
    page: int
    page_size: int
    order: str
    relaxed: bool = False  # no document had every word: these hits contain only some of them
    total_is_lower_bound: bool = False  # more than conf.count_limit() matches; counting stopped there
    ranked_recent_only: bool = False  # ordered among the most recently indexed conf.rank_window() matches only
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    includes_drafts: bool = False

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size)) if self.page_size else 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.page_size + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.total, self.page * self.page_size)


def _visible(user) -> tuple[QuerySet, bool]:
    """Documents the user may find: the public sees only what is public; a staff member also sees the
    drafts of the units in its scope (organisations.selectors.visible_units)."""
    from gongkai.organisations.selectors import visible_units

    docs = SearchDocument.objects.all()
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return docs.filter(is_public=True), False
    if user.is_superuser:
        return docs, True
    return docs.filter(Q(is_public=True) | Q(unit__in=visible_units(user).values("id"))), True


def _filtered(qs: QuerySet, *, kinds, unit, year, topic, validity) -> QuerySet:
    if kinds:
        qs = qs.filter(kind__in=list(kinds))
    if unit is not None:
        # A unit's platform aggregates its sub-units (a government's platform shows its departments').
        if isinstance(unit, Unit):
            unit_obj = unit
        else:
            unit_obj = Unit.objects.filter(pk=int(unit)).first() if str(unit).isdigit() else None
        qs = qs.filter(unit__path__startswith=unit_obj.path) if unit_obj else qs.none()
    if year:
        qs = qs.filter(year=int(year))
    if topic:
        qs = qs.filter(Q(topic=topic) | Q(topic__startswith=topic + TOPIC_SEPARATOR))
    if validity:
        qs = qs.filter(validity=validity)
    return qs


def _facets(qs: QuerySet, *, kinds, unit, year, topic, validity) -> dict[str, list[FacetValue]]:
    """Counts by kind, unit, year, topic (top level) and validity over the matching documents, in one
    GROUP BY query."""
    rows = qs.order_by().values("kind", "unit_id", "year", "topic", "validity").annotate(n=Count("id"))
    by = {name: Counter() for name in ("kind", "unit", "year", "topic", "validity")}
    for row in rows:
        by["kind"][row["kind"]] += row["n"]
        if row["unit_id"]:
            by["unit"][row["unit_id"]] += row["n"]
        if row["year"]:
            by["year"][row["year"]] += row["n"]
        if row["topic"]:
            by["topic"][row["topic"].split(TOPIC_SEPARATOR)[0]] += row["n"]
        if row["validity"]:
            by["validity"][row["validity"]] += row["n"]
    unit_names = dict(
        Unit.objects.filter(pk__in=list(by["unit"])).values_list("pk", "name")
    ) if by["unit"] else {}
    selected_unit = str(unit.pk if isinstance(unit, Unit) else unit) if unit else None
    kinds = {str(k) for k in kinds or ()}
    return {
        "kind": [FacetValue(k, kind_label(k), n, k in kinds) for k, n in by["kind"].most_common()],
        "unit": [
            FacetValue(str(u), unit_names.get(u, str(u)), n, str(u) == selected_unit)
            for u, n in by["unit"].most_common(30)
        ],
        "year": [
            FacetValue(str(y), f"{y}年", n, str(y) == str(year or ""))
            for y, n in sorted(by["year"].items(), reverse=True)
        ],
        "topic": [FacetValue(t, t, n, t == topic) for t, n in by["topic"].most_common(30)],
        "validity": [FacetValue(v, v, n, v == validity) for v, n in by["validity"].most_common()],
    }


def _count(qs: QuerySet) -> int:
    """The number of matches, read no further than one past the count limit."""
    return qs.order_by().values("id")[: conf.count_limit() + 1].count()


def _with_phrases(qs: QuerySet, parsed: ParsedQuery) -> QuerySet:
    for phrase in parsed.phrases:
        qs = qs.filter(Q(title__icontains=phrase) | Q(body__icontains=phrase))
    return qs


def search(
    *,
    query: str,
    user=None,
    kinds=None,
    unit=None,
    year: int | None = None,
    topic: str | None = None,
    validity: str | None = None,
    order: str = Order.RELEVANCE,
    page: int = 1,
    page_size: int = 20,
    with_facets: bool = True,
) -> SearchResults:
    """Full-text search. Every word of the query must occur (AND); when no document has them all, the
    documents with any of them are returned instead and `relaxed` is set. Text in quotes must occur
    exactly. Without words, the filters alone list documents by date."""
    parsed = parse_query(query)
    page_size = max(1, min(int(page_size or 20), conf.max_page_size()))
    page = max(1, int(page or 1))
    order = order if order in (Order.RELEVANCE, Order.DATE) else Order.RELEVANCE
    filters = dict(kinds=kinds, unit=unit, year=year, topic=topic, validity=validity)
    visible, includes_drafts = _visible(user)
    base = _filtered(visible, **filters)
    results = SearchResults(
        query=(query or "").strip(), parsed=parsed, hits=[], total=0, page=page, page_size=page_size,
        order=order, includes_drafts=includes_drafts,
    )
    if parsed.is_empty:
        if not any(filters.values()):
            return results  # nothing asked
        matched, ranked = base, base
        order = results.order = Order.DATE
    else:
        be = backend()
        unphrased = base
        base = _with_phrases(unphrased, parsed)
        matched = be.filter(base, parsed, ranked=False)
        total = _count(matched)
        if total == 0:
            variant = regional_variant(query, parsed)
            if variant is not None:
                variant_base = _with_phrases(unphrased, variant)
                variant_total = _count(be.filter(variant_base, variant, ranked=False))
                if variant_total:
                    parsed, base, total = variant, variant_base, variant_total
                    results.parsed = parsed
                    matched = be.filter(base, parsed, ranked=False)
        if total == 0 and len(parsed.terms) > 1 and not parsed.phrases:
            matched = be.filter(base, parsed, any_term=True, ranked=False)
            total = _count(matched)
            results.relaxed = total > 0
        ranked = be.filter(base, parsed, any_term=results.relaxed, ranked=order == Order.RELEVANCE)
        results.total = total
    if parsed.is_empty:
        results.total = _count(matched)
    limit = conf.count_limit()
    if results.total > limit:
        results.total, results.total_is_lower_bound = limit, True
    if results.total == 0:
        return results

    if results.total_is_lower_bound and not parsed.is_empty:
        be = backend()
        floor = be.recent_floor(parsed, any_term=results.relaxed, window=conf.rank_window())
        if floor is not None:
            ranked = be.filter(base, parsed, any_term=results.relaxed, ranked=order == Order.RELEVANCE, min_id=floor)
            results.ranked_recent_only = True
    if order == Order.RELEVANCE and not parsed.is_empty:
        ranked = ranked.order_by("-relevance", F("published_on").desc(nulls_last=True), "-id")
    else:
        ranked = ranked.order_by(F("published_on").desc(nulls_last=True), "-id")
    offset = (page - 1) * page_size
    rows = list(ranked.select_related("unit")[offset : offset + page_size])
    words = parsed.highlight_words()
    length = conf.snippet_length()
    results.hits = [
        Hit(
            key=d.key,
            kind=d.kind,
            kind_label=kind_label(d.kind),
            title=d.title,
            title_html=highlight(d.title, words),
            snippet_html=snippet(d.body, words, length=length),
            url=d.url,
            unit_id=d.unit_id,
            unit_name=d.unit.name if d.unit else "",
            published_on=d.published_on,
            topic=d.topic,
            validity=d.validity,
            doc_number=d.doc_number,
            is_public=d.is_public,
            relevance=getattr(d, "relevance", None),
        )
        for d in rows
    ]
    if with_facets and not results.total_is_lower_bound:
        results.facets = _facets(matched, **filters)
    return results
