"""The public 政府信息公开 platform (/xxgk/): no login, no JavaScript, stable URLs.

Structure (国办公开办函〔2019〕61号, portal-and-oversight.md §1): every unit's platform has the four
fixed parts 政府信息公开指南 / 政府信息公开制度 / 法定主动公开内容 (by the items of 条例第二十条) /
政府信息公开年报, plus the entry to 依申请公开; a government's platform aggregates its departments' and
lower governments' platforms.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from dataclasses import dataclass
from html import escape
from itertools import groupby
from urllib.parse import quote

from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from gongkai.core.links import reverse_cached
from gongkai.organisations.models import Unit, UnitKind

from . import conf, page_reads
from .frames import render_framed
from .models import Article20, Column, InformationItem, ItemAttachment, ItemStatus, PlatformSection, Validity
from .pagecache import cached_public_page, current_generation, page_cache
from .selectors import public_items

# 有效性 values stamped across an item page (the original shows it is no longer in force as printed).
STAMPED_VALIDITY = frozenset({Validity.REPEALED, Validity.EXPIRED, Validity.AMENDED})


def _unit_or_404(unit_id: int) -> Unit:
    return get_object_or_404(Unit, pk=unit_id, is_active=True)


@dataclass(frozen=True)
class Crumb:
    pk: int
    name: str


def _ancestors(unit: Unit) -> list[Crumb]:
    """Breadcrumb units above `unit`, cached per materialised path and platform generation (a unit rename
    bumps the generation, so renamed ancestors show at once)."""
    ids = unit.ancestor_ids()
    if not ids:
        return []
    key = f"disclosure:crumbs:{current_generation()}:{unit.path}"
    cache = page_cache()
    crumbs = cache.get(key)
    if crumbs is None:
        names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
        crumbs = [Crumb(i, names[i]) for i in ids if i in names]
        cache.set(key, crumbs, conf.crumb_cache_seconds())
    return crumbs


def _published_reports(unit: Unit) -> list:
    """Annual reports of `unit` from the reports app (contract: reports.selectors.published_reports)."""
    if importlib.util.find_spec("gongkai.reports.selectors") is None:
        return []
    from gongkai.reports import selectors as report_selectors

    reader = getattr(report_selectors, "published_reports", None)
    return list(reader(unit=unit)) if reader else []


@require_GET
@cached_public_page
def platform_index(request):
    """/xxgk/: the top governments' platforms and the directory of all platforms."""
    roots = Unit.objects.filter(is_active=True, parent__isnull=True).order_by("order", "id")
    if len(roots) == 1:
        return _platform_page(request, roots[0].pk)
    return render(request, "disclosure/public/index.html", {"roots": roots})


@require_GET
@cached_public_page
def platform(request, unit_id: int):
    return _platform_page(request, unit_id)


def _platform_page(request, unit_id: int):
    unit = _unit_or_404(unit_id)
    columns = list(Column.objects.filter(unit=unit, is_active=True).order_by("section", "article20", "order", "id"))
    by_section = {key: list(group) for key, group in groupby(
        sorted(columns, key=lambda c: list(PlatformSection.values).index(c.section)), key=lambda c: c.section)}
    statutory = by_section.get(PlatformSection.STATUTORY, [])
    article_groups = [
        (Article20(number).label if number else "其他法定主动公开内容", list(group))
        for number, group in groupby(sorted(statutory, key=lambda c: (c.article20 or 99, c.order, c.pk)),
                                     key=lambda c: c.article20)
    ]
    children = Unit.objects.filter(parent=unit, is_active=True).exclude(kind=UnitKind.OFFICE).order_by("order", "id")
    departments = [u for u in children if u.kind != UnitKind.GOVERNMENT]
    governments = [u for u in children if u.kind == UnitKind.GOVERNMENT]
    latest = list(public_items().filter(unit=unit, published_on__isnull=False)
                  .only("id", "title", "index_number", "published_on").order_by("-published_on", "-id")[:10])
    _attach_urls(latest)
    return render(request, "disclosure/public/platform.html", {
        "unit": unit, "ancestors": _ancestors(unit),
        "guide_columns": by_section.get(PlatformSection.GUIDE, []),
        "system_columns": by_section.get(PlatformSection.SYSTEM, []),
        "article_groups": article_groups,
        "report_columns": by_section.get(PlatformSection.ANNUAL_REPORT, []),
        "news_columns": by_section.get(PlatformSection.NEWS, []),
        "reports": _published_reports(unit),
        "departments": departments, "governments": governments, "latest": latest,
    })


