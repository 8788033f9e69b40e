"""Every write to the normative-document library: create, 统一登记, 统一发布, and the status transitions.

Each transition is one service that checks the transition table, changes the document, writes a
PolicyEvent row and refreshes the search entry, all in one transaction. An illegal move raises DomainError.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.core.exceptions import DomainError
from gongkai.disclosure import services as disclosure
from gongkai.organisations.models import Unit, User

from .. import conf, indexing, validity
from ..doc_numbers import parse_doc_number
from ..models import (
    PUBLISHED_STATUSES,
    DocumentKind,
    DocumentStatus,
    EventAction,
    PolicyDocument,
    PolicyEvent,
    RegistrationCounter,
    RegistrationScheme,
)
from ..selectors import may_register
from . import publication

S = DocumentStatus
# Which statuses each transition may start from, and where it leads (None = the status is unchanged).
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    EventAction.REGISTERED: ((S.DRAFT,), S.REGISTERED),
    EventAction.PUBLISHED: ((S.DRAFT, S.REGISTERED), S.IN_FORCE),
    EventAction.AMENDED: ((S.IN_FORCE, S.AMENDED), S.AMENDED),
    EventAction.REPEALED: ((S.IN_FORCE, S.AMENDED), S.REPEALED),
    EventAction.EXPIRED: ((S.IN_FORCE, S.AMENDED), S.EXPIRED),
    EventAction.RENEWED: ((S.IN_FORCE, S.AMENDED), None),
    EventAction.CONTINUED: ((S.IN_FORCE, S.AMENDED), None),
}
EDITABLE_AFTER_PUBLICATION = {"contact_name", "contact_phone", "needs_interpretation"}
EDITABLE = {"title", "kind", "issuing_organ", "doc_number", "drafting_unit", "written_on", "effective_on",
            "validity_years", "topic", "keywords", "body", *EDITABLE_AFTER_PUBLICATION}
ACTION_VERBS = {
    EventAction.REGISTERED: "登记", EventAction.PUBLISHED: "发布", EventAction.AMENDED: "修改",
    EventAction.REPEALED: "废止", EventAction.EXPIRED: "宣布失效", EventAction.RENEWED: "重新登记",
    EventAction.CONTINUED: "确认继续有效",
}


def _check_transition(document: PolicyDocument, action: str) -> str:
    allowed_from, target = TRANSITIONS[action]
    if document.status not in allowed_from:
        raise DomainError(
            f"“{document.title}”当前状态为“{document.get_status_display()}”，不能{ACTION_VERBS[action]}"
        )
    return target or document.status


def _record(document, action, *, from_status, on, by=None, reason="", related=None, batch=None) -> PolicyEvent:
    return PolicyEvent.objects.create(
        document=document, action=action, from_status=from_status, to_status=document.status, on=on,
        related_document=related, reason=reason[:500], by=by, cleanup_batch=batch,
    )


def _apply_doc_number(document: PolicyDocument, raw: str, today: dt.date) -> None:
    if not (raw or "").strip():
        document.doc_number, document.doc_organ_code, document.doc_year, document.doc_serial = "", "", None, None
        return
    number = parse_doc_number(raw, today=today)
    document.doc_number, document.doc_organ_code = number.text, number.organ_code
    document.doc_year, document.doc_serial = number.year, number.serial


def _check_unique_doc_number(document: PolicyDocument) -> None:
    if document.doc_number and PolicyDocument.objects.filter(
        government=document.government, doc_number=document.doc_number
    ).exclude(pk=document.pk).exists():
        raise DomainError(f"发文字号“{document.doc_number}”已被本级政府的另一份文件使用，请核对")


@transaction.atomic
def policy_document_create(
    *, unit: Unit, title: str, written_on: dt.date, kind: str = DocumentKind.NORMATIVE,
    issuing_organ: str = "", doc_number: str = "", drafting_unit: Unit | None = None, topic: str = "",
    keywords: str = "", body: str = "", effective_on: dt.date | None = None, validity_years: int | None = None,
    contact_name: str = "", contact_phone: str = "", needs_interpretation: bool | None = None,
    by: User | None = None,
) -> PolicyDocument:
    """录入 a document (草拟) with the draft InformationItem that will carry it through review.
    暂行/试行 is detected from the title; the 有效期 is fixed at publication."""
    title = (title or "").strip()
    if not title:
        raise DomainError("请填写文件标题")
    government = unit.government
    if government is None:
        raise DomainError(f"“{unit}”不属于任何人民政府，无法统一登记")
    if kind not in DocumentKind.values:
        raise DomainError("文件类别不正确")
    if validity_years is not None and not 1 <= validity_years <= 10:
        raise DomainError("有效期应为1至10年")
    document = PolicyDocument(
        unit=unit, government=government, drafting_unit=drafting_unit, kind=kind, title=title,
        issuing_organ=(issuing_organ or unit.name).strip(), written_on=written_on, topic=topic.strip(),
        keywords=keywords.strip(), body=body, effective_on=effective_on, validity_years=validity_years,
        is_provisional=validity.is_provisional(title), contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(), created_by=by,
        needs_interpretation=kind != DocumentKind.OTHER if needs_interpretation is None else needs_interpretation,
    )
    _apply_doc_number(document, doc_number, written_on)
    if effective_on and effective_on < written_on:
        raise DomainError("施行日期不能早于成文日期")
    _check_unique_doc_number(document)
    document.save()
    document.item = publication.create_document_item(document, by)
    document.save(update_fields=["item"])
    _record(document, EventAction.CREATED, from_status="", on=written_on, by=by)
    indexing.index_document(document)
    return document


@transaction.atomic
def policy_document_update(*, document: PolicyDocument, by: User | None = None, **changes) -> PolicyDocument:
    """Correct a document's details before publication (the draft item is kept in step). After publication
    only the consultation contact may change: the text, 文号, dates and 有效期 of a published document change
    only through a transition (修改 / 废止)."""
    document = PolicyDocument.objects.select_for_update().get(pk=document.pk)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise DomainError("不能修改：" + "、".join(sorted(unknown)))
    if document.is_published and set(changes) - EDITABLE_AFTER_PUBLICATION:
        raise DomainError("文件已发布，正文、发文字号、日期和有效期不能直接修改；如需变更请办理修改或废止")
    if document.registration_number and "doc_number" in changes:
        raise DomainError("文件已统一登记，发文字号不能再修改")
    if "doc_number" in changes:
        _apply_doc_number(document, changes.pop("doc_number"), changes.get("written_on") or document.written_on)
    for name, value in changes.items():
        setattr(document, name, value.strip() if isinstance(value, str) and name != "body" else value)
    if "title" in changes:
        if not document.title:
            raise DomainError("请填写文件标题")
        document.is_provisional = validity.is_provisional(document.title)
    if document.effective_on and document.effective_on < document.written_on:
        raise DomainError("施行日期不能早于成文日期")
    if document.validity_years is not None and not 1 <= document.validity_years <= 10:
        raise DomainError("有效期应为1至10年")
    _check_unique_doc_number(document)
    document.save()
    if not document.is_published and document.item_id:
        publication.sync_item(document.item, publication.document_item_fields(document), by)
    _record(document, EventAction.EDITED, from_status=document.status, on=timezone.localdate(), by=by,
            reason="修改：" + "、".join(str(PolicyDocument._meta.get_field(n).verbose_name) for n in changes))
    indexing.index_document(document)
    return document


def registration_number_text(*, government: Unit, year: int, serial: int) -> str:
    """Write a 统一编号 with the government's scheme (or the configured default format)."""
    scheme = RegistrationScheme.objects.filter(government=government).first()
    prefix = scheme.prefix if scheme else (government.region_name or government.short_name or government.name) + (
        conf.registration_default_prefix_suffix()
    )
    fmt = scheme.number_format if scheme else conf.registration_format()
    try:
        return fmt.format(prefix=prefix, year=year, serial=serial)
    except (KeyError, ValueError, IndexError):
        raise DomainError(f"统一编号格式“{fmt}”不正确：只能使用 {{prefix}} {{year}} {{serial}}")


