"""Where the index comes from: a small registry of sources, each able to list every document it
contributes. `gongkai search reindex` rebuilds the index from these; day to day, the source apps keep
the index current themselves by calling the services (contract 3).

Source models are imported lazily, inside each source, so that this module loads whether or not a
source app is installed or migrated; a source that cannot be read says why instead of failing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, models
from django.db.models import Q


@dataclass
class IndexedDocument:
    """The arguments of `search_document_upsert`, as a value."""

    key: str
    kind: str
    title: str
    body: str
    url: str
    unit: object = None
    published_on: date | None = None
    topic: str = ""
    validity: str = ""
    doc_number: str = ""
    is_public: bool = True

    def as_kwargs(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Source:
    name: str  # also the key prefix of its documents: "disclosure.item" → keys "disclosure.item:<pk>"
    label: str
    # Either an iterator of documents (bulk-loaded) or a function that indexes every record through the
    # source app's own indexing code and returns how many it indexed.
    documents: Callable[[], Iterator[IndexedDocument]] | None = None
    index_each: Callable[[], int] | None = None
    requires: tuple[str, ...] = field(default_factory=tuple)  # "module:attribute" that must exist

    def unavailable_reason(self) -> str | None:
        """None when the source can be read, else a Chinese explanation."""
        tables = None
        for requirement in self.requires:
            module_name, _, attr = requirement.partition(":")
            try:
                module = importlib.import_module(module_name)
            except ImportError as exc:
                return f"无法加载 {module_name}（{exc}）"
            if attr and not hasattr(module, attr):
                return f"{module_name} 中尚无 {attr}，该来源暂不可用"
            target = getattr(module, attr, None)
            if isinstance(target, type) and issubclass(target, models.Model):
                tables = set(connection.introspection.table_names()) if tables is None else tables
                if target._meta.db_table not in tables:
                    return f"数据表 {target._meta.db_table} 尚未建立，请先运行 gongkai migrate"
        return None

    @property
    def key_prefix(self) -> str:
        return f"{self.name}:"


_REGISTRY: dict[str, Source] = {}


def register(source: Source) -> Source:
    _REGISTRY[source.name] = source
    return source


def all_sources() -> list[Source]:
    return list(_REGISTRY.values())


def get_source(name: str) -> Source:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"未知的检索来源 {name}；可用：{'、'.join(_REGISTRY)}")


# ------------------------------------------------------------------------------ disclosure (公开信息)


def _disclosure_items() -> Iterator[IndexedDocument]:
    from gongkai.disclosure import services as disclosure_services
    from gongkai.disclosure.models import InformationItem, ItemStatus

    items = (
        InformationItem.objects.exclude(status=ItemStatus.WITHDRAWN).select_related("unit").order_by("pk")
    )
    # Policy documents and interpretations are published as items too (contract 4); the policies source
    # indexes them with their own kind and page, so the items behind them are not listed twice.
    for relation in _policy_relations(InformationItem):
        items = items.filter(**{f"{relation}__isnull": True})
    for item in items.iterator(chunk_size=2000):
        yield IndexedDocument(
            key=disclosure_services.search_key(item),
            kind="item",
            title=item.title,
            body=item.body,
            url=disclosure_services.item_url(item),
            unit=item.unit,
            published_on=item.published_on,
            topic=item.topic,
            validity=item.get_validity_display() if item.validity else "",
            doc_number=item.doc_number,
            is_public=item.is_public,
        )


def _policy_relations(model) -> list[str]:
    """Names of the reverse one-to-one relations from policies records to a disclosure item."""
    return [
        rel.get_accessor_name() for rel in model._meta.related_objects
        if rel.one_to_one and rel.related_model._meta.app_label == "policies"
    ]


def is_superseded(key: str) -> bool:
    """True for a disclosure item that stands for a policy document or interpretation: the policies app
    indexes that record under its own key, kind and page, so the item itself is left out of the index
    (otherwise every policy would be listed twice)."""
    prefix, _, pk = key.partition(":")
    if prefix != "disclosure.item" or not pk.isdigit():
        return False
    try:
        from gongkai.disclosure.models import InformationItem
    except ImportError:
        return False
    relations = _policy_relations(InformationItem)
    if not relations:
        return False
    owned = Q()
    for relation in relations:
        owned |= Q(**{f"{relation}__isnull": False})
    return InformationItem.objects.filter(owned, pk=int(pk)).exists()


register(Source(
    name="disclosure.item", label="公开信息（政府信息公开平台）", documents=_disclosure_items,
    requires=("gongkai.disclosure.models:InformationItem", "gongkai.disclosure.services:search_key",
              "gongkai.disclosure.services:item_url"),
))


# ------------------------------------------------------------------------------ policies (政策文件库)
# The policies app owns how its records are indexed (gongkai.policies.indexing, which calls our upsert
# service); reindexing runs those same functions over every record, so the two can never disagree.


def _policy_documents() -> int:
    from gongkai.policies import indexing
    from gongkai.policies.models import PolicyDocument

    count = 0
    for doc in PolicyDocument.objects.select_related("unit").order_by("pk").iterator(chunk_size=500):
        indexing.index_document(doc)
        count += 1
    return count


def _interpretations() -> int:
    from gongkai.policies import indexing
    from gongkai.policies.models import Interpretation

    count = 0
    rows = Interpretation.objects.select_related("unit", "document").order_by("pk")
    for interpretation in rows.iterator(chunk_size=500):
        indexing.index_interpretation(interpretation)  # deletes withdrawn ones
        count += interpretation.status != "withdrawn"
    return count


def _gazette_articles() -> int:
    from gongkai.policies import indexing
    from gongkai.policies.models import GazetteArticle

    count = 0
    rows = GazetteArticle.objects.select_related("issue", "issue__government", "document").order_by("pk")
    for article in rows.iterator(chunk_size=500):
        indexing.index_gazette_article(article)
        count += 1
    return count


register(Source(
    name="policies.document", label="政策文件（规范性文件库）", index_each=_policy_documents,
    requires=("gongkai.policies.models:PolicyDocument", "gongkai.policies.indexing:index_document"),
))
register(Source(
    name="policies.interpretation", label="政策解读", index_each=_interpretations,
    requires=("gongkai.policies.models:Interpretation", "gongkai.policies.indexing:index_interpretation"),
))
register(Source(
    name="policies.gazette", label="政府公报", index_each=_gazette_articles,
    requires=("gongkai.policies.models:GazetteArticle", "gongkai.policies.indexing:index_gazette_article"),
))


# ------------------------------------------------------------------------------ reports (年度报告)
# Mirrors reports.services.report_publish, which indexes a report when it is published.


def _annual_reports() -> Iterator[IndexedDocument]:
    from django.utils import timezone

    from gongkai.reports.models import AnnualReport

    rows = AnnualReport.objects.filter(published_at__isnull=False).select_related("unit").order_by("pk")
    for report in rows.iterator(chunk_size=500):
        yield IndexedDocument(
            key=f"reports.annual:{report.pk}", kind="annual_report", title=report.title,
            body="\n".join([report.section1_text, report.section5_text, report.section6_text]),
            url=f"/ndbg/{report.pk}/", unit=report.unit, published_on=timezone.localdate(report.published_at),
            is_public=True,
        )


register(Source(
    name="reports.annual", label="政府信息公开工作年度报告", documents=_annual_reports,
    requires=("gongkai.reports.models:AnnualReport",),
))
