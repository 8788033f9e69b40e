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
from django.urls import NoReverseMatch, reverse


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
    documents: Callable[[], Iterator[IndexedDocument]]
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


def _url(name: str, *args, fallback: str = "") -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return fallback


# ------------------------------------------------------------------------------ disclosure (公开信息)


def _disclosure_items() -> Iterator[IndexedDocument]:
    from gongkai.disclosure import services as disclosure_services
    from gongkai.disclosure.models import InformationItem, ItemStatus

    items = (
        InformationItem.objects.exclude(status=ItemStatus.WITHDRAWN).select_related("unit").order_by("pk")
    )
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


register(Source(
    name="disclosure.item", label="公开信息（政府信息公开平台）", documents=_disclosure_items,
    requires=("gongkai.disclosure.models:InformationItem", "gongkai.disclosure.services:search_key",
              "gongkai.disclosure.services:item_url"),
))


# ------------------------------------------------------------------------------ policies (政策文件库)


def _policy_documents() -> Iterator[IndexedDocument]:
    from gongkai.policies.models import DocumentStatus, PolicyDocument

    docs = PolicyDocument.objects.select_related("unit").order_by("pk")
    for doc in docs.iterator(chunk_size=2000):
        public = doc.is_published
        yield IndexedDocument(
            key=f"policies.document:{doc.pk}",
            kind="policy",
            title=doc.title,
            body=doc.body,
            url=_url("policies_public:document", doc.pk) if public else _url("policies:document_detail", doc.pk),
            unit=doc.unit,
            published_on=doc.published_on,
            topic=doc.topic,
            validity=doc.validity_label,
            doc_number=doc.doc_number,
            is_public=public and doc.status != DocumentStatus.DRAFT,
        )


def _interpretations() -> Iterator[IndexedDocument]:
    from gongkai.policies.models import Interpretation

    rows = Interpretation.objects.select_related("unit").order_by("pk")
    for it in rows.iterator(chunk_size=2000):
        public = it.is_public
        yield IndexedDocument(
            key=f"policies.interpretation:{it.pk}",
            kind="interpretation",
            title=it.title,
            body=it.body,
            url=_url("policies_public:interpretation", it.pk) if public
            else _url("policies:interpretation_detail", it.pk),
            unit=it.unit,
            published_on=it.published_on,
            is_public=public,
        )


def _gazette_articles() -> Iterator[IndexedDocument]:
    from gongkai.policies.models import GazetteArticle, GazetteStatus

    rows = GazetteArticle.objects.select_related("issue", "issue__government", "document").order_by("pk")
    for article in rows.iterator(chunk_size=2000):
        issue = article.issue
        public = issue.status == GazetteStatus.PUBLISHED
        yield IndexedDocument(
            key=f"policies.gazette:{article.pk}",
            kind="gazette",
            title=article.title,
            body=f"{issue} {article.section}\n{article.text}",
            url=_url("policies_public:gazette_issue", issue.pk) if public else _url("policies:gazette_detail", issue.pk),
            unit=issue.government,
            published_on=issue.issued_on,
            doc_number=article.doc_number,
            is_public=public,
        )


register(Source(
    name="policies.document", label="政策文件（规范性文件库）", documents=_policy_documents,
    requires=("gongkai.policies.models:PolicyDocument",),
))
register(Source(
    name="policies.interpretation", label="政策解读", documents=_interpretations,
    requires=("gongkai.policies.models:Interpretation",),
))
register(Source(
    name="policies.gazette", label="政府公报", documents=_gazette_articles,
    requires=("gongkai.policies.models:GazetteArticle", "gongkai.policies.models:GazetteStatus"),
))