def _next_serial(government: Unit, year: int) -> int:
    """Draw the next serial of (government, year); the counter row is locked until the transaction ends."""
    counter, _ = RegistrationCounter.objects.select_for_update().get_or_create(government=government, year=year)
    RegistrationCounter.objects.filter(pk=counter.pk).update(last_serial=F("last_serial") + 1)
    counter.refresh_from_db()
    return counter.last_serial


def _assign_registration(document: PolicyDocument, on: dt.date) -> None:
    serial = _next_serial(document.government, on.year)
    document.registration_year, document.registration_serial, document.registered_on = on.year, serial, on
    document.registration_number = registration_number_text(government=document.government, year=on.year, serial=serial)


@transaction.atomic
def registration_scheme_set(*, government: Unit, prefix: str, number_format: str) -> RegistrationScheme:
    prefix, number_format = prefix.strip(), number_format.strip()
    if not prefix:
        raise DomainError("请填写编号前缀")
    if "{serial" not in number_format:
        raise DomainError("编号格式必须包含流水号 {serial}")
    try:
        number_format.format(prefix=prefix, year=2025, serial=1)
    except (KeyError, ValueError, IndexError):
        raise DomainError(f"统一编号格式“{number_format}”不正确：只能使用 {{prefix}} {{year}} {{serial}}")
    scheme, _ = RegistrationScheme.objects.update_or_create(
        government=government, defaults={"prefix": prefix, "number_format": number_format}
    )
    return scheme