# What quote(key, safe="/") leaves as it is: a 索引号 such as 11440700000000001E/2025-0000123 needs no quoting.
_URL_PLAIN = re.compile(r"[A-Za-z0-9/_.~-]+")


def _item_url_maker(*, html: bool = False):
    """A function from an item's public key to its page's address, with one (memoised) reverse() of a
    placeholder for a whole list: a million items would flush the memo if each were reversed on its own,
    and even a memoised reverse() reads the URLconf and script prefix from thread-locals each time. With
    html=True the address comes escaped for an attribute (a quoted key has nothing left to escape)."""
    prefix, _, suffix = reverse_cached("disclosure_public:item", "KEY").partition("KEY")
    if html:
        prefix, suffix = escape(prefix), escape(suffix)

    def item_url(public_key: str) -> str:
        key = public_key if _URL_PLAIN.fullmatch(public_key) else quote(public_key, safe="/")
        return f"{prefix}{key}{suffix}"

    return item_url


def _attach_urls(items) -> None:
    item_url = _item_url_maker()
    for item in items:
        item.url = item_url(item.public_key)


def _parse_cursor(value: str) -> tuple[dt.date, int] | None:
    try:
        day, _, pk = value.partition("_")
        return dt.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def column_page(column: Column, cursor: str = "", size: int | None = None) -> tuple[list[page_reads.ListRow], str]:
    """One page of a column's public items, newest first, by keyset on (published_on, id): the query reads
    `size + 1` rows from the partial index item_public_by_column whatever the column's length."""
    size = size or conf.page_size()
    rows = page_reads.column_items(column.pk, after=_parse_cursor(cursor) if cursor else None, limit=size + 1)
    next_cursor = ""
    if len(rows) > size:
        rows = rows[:size]
        next_cursor = f"{rows[-1].published_on.isoformat()}_{rows[-1].id}"
    return rows, next_cursor


VALIDITY_LABELS = dict(Validity.choices)


def _rows_html(rows: list[page_reads.ListRow]) -> SafeString:
    """The <li> lines of a column list. Written out here rather than in a template loop: the list is the
    platform's most requested page, and twenty iterations of the template engine (or of format_html) cost
    more than the rest of the page (bench/portal_bench.py). Every value is escaped with html.escape, which
    is what Django's escape() does."""
    lines = []
    item_url = _item_url_maker(html=True)
    for row in rows:
        doc_number = f' <span class="muted">{escape(row.doc_number)}</span>' if row.doc_number else ""
        validity = (f' <span class="tag danger">{escape(VALIDITY_LABELS.get(row.validity, row.validity))}</span>'
                    if row.validity and row.validity != Validity.VALID else "")
        lines.append(f'<li><span><a href="{item_url(row.public_key)}">{escape(row.title)}</a>{doc_number}{validity}</span>'
                     f'<span class="date">{row.published_on.isoformat()}</span></li>')
    return mark_safe("\n".join(lines))


def _column_frame_context(column_id: int) -> dict:
    """What a page frame shows of a column: the column, its parent, its unit and the unit's ancestors."""
    column = Column.objects.select_related("unit", "parent").get(pk=column_id)
    return {"unit": column.unit, "column": column, "ancestors": _ancestors(column.unit)}


