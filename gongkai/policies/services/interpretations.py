"""Every write to 政策解读: create, edit, publish, withdraw."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import File
from django.db import transaction

from gongkai.core.exceptions import DomainError
from gongkai.disclosure import services as disclosure
from gongkai.organisations.models import Unit, User

from .. import indexing
from ..models import MEDIA_FORMS, Interpretation, InterpretationForm, InterpretationStatus, PolicyDocument
from . import publication

FIELDS = ("title", "form", "body", "external_url", "speaker", "source", "contact_name", "contact_phone")


def _problems(interpretation: Interpretation) -> list[str]:
    """What the interpretation lacks before it can be published."""
    missing = []
    if not interpretation.contact_name:
        missing.append("咨询联系人")
    if not interpretation.contact_phone:
        missing.append("咨询电话")
    if interpretation.form in MEDIA_FORMS:
        if not interpretation.media and not interpretation.external_url:
            missing.append("图解或音视频文件（或外部链接）")
        if not interpretation.body.strip():
            missing.append("文字说明（供无法查看图片、音视频的读者使用）")
    elif interpretation.form in (InterpretationForm.EXPERT, InterpretationForm.LEADER) and not interpretation.speaker:
        missing.append("解读人")
    elif interpretation.form == InterpretationForm.MEDIA and not interpretation.source:
        missing.append("媒体名称")
    if interpretation.form not in MEDIA_FORMS and not interpretation.body.strip() and not interpretation.external_url:
        missing.append("解读内容")
    return missing


def _validate(interpretation: Interpretation) -> None:
    if not interpretation.title.strip():
        raise DomainError("请填写解读标题")
    if interpretation.form not in InterpretationForm.values:
        raise DomainError("解读形式不正确")


def _attach(interpretation: Interpretation, media: File | None) -> None:
    if media is not None:
        interpretation.media_name = getattr(media, "name", "")[-200:]
        interpretation.media.save(interpretation.media_name or "media", media, save=False)


@transaction.atomic
def interpretation_create(
    *, document: PolicyDocument, title: str, form: str, unit: Unit | None = None, body: str = "",
    external_url: str = "", speaker: str = "", source: str = "", contact_name: str = "", contact_phone: str = "",
    media: File | None = None, by: User | None = None,
) -> Interpretation:
    """Draft an interpretation. The contact defaults to the document's 咨询联系人 / 咨询电话."""
    interpretation = Interpretation(
        document=document, unit=unit or document.drafting_unit or document.unit, title=title.strip(), form=form,
        body=body, external_url=external_url.strip(), speaker=speaker.strip(), source=source.strip(),
        contact_name=(contact_name or document.contact_name).strip(),
        contact_phone=(contact_phone or document.contact_phone).strip(), created_by=by,
    )
    _validate(interpretation)
    _attach(interpretation, media)
    interpretation.save()
    interpretation.item = publication.create_interpretation_item(interpretation, by)
    interpretation.save(update_fields=["item"])
    indexing.index_interpretation(interpretation)
    return interpretation


@transaction.atomic
def interpretation_update(
    *, interpretation: Interpretation, media: File | None = None, by: User | None = None, **changes,
) -> Interpretation:
    interpretation = Interpretation.objects.select_for_update().get(pk=interpretation.pk)
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise DomainError("不能修改：" + "、".join(sorted(unknown)))
    if interpretation.status != InterpretationStatus.DRAFT:
        raise DomainError(f"解读{interpretation.get_status_display()}，不能修改")
    for name, value in changes.items():
        setattr(interpretation, name, value.strip() if isinstance(value, str) and name != "body" else value)
    _validate(interpretation)
    _attach(interpretation, media)
    interpretation.save()
    publication.sync_item(interpretation.item, publication.interpretation_item_fields(interpretation), by)
    indexing.index_interpretation(interpretation)
    return interpretation


def _check_ready(interpretation: Interpretation) -> None:
    if interpretation.status != InterpretationStatus.DRAFT:
        raise DomainError(f"解读当前为“{interpretation.get_status_display()}”，不能报审发布")
    document = interpretation.document
    if not document.is_published:
        raise DomainError(f"所解读的文件“{document.title}”尚未发布，解读应与文件同步审签、在文件发布后发布（三同步）")
    missing = _problems(interpretation)
    if missing:
        raise DomainError("报审前请补充：" + "、".join(missing))


def _lock(interpretation: Interpretation) -> Interpretation:
    return Interpretation.objects.select_for_update(of=("self",)).select_related("document", "item").get(pk=interpretation.pk)


@transaction.atomic
def interpretation_submit(*, interpretation: Interpretation, by: User | None, note: str = "") -> Interpretation:
    """Send the interpretation into the disclosure review chain (先审后发)."""
    interpretation = _lock(interpretation)
    _check_ready(interpretation)
    publication.sync_item(interpretation.item, publication.interpretation_item_fields(interpretation), by)
    disclosure.item_submit(item=interpretation.item, by=by, note=note)
    return interpretation


@transaction.atomic
def interpretation_approve(
    *, interpretation: Interpretation, by: User | None, note: str = "", acknowledge_findings: bool = False,
    publish_on: dt.date | None = None,
) -> Interpretation:
    interpretation = _lock(interpretation)
    item = disclosure.item_approve(item=interpretation.item, by=by, note=note,
                                   acknowledge_findings=acknowledge_findings, publish_on=publish_on)
    if item.is_public:
        return interpretation_publish(interpretation=interpretation, by=by)
    return interpretation


@transaction.atomic
def interpretation_return(*, interpretation: Interpretation, by: User | None, reason: str) -> Interpretation:
    disclosure.item_return(item=interpretation.item, by=by, reason=reason)
    return interpretation


@transaction.atomic
def interpretation_publish(*, interpretation: Interpretation, by: User | None = None) -> Interpretation:
    """The item passed review and is public: the interpretation is published on the item's 发布日期,
    which the 3-working-day check compares with the document's."""
    interpretation = _lock(interpretation)
    _check_ready(interpretation)
    item = interpretation.item
    if item is None or not item.is_public:
        raise DomainError("解读尚未通过信息发布审核，不能发布（先审后发）")
    if item.published_on < interpretation.document.published_on:
        raise DomainError(f"解读发布日期不能早于文件发布日期{interpretation.document.published_on}")
    interpretation.status, interpretation.published_on = InterpretationStatus.PUBLISHED, item.published_on
    interpretation.save()
    indexing.index_interpretation(interpretation)
    return interpretation


@transaction.atomic
def interpretation_withdraw(*, interpretation: Interpretation, reason: str, by: User | None = None) -> Interpretation:
    """Take a published interpretation off the site (and its item off the platform), keeping the reason."""
    interpretation = _lock(interpretation)
    if interpretation.status != InterpretationStatus.PUBLISHED:
        raise DomainError("只有已发布的解读可以撤回")
    if not reason.strip():
        raise DomainError("请说明撤回原因")
    if interpretation.item_id and interpretation.item.is_public:
        disclosure.item_withdraw(item=interpretation.item, by=by, reason=reason)
    interpretation.status, interpretation.withdrawn_reason = InterpretationStatus.WITHDRAWN, reason.strip()
    interpretation.save()
    indexing.index_interpretation(interpretation)
    return interpretation