def _lock(document: PolicyDocument) -> PolicyDocument:
    return PolicyDocument.objects.select_for_update().get(pk=document.pk)


@transaction.atomic
def policy_document_register(*, document: PolicyDocument, on: dt.date, by: User | None = None) -> PolicyDocument:
    """统一登记、统一编号: give a 行政规范性文件 its registration number (sequence per government and year)."""
    document = _lock(document)
    if by is not None and not may_register(by, document):
        raise DomainError(f"统一登记由{document.government.name}公开办办理")
    before = document.status
    target = _check_transition(document, EventAction.REGISTERED)
    if document.kind != DocumentKind.NORMATIVE:
        raise DomainError("只有行政规范性文件需要统一登记")
    if on < document.written_on:
        raise DomainError("登记日期不能早于成文日期")
    if not document.doc_number:
        raise DomainError("登记前请填写发文字号")
    _assign_registration(document, on)
    document.status, document.status_on = target, on
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        raise DomainError("登记号冲突，请重试")
    _record(document, EventAction.REGISTERED, from_status=before, on=on, by=by, reason=document.registration_number)
    indexing.index_document(document)
    return document


def _missing_for_publication(document: PolicyDocument) -> list[str]:
    missing = []
    if document.kind in (DocumentKind.RULE, DocumentKind.NORMATIVE) and not document.doc_number:
        missing.append("发文字号")
    if not document.contact_name:
        missing.append("咨询联系人")
    if not document.contact_phone:
        missing.append("咨询电话")
    if not document.body.strip() and not (
        document.item_id and document.item.attachments.filter(is_original=True).exists()
    ):
        missing.append("正文或原件")
    return missing


@transaction.atomic
def policy_document_attach(*, document: PolicyDocument, by: User | None, name: str, data: bytes) -> None:
    """Upload the original (原件, e.g. the signed PDF) onto the document's item; kept byte for byte."""
    if document.is_published:
        raise DomainError("文件已发布，不能再更换原件")
    disclosure.item_attachment_add(item=document.item, by=by, name=name, data=data, is_original=True)


def _check_ready(document: PolicyDocument) -> None:
    if document.kind == DocumentKind.NORMATIVE and document.status != S.REGISTERED:
        raise DomainError("行政规范性文件须先统一登记、编号，才能报审发布（统一登记、统一编号、统一发布）")
    if document.status not in (S.DRAFT, S.REGISTERED):
        raise DomainError(f"文件当前为“{document.get_status_display()}”，无需报审")
    missing = _missing_for_publication(document)
    if missing:
        raise DomainError("报审前请补充：" + "、".join(missing))


@transaction.atomic
def policy_document_submit(*, document: PolicyDocument, by: User | None, note: str = "") -> PolicyDocument:
    """Send the document into the disclosure review chain (先审后发)."""
    document = _lock(document)
    _check_ready(document)
    publication.sync_item(document.item, publication.document_item_fields(document), by)
    disclosure.item_submit(item=document.item, by=by, note=note)
    return document


