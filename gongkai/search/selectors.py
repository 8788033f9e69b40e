"""Reads of the search index: `search()` for the public page, the staff page and the API."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.utils.safestring import SafeString

from gongkai.organisations.models import Unit
from gongkai.organisations.selectors import subtree, visible_units

from . import conf, tags
from .backends import backend
from .highlight import highlight, snippet
from .kinds import kind_label
from .models import SearchDocument
from .segmentation import ParsedQuery, parse_query, regional_variant
from .tags import TOPIC_SEPARATOR, TagFilter


class Order:
    RELEVANCE = "relevance"  # 相关度
    DATE = "date"  # 发布日期（新→旧）


ORDER_LABELS = {Order.RELEVANCE: "按相关度", Order.DATE: "按发布日期"}


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


@dataclass(frozen=True)
class _Visible:
    """What a user may find: `documents`, that is every public document and the drafts of the units
    `draft_units` (ids; None: of every unit)."""

    documents: QuerySet
    draft_units: QuerySet | list[int] | None
    includes_drafts: bool


def _visible(user) -> _Visible:
    """The public sees only what is public; a staff member also sees the drafts of the units in its
    scope (organisations.selectors.visible_units); a superuser every draft."""
    docs = SearchDocument.objects.all()
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return _Visible(docs.filter(is_public=True), draft_units=[], includes_drafts=False)
    if user.is_superuser:
        return _Visible(docs, draft_units=None, includes_drafts=True)
    units = visible_units(user).values_list("id", flat=True)
    return _Visible(docs.filter(Q(is_public=True) | Q(unit__in=units)), draft_units=units, includes_drafts=True)


def _unit(unit) -> Unit | None:
    """The unit of a unit filter (a Unit or its id); None when there is no such unit."""
    if isinstance(unit, Unit):
        return unit
    return Unit.objects.filter(pk=int(unit)).first() if str(unit).isdigit() else None


def _filtered(qs: QuerySet, *, kinds, unit, year, topic, validity) -> QuerySet:
    if kinds:
        qs = qs.filter(kind__in=list(kinds))
    if unit is not None:
        # A unit's platform aggregates its sub-units (a government's platform shows its departments').
        unit_obj = _unit(unit)
        qs = qs.filter(unit__in=subtree(unit_obj)) if unit_obj else qs.none()
    if year:
        qs = qs.filter(year=int(year))
    if topic:
        qs = qs.filter(Q(topic=topic) | Q(topic__startswith=topic + TOPIC_SEPARATOR))
    if validity:
        qs = qs.filter(validity=validity)
    return qs


FACET_FIELDS = ("kind", "unit_id", "year", "topic", "validity")


def _facets(qs: QuerySet, *, kinds, unit, year, topic, validity) -> dict[str, list[FacetValue]]:
    """Counts by kind, unit, year, topic (top level) and validity over the matching documents, in one
    GROUP BY query."""
    rows = qs.order_by().values(*FACET_FIELDS).annotate(n=Count("id"))
    return _facets_of(rows, kinds=kinds, unit=unit, year=year, topic=topic, validity=validity)


def _facets_of(rows, *, kinds, unit, year, topic, validity) -> dict[str, list[FacetValue]]:
    """Facets from rows holding FACET_FIELDS (and a count `n`, 1 when absent)."""
    by = {name: Counter() for name in ("kind", "unit", "year", "topic", "validity")}
    for row in rows:
        n = row.get("n", 1)
        by["kind"][row["kind"]] += n
        if row["unit_id"]:
            by["unit"][row["unit_id"]] += n
        if row["year"]:
            by["year"][row["year"]] += n
        if row["topic"]:
            by["topic"][row["topic"].split(TOPIC_SEPARATOR)[0]] += n
        if row["validity"]:
            by["validity"][row["validity"]] += n
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


@dataclass
class _Window:
    """The matches of a query that pass visibility, filters and phrases, most recently indexed first."""

    rows: list[dict]
    complete: bool  # every full-text match was examined, so len(rows) is the exact total


def _tag_filter(visible: _Visible, *, kinds, unit, year, topic, validity) -> TagFilter | None:
    """Visibility and filters as tag groups (AND of ORs, tags.py) for the full-text walk; None when
    nothing can match (an unknown unit)."""
    groups: list[list[str]] = []
    draft_units = None if visible.draft_units is None else list(visible.draft_units)
    if kinds:
        groups.append([tags.kind_tag(str(k)) for k in kinds])
    if unit is not None:
        unit_obj = _unit(unit)
        if unit_obj is None:
            return None
        # A unit's platform aggregates its sub-units (a government's platform shows its departments').
        groups.append([tags.unit_tag(u) for u in subtree(unit_obj).values_list("id", flat=True)])
    if year:
        groups.append([tags.year_tag(int(year))])
    if topic:
        groups.append([tags.topic_tag(topic)])
    if validity:
        groups.append([tags.validity_tag(validity)])
    return TagFilter(groups, draft_units)


def _match_window(be, parsed: ParsedQuery, tag_filter: TagFilter, *, any_term: bool, need: int,
                  below: int | None) -> _Window:
    """The newest `need` matches below id `below` (visibility and filters are part of the full-text match,
    backends). Quoted phrases are then checked on the stored text, batch by batch, until `need` pass, the
    matches run out, or conf.scan_limit() matches have been examined (then the count is a lower bound)."""
    if not parsed.phrases:
        rows, complete = be.window(parsed, tag_filter, any_term=any_term, need=need, below=below)
        return _Window(rows, complete)
    rows: list[dict] = []
    budget = conf.scan_limit()
    scanned = 0
    batch = need + need // 8 + 8
    while True:
        found, complete = be.window(parsed, tag_filter, any_term=any_term, need=batch, below=below)
        scanned += len(found)
        if found:
            ids = [r["id"] for r in found]
            kept = set(_with_phrases(SearchDocument.objects.filter(pk__in=ids), parsed).values_list("id", flat=True))
            rows.extend(r for r in found if r["id"] in kept)
            below = ids[-1]
        if complete:
            return _Window(rows, complete=True)
        if len(rows) >= need or scanned >= budget:
            return _Window(rows, complete=False)
        batch = min(max(batch * 2, 1000), budget - scanned)


# BM25 (as FTS5's bm25(): k1 = 1.2, b = 0.75, a title hit weighted conf.title_weight() times a body hit),
# computed over the candidate window. The inverse document frequency is taken within the window, which
# keeps it positive and, for a relaxed (any word) query, still ranks documents with the rarer words first.
K1, B = 1.2, 0.75


def _score(rows: list[dict], parsed: ParsedQuery) -> None:
    """Set row["relevance"] for each candidate row (title_seg and body_seg present)."""
    tokens = sorted({t for term in parsed.terms for alt in term.alternatives for t in alt})
    if not rows:
        return
    weight = conf.title_weight()
    spaced = []
    for row in rows:
        title = " " + row["title_seg"].replace(" ", "  ") + " "
        body = " " + row["body_seg"].replace(" ", "  ") + " "
        length = (row["title_seg"].count(" ") + 1 if row["title_seg"] else 0) + (
            row["body_seg"].count(" ") + 1 if row["body_seg"] else 0)
        tf = {}
        for token in tokens:
            needle = f" {token} "
            f = weight * title.count(needle) + body.count(needle)
            if f:
                tf[token] = f
        spaced.append((tf, length))
    n = len(rows)
    avg = sum(length for _, length in spaced) / n or 1.0
    df = Counter(token for tf, _ in spaced for token in tf)
    idf = {t: math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5)) for t in df}
    for row, (tf, length) in zip(rows, spaced, strict=True):
        norm = K1 * (1 - B + B * length / avg)
        row["relevance"] = sum(idf[t] * f * (K1 + 1) / (f + norm) for t, f in tf.items())


def _segmented(ids) -> list[tuple[int, tuple[str, str]]]:
    """(id, (title_seg, body_seg)) of the candidates to score: one primary-key lookup, no ORM rows."""
    ids = list(ids)
    if not ids:
        return []
    from django.db import connection

    table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, title_seg, body_seg FROM {table} WHERE id IN ({', '.join(['%s'] * len(ids))})", ids
        )
        return [(row[0], (row[1] or "", row[2] or "")) for row in cursor.fetchall()]


def _newest_first(row) -> tuple:
    published = row["published_on"]
    return (published is None, -(published.toordinal() if published else 0), -row["id"])


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
    visible = _visible(user)
    results = SearchResults(
        query=(query or "").strip(), parsed=parsed, hits=[], total=0, page=page, page_size=page_size,
        order=order, includes_drafts=visible.includes_drafts,
    )
    if not parsed.is_empty:
        return _text_search(results, parsed, query=query, visible=visible, filters=filters, with_facets=with_facets)
    if not any(filters.values()):
        return results  # nothing asked
    # Filters alone: listed by date from the documents table (its is_public/published_on index).
    matched = ranked = _filtered(visible.documents, **filters)
    order = results.order = Order.DATE
    results.total = _count(matched)
    limit = conf.count_limit()
    if results.total > limit:
        results.total, results.total_is_lower_bound = limit, True
    if results.total == 0:
        return results
    ranked = ranked.order_by(F("published_on").desc(nulls_last=True), "-id")
    offset = (page - 1) * page_size
    rows = list(ranked.select_related("unit")[offset : offset + page_size])
    _fill_hits(results, rows, {})
    if with_facets and not results.total_is_lower_bound:
        results.facets = _facets(matched, **filters)
    return results


def _text_search(results: SearchResults, parsed: ParsedQuery, *, query, visible: _Visible, filters,
                 with_facets) -> SearchResults:
    """A query with words: the newest matches that the user may see and that pass the filters, from one
    early-terminating walk of the full-text index (words and filter tags together), then ordered in
    Python (BM25 or date)."""
    be = backend()
    limit = conf.count_limit()
    window = conf.rank_window()
    need = max(limit + 1, window)
    by_relevance = results.order == Order.RELEVANCE
    tag_filter = _tag_filter(visible, **filters)
    if tag_filter is None:
        return results
    below = be.first_below()  # read once, for all the attempts that follow

    def attempt(p: ParsedQuery, any_term: bool = False) -> _Window:
        return _match_window(be, p, tag_filter, any_term=any_term, need=need, below=below)

    found = attempt(parsed)
    if not found.rows:
        variant = regional_variant(query, parsed)
        if variant is not None:
            again = attempt(variant)
            if again.rows:
                parsed, found = variant, again
                results.parsed = parsed
    if not found.rows and len(parsed.terms) > 1 and not parsed.phrases:
        found = attempt(parsed, any_term=True)
        results.relaxed = bool(found.rows)
    rows = found.rows
    results.total = len(rows)
    if not found.complete or results.total > limit:
        results.total_is_lower_bound = True
        results.total = min(results.total, limit)
    if not rows:
        return results
    candidates = rows[:window]
    results.ranked_recent_only = len(rows) > window or not found.complete
    if by_relevance:
        segs = dict(_segmented(r["id"] for r in candidates))
        for r in candidates:
            r["title_seg"], r["body_seg"] = segs.get(r["id"], ("", ""))
        _score(candidates, parsed)
        candidates.sort(key=lambda r: (-r["relevance"], *_newest_first(r)))
    else:
        candidates.sort(key=_newest_first)
    offset = (results.page - 1) * results.page_size
    page_rows = candidates[offset : offset + results.page_size]
    docs = SearchDocument.objects.select_related("unit").defer("title_seg", "body_seg").in_bulk(
        [r["id"] for r in page_rows])
    relevance = {r["id"]: r.get("relevance") for r in page_rows}
    _fill_hits(results, [docs[r["id"]] for r in page_rows if r["id"] in docs], relevance)
    if with_facets and not results.total_is_lower_bound:
        results.facets = _facets_of(rows, **filters)
    return results


def _fill_hits(results: SearchResults, rows, relevance: dict) -> None:
    words = results.parsed.highlight_words()
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
            relevance=relevance.get(d.pk),
        )
        for d in rows
    ]