@require_GET
@cached_public_page(params=("after",))
def column_detail(request, unit_id: int, slug: str):
    column = page_reads.column_for_page(unit_id, slug, current_generation(request))
    if column is None:
        raise Http404("没有找到该栏目")
    cursor = request.GET.get("after", "")
    rows, next_cursor = column_page(column, cursor)
    undated = []
    if not next_cursor:  # end of the dated list: show items that carry no publication date
        undated = list(column.items.filter(status=ItemStatus.PUBLISHED, published_on__isnull=True)
                       .only("id", "title", "index_number", "doc_number", "validity").order_by("-id")[:50])
    pager = []
    if cursor:
        first_page = reverse_cached("disclosure_public:column", column.unit_id, column.slug)
        pager.append(f'<a href="{escape(first_page)}">« 第一页</a>')
    if next_cursor:
        pager.append(f'<a href="?after={escape(next_cursor)}" rel="next">下一页 »</a>')
    if rows:
        lines = _rows_html(rows)
    else:
        lines = mark_safe("" if undated else '<li class="muted">本栏目暂无信息。</li>')
    return render_framed(request, "disclosure/public/column.html", frame_key=f"column:{column.pk}", context=lambda: {
        **_column_frame_context(column.pk),
        "children": list(column.children.filter(is_active=True).only("id", "name", "slug").order_by("order", "id")),
    }, slots={
        "rows": lines, "pager": mark_safe("\n  ".join(pager)),
        "undated": mark_safe(render_to_string("disclosure/public/_column_undated.html", {"undated": undated})
                             if undated else ""),
    })


@require_GET
@cached_public_page
def item_detail(request, key: str):
    item = page_reads.item_for_page(key)
    if item is None:
        raise Http404("没有找到该信息")
    if item.status == ItemStatus.WITHDRAWN:
        return render(request, "disclosure/public/withdrawn.html", {"item": item, "unit": item.unit}, status=410)
    if item.status != ItemStatus.PUBLISHED:
        raise Http404("没有找到该信息")
    article = render_to_string("disclosure/public/_item_article.html", {
        "item": item, "issuing_organ": item.issuing_organ or page_reads.unit_name(item.unit_id),
        "attachments": item.page_attachments,
        "validity_label": item.get_validity_display(), "stamped": item.validity in STAMPED_VALIDITY,
    })
    return render_framed(
        request, "disclosure/public/item.html", frame_key=f"item:{item.column_id}",
        context=lambda: _column_frame_context(item.column_id),
        slots={"title": item.title, "article": mark_safe(article), "page_url": request.build_absolute_uri()},
    )


@require_GET
def attachment_download(request, pk: int, name: str = ""):
    """Serve an original only if its item is public (staff use the staff download view for drafts)."""
    attachment = get_object_or_404(ItemAttachment.objects.select_related("item"), pk=pk)
    if attachment.item.status != ItemStatus.PUBLISHED:
        raise Http404("没有找到该文件")
    return _file_response(attachment)


def _file_response(attachment: ItemAttachment) -> FileResponse:
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("文件不存在，请联系发布单位") from exc
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                            content_type=attachment.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@cached_public_page
def catalogue_public(request, unit_id: int):
    from .models import Catalogue

    unit = _unit_or_404(unit_id)
    catalogues = (Catalogue.objects.filter(unit=unit, is_public=True)
                  .prefetch_related("entries__column").order_by("kind", "domain", "id"))
    return render(request, "disclosure/public/catalogue.html", {
        "unit": unit, "ancestors": _ancestors(unit), "catalogues": catalogues,
    })


class ColumnFeed(Feed):
    """Atom feed of a column's latest public items (/xxgk/<unit>/<slug>/feed/)."""

    feed_type = Atom1Feed

    def get_object(self, request, unit_id: int, slug: str):
        return get_object_or_404(Column.objects.select_related("unit"), unit_id=unit_id, slug=slug, is_active=True)

    def title(self, column):
        return f"{column.unit.name} · {column.name}"

    def subtitle(self, column):
        return column.description or f"{column.unit.name}政府信息公开平台“{column.name}”栏目"

    def link(self, column):
        return reverse("disclosure_public:column", args=[column.unit_id, column.slug])

    def items(self, column):
        return (InformationItem.objects.filter(column=column, status=ItemStatus.PUBLISHED, published_on__isnull=False)
                .order_by("-published_on", "-id")[:20])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        meta = " ".join(x for x in [item.doc_number, item.issuing_organ] if x)
        return (meta + "\n" + item.body[:400]).strip()

    def item_link(self, item):
        return reverse("disclosure_public:item", args=[item.public_key])

    def item_guid(self, item):
        return item.index_number or str(item.pk)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return dt.datetime.combine(item.published_on, dt.time(9, 0))

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.issuing_organ or str(item.unit)