@transaction.atomic
def policy_document_approve(
    *, document: PolicyDocument, by: User | None, note: str = "", acknowledge_findings: bool = False,
    publish_on: dt.date | None = None,
) -> PolicyDocument:
    """Pass the current review step of the document's item; the last approval publishes it (统一发布)."""
    document = _lock(document)
    if document.status in PUBLISHED_STATUSES:
        raise DomainError("文件已发布")
    item = disclosure.item_approve(item=document.item, by=by, note=note,
                                   acknowledge_findings=acknowledge_findings, publish_on=publish_on)
    if item.is_public:
        return policy_document_publish(document=document, by=by)
    return document


@transaction.atomic
def policy_document_return(*, document: PolicyDocument, by: User | None, reason: str) -> PolicyDocument:
    disclosure.item_return(item=document.item, by=by, reason=reason)
    return document


@transaction.atomic
def policy_document_publish(*, document: PolicyDocument, by: User | None = None) -> PolicyDocument:
    """统一发布: once the item has passed review and is public, the document takes effect in the library
    (有效) on the item's 发布日期 and its 有效期 is fixed. A 行政规范性文件 must have been registered first."""
    document = _lock(document)
    before = document.status
    target = _check_transition(document, EventAction.PUBLISHED)
    _check_ready(document)
    item = document.item
    if item is None or not item.is_public:
        raise DomainError("文件尚未通过信息发布审核，不能发布（先审后发）")
    published_on = item.published_on
    if published_on < document.written_on:
        raise DomainError("发布日期不能早于成文日期")
    document.published_on = published_on
    years = document.validity_years or validity.default_term_years(title=document.title, kind=document.kind)
    if years:
        document.validity_years = years
        document.validity_starts_on = document.effective_on or published_on
        document.expires_on = validity.expiry_date(document.validity_starts_on, years)
    document.status, document.status_on, document.status_reason = target, published_on, ""
    document.save()
    reason = f"索引号{item.index_number}"
    if document.expires_on:
        reason += f"，有效期至{validity.cn_date(document.expires_on)}"
    _record(document, EventAction.PUBLISHED, from_status=before, on=published_on, by=by, reason=reason)
    indexing.index_document(document)
    return document


def check_related_government(owner, related: PolicyDocument, what: str) -> None:
    """A document is amended or repealed only by a document of its own government, whose library, 统一登记
    and 清理 it belongs to, and a government's gazette carries only that government's documents. `owner` is the
    document, cleanup batch or gazette issue that the related document would act on or appear in."""
    if related.government_id != owner.government_id:
        raise DomainError(f"{what}须是{owner.government.name}的文件，不能关联其他人民政府的文件")


def _check_related(document: PolicyDocument, related: PolicyDocument, on: dt.date, what: str) -> None:
    if related.pk == document.pk:
        raise DomainError(f"{what}不能是文件本身")
    check_related_government(document, related, what)  # before the checks below name the related document
    if not related.is_published:
        raise DomainError(f"{what}“{related.title}”尚未发布")
    if related.published_on and related.published_on > on:
        raise DomainError(f"{what}“{related.title}”发布于{related.published_on}，晚于生效日期{on}")


def _check_date(document: PolicyDocument, on: dt.date) -> None:
    if document.published_on and on < document.published_on:
        raise DomainError(f"日期{on}早于文件的发布日期{document.published_on}")


@transaction.atomic
def policy_document_amend(
    *, document: PolicyDocument, amending: PolicyDocument, on: dt.date, reason: str = "", by: User | None = None,
    batch=None,
) -> PolicyDocument:
    """修改: part of the document is changed by `amending`; it stays in force and is stamped 已修改."""
    document = _lock(document)
    before = document.status
    target = _check_transition(document, EventAction.AMENDED)
    _check_date(document, on)
    _check_related(document, amending, on, "修改文件")
    document.status, document.status_on, document.status_document = target, on, amending
    document.status_reason = (reason or f"根据《{amending.title}》修改").strip()
    document.save()
    _record(document, EventAction.AMENDED, from_status=before, on=on, by=by, reason=document.status_reason,
            related=amending, batch=batch)
    publication.set_item_validity(document, by, document.status_reason)
    indexing.index_document(document)
    return document


