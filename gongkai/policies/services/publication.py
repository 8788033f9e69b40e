"""Publishing through the disclosure platform (contract 4): every policy document and interpretation is
carried by an InformationItem, so one review workflow (先审后发), one metadata block and one 索引号 sequence
serve all publications. These helpers create and keep that item in step, and drive its review.
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.core.exceptions import DomainError
from gongkai.disclosure import services as disclosure
from gongkai.disclosure.models import (
    Article20,
    Column,
    FreshnessClass,
    InformationItem,
    ItemKind,
    PlatformSection,
)
from gongkai.disclosure.models import Validity as ItemValidity
from gongkai.organisations.models import Unit, User

from .. import conf
from ..models import DocumentStatus, Interpretation, PolicyDocument

ITEM_VALIDITY = {
    DocumentStatus.DRAFT: ItemValidity.VALID, DocumentStatus.REGISTERED: ItemValidity.VALID,
    DocumentStatus.IN_FORCE: ItemValidity.VALID, DocumentStatus.AMENDED: ItemValidity.AMENDED,
    DocumentStatus.REPEALED: ItemValidity.REPEALED, DocumentStatus.EXPIRED: ItemValidity.EXPIRED,
}


def publishing_column(unit: Unit, *, interpretation: bool = False) -> Column:
    """The unit's 政策文件 (or 政策解读) column under 法定主动公开内容 / 第二十条第（一）项; opened if missing."""
    slug, name = conf.interpretation_column() if interpretation else conf.document_column()
    column = Column.objects.filter(unit=unit, slug=slug).first()
    if column is None:
        return disclosure.column_create(
            unit=unit, name=name, slug=slug, section=PlatformSection.STATUTORY, article20=Article20.RULES,
            freshness_class=FreshnessClass.NOTICE_POLICY,
        )
    if not column.is_active:
        raise DomainError(f"{unit}的“{column.name}”栏目已停用，请先在信息发布中启用")
    return column


def document_item_fields(document: PolicyDocument) -> dict:
    return {
        "title": document.title, "body": document.body, "topic": document.topic[:60],
        "issuing_organ": document.issuing_organ, "written_on": document.written_on,
        "doc_number": document.doc_number, "keywords": document.keywords,
        "related_url": reverse("policies_public:document", args=[document.pk]),
    }


def interpretation_item_fields(interpretation: Interpretation) -> dict:
    return {
        "title": interpretation.title, "body": interpretation.body, "topic": interpretation.document.topic[:60],
        "issuing_organ": interpretation.unit.name, "keywords": interpretation.get_form_display(),
        "related_url": reverse("policies_public:interpretation", args=[interpretation.pk]),
    }


def create_document_item(document: PolicyDocument, by: User | None) -> InformationItem:
    return disclosure.item_create(
        column=publishing_column(document.unit), by=by, kind=ItemKind.POLICY, unit=document.unit,
        validity=ITEM_VALIDITY[document.status], **document_item_fields(document),
    )


def create_interpretation_item(interpretation: Interpretation, by: User | None) -> InformationItem:
    return disclosure.item_create(
        column=publishing_column(interpretation.unit, interpretation=True), by=by, kind=ItemKind.INTERPRETATION,
        unit=interpretation.unit, **interpretation_item_fields(interpretation),
    )


def sync_item(item: InformationItem, fields: dict, by: User | None) -> None:
    """Copy changed fields onto the item while it is editable (a published item is withdrawn first)."""
    item.refresh_from_db()
    changed = {k: v for k, v in fields.items() if getattr(item, k) != v}
    if changed:
        disclosure.item_update(item=item, by=by, **changed)


def set_item_validity(document: PolicyDocument, by: User | None, note: str = "") -> None:
    if document.item_id:
        disclosure.item_set_validity(item=document.item, validity=ITEM_VALIDITY[document.status], by=by, note=note)