@transaction.atomic
def policy_document_repeal(
    *, document: PolicyDocument, on: dt.date, repealing: PolicyDocument | None = None, reason: str = "",
    by: User | None = None, batch=None,
) -> PolicyDocument:
    """废止: the document ceases to have effect on `on`, by a repealing document or for a stated reason."""
    document = _lock(document)
    before = document.status
    target = _check_transition(document, EventAction.REPEALED)
    _check_date(document, on)
    if repealing is None and not reason.strip():
        raise DomainError("废止须指明废止文件或说明理由")
    if repealing is not None:
        _check_related(document, repealing, on, "废止文件")
    document.status, document.status_on, document.status_document = target, on, repealing
    document.status_reason = (reason or f"根据《{repealing.title}》废止").strip()
    document.save()
    _record(document, EventAction.REPEALED, from_status=before, on=on, by=by, reason=document.status_reason,
            related=repealing, batch=batch)
    publication.set_item_validity(document, by, document.status_reason)
    indexing.index_document(document)
    return document


@transaction.atomic
def policy_document_expire(
    *, document: PolicyDocument, on: dt.date, reason: str = "", by: User | None = None,
) -> PolicyDocument:
    """失效: the 有效期 has ended (on is after 有效期至), or the document lapsed early (因任务完成等原因自然失效,
    which needs a reason)."""
    document = _lock(document)
    before = document.status
    target = _check_transition(document, EventAction.EXPIRED)
    _check_date(document, on)
    term_ended = validity.is_expired(document.expires_on, on)
    if not term_ended and not reason.strip():
        raise DomainError("文件仍在有效期内，宣布失效须说明理由（如因任务完成自然失效）")
    if term_ended:
        on = document.expires_on + dt.timedelta(days=1)
        reason = reason.strip() or f"有效期已于{validity.cn_date(document.expires_on)}届满"
    document.status, document.status_on, document.status_reason = target, on, reason.strip()
    document.status_document = None
    document.save()
    _record(document, EventAction.EXPIRED, from_status=before, on=on, by=by, reason=document.status_reason)
    publication.set_item_validity(document, by, document.status_reason)
    indexing.index_document(document)
    return document


def policy_documents_expire_due(*, on: dt.date) -> list[PolicyDocument]:
    """Mark every document whose 有效期 ended before `on` as 失效. Idempotent: already lapsed ones are skipped."""
    due = PolicyDocument.objects.filter(status__in=(S.IN_FORCE, S.AMENDED), expires_on__lt=on).order_by("expires_on", "id")
    return [policy_document_expire(document=document, on=on) for document in due]


@transaction.atomic
def policy_document_renew(
    *, document: PolicyDocument, on: dt.date, reason: str = "", by: User | None = None, batch=None,
) -> PolicyDocument:
    """评估后继续执行: 重新登记、编制登记号、公布，并自公布之日起重新计算有效期 (§5.3)."""
    document = _lock(document)
    before = document.status
    _check_transition(document, EventAction.RENEWED)
    _check_date(document, on)
    if document.expires_on is None:
        raise DomainError("该文件没有有效期，无需重新登记")
    if on > document.expires_on:
        raise DomainError("有效期已届满，文件已失效，不能重新登记；请重新制发")
    old_number = document.registration_number
    if document.kind == DocumentKind.NORMATIVE:
        _assign_registration(document, on)
    document.validity_starts_on = on
    document.expires_on = validity.expiry_date(on, document.validity_years)
    document.save()
    text = f"原登记号{old_number}，新登记号{document.registration_number}，" if old_number else ""
    text += f"有效期至{validity.cn_date(document.expires_on)}"
    _record(document, EventAction.RENEWED, from_status=before, on=on, by=by,
            reason=f"{reason.strip()}（{text}）" if reason.strip() else text, batch=batch)
    indexing.index_document(document)
    return document


@transaction.atomic
def policy_document_continue(
    *, document: PolicyDocument, on: dt.date, reason: str = "", by: User | None = None, batch=None,
) -> PolicyDocument:
    """清理 or 评估 concluded the document stays in force as it is; recorded in the ledger."""
    document = _lock(document)
    _check_transition(document, EventAction.CONTINUED)
    _record(document, EventAction.CONTINUED, from_status=document.status, on=on, by=by, reason=reason, batch=batch)
    return document
