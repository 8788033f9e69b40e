"""Every write of the disclosure platform.

Workflow (先审后发, 国办发〔2018〕123号 and 条例第十七条 保密审查): an item is written as a draft, submitted,
passes each review step configured for its unit (保密审查 → 初审 → 复审 → 终审 by default) and is published
by the last approval; nothing becomes public any other way (except `item_import`, which records historical
items already published elsewhere, with an event saying so). A reviewer may return it for changes; a
published item can be withdrawn with a reason and later corrected and resubmitted. Each transition writes an
ItemEvent in the same transaction and keeps the search index in step (contract 3).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import logging
import mimetypes
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone

from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import Role, Unit, User
from gongkai.organisations.selectors import can_see_unit

from . import catalogue as catalogue_rules
from . import conf, wordcheck
from .models import (
    Article20,
    Catalogue,
    CatalogueEntry,
    CatalogueKind,
    Column,
    CustomPeriod,
    FreshnessClass,
    IndexSequence,
    InformationItem,
    ItemAttachment,
    ItemEvent,
    ItemEventKind,
    ItemKind,
    ItemStatus,
    PlatformSection,
    ReviewConfig,
    ReviewStep,
    Validity,
    WordList,
    WordListKind,
)
from .pagecache import platform_changed

logger = logging.getLogger(__name__)
EDITABLE = {ItemStatus.DRAFT, ItemStatus.RETURNED, ItemStatus.WITHDRAWN}
# Transition table: status → statuses reachable by one service.
TRANSITIONS: dict[str, set[str]] = {
    ItemStatus.DRAFT: {ItemStatus.IN_REVIEW},
    ItemStatus.RETURNED: {ItemStatus.IN_REVIEW},
    ItemStatus.IN_REVIEW: {ItemStatus.IN_REVIEW, ItemStatus.RETURNED, ItemStatus.PUBLISHED},
    ItemStatus.PUBLISHED: {ItemStatus.WITHDRAWN},
    ItemStatus.WITHDRAWN: {ItemStatus.IN_REVIEW},
}


def _check_transition(item: InformationItem, target: str) -> None:
    if target not in TRANSITIONS.get(item.status, set()):
        raise DomainError(f"“{item.get_status_display()}”状态的信息不能{_TARGET_VERBS[target]}")


_TARGET_VERBS = {
    ItemStatus.IN_REVIEW: "提交或审核", ItemStatus.RETURNED: "退回", ItemStatus.PUBLISHED: "发布",
    ItemStatus.WITHDRAWN: "撤回",
}


# ---------------------------------------------------------------- 索引号


def _credit_code_for(unit: Unit) -> str:
    current: Unit | None = unit
    while current is not None:
        if current.credit_code:
            return current.credit_code
        current = current.parent
    raise DomainError(f"{unit.name}及其上级单位均未登记统一社会信用代码，无法生成索引号，请先在组织机构中补充")


@transaction.atomic
def item_index_number(*, unit: Unit, year: int) -> str:
    """Take the next 索引号 of `unit` for `year`: 统一社会信用代码/年份-流水号 (e.g. 11441700007280420Y/2021-00050,
    the gkmlpt form, §6.2). Safe under concurrency: the counter row is incremented with one UPDATE, which
    locks it until the surrounding transaction ends; a missing row is created in a savepoint and a losing
    racer retries the UPDATE."""
    code = _credit_code_for(unit)
    for _ in range(3):
        if IndexSequence.objects.filter(unit=unit, year=year).update(last_value=F("last_value") + 1):
            value = IndexSequence.objects.filter(unit=unit, year=year).values_list("last_value", flat=True).get()
            return f"{code}/{year}-{value:05d}"
        try:
            with transaction.atomic():
                IndexSequence.objects.create(unit=unit, year=year, last_value=1)
            return f"{code}/{year}-00001"
        except IntegrityError:
            continue
    raise DomainError("索引号生成冲突，请稍后重试")


# ---------------------------------------------------------------- columns


def _validate_column(*, unit: Unit, parent: Column | None, section: str, freshness_class: str,
                     custom_period: str, custom_min_count: int | None, article20: int | None) -> None:
    errors = []
    if parent is not None and parent.unit_id != unit.pk:
        errors.append("上级栏目必须属于同一单位")
    if parent is not None and parent.section != section:
        errors.append("子栏目必须与上级栏目属于同一部分")
    if section == PlatformSection.STATUTORY and freshness_class == FreshnessClass.DYNAMIC:
        errors.append("专栏姓专：法定主动公开内容中不得设立动态、要闻类栏目，请放在“政务动态（专栏外）”")
    if article20 and section != PlatformSection.STATUTORY:
        errors.append("只有法定主动公开内容的栏目对应条例第二十条事项")
    if freshness_class == FreshnessClass.CUSTOM:
        if custom_period not in CustomPeriod.values:
            errors.append("自定义更新规则请选择周期")
        if not custom_min_count or custom_min_count < 1:
            errors.append("自定义更新规则请填写每周期至少更新的条数（至少1条）")
    if errors:
        raise DomainError("；".join(errors))


@transaction.atomic
def column_create(
    *, unit: Unit, name: str, slug: str, section: str = PlatformSection.STATUTORY, parent: Column | None = None,
    article20: int | None = None, freshness_class: str = FreshnessClass.NOTICE_POLICY, custom_period: str = "",
    custom_min_count: int | None = None, description: str = "", order: int = 100, opened_on: dt.date | None = None,
) -> Column:
    name, slug = name.strip(), slug.strip()
    if not name or not slug:
        raise DomainError("请填写栏目名称和栏目代码")
    _validate_column(unit=unit, parent=parent, section=section, freshness_class=freshness_class,
                     custom_period=custom_period, custom_min_count=custom_min_count, article20=article20)
    if Column.objects.filter(unit=unit, slug=slug).exists():
        raise DomainError(f"栏目代码“{slug}”已被本单位其他栏目使用")
    return Column.objects.create(
        unit=unit, name=name, slug=slug, section=section, parent=parent, article20=article20,
        freshness_class=freshness_class, custom_period=custom_period if freshness_class == FreshnessClass.CUSTOM
        else "", custom_min_count=custom_min_count if freshness_class == FreshnessClass.CUSTOM else None,
        description=description, order=order, opened_on=opened_on or timezone.localdate(),
    )


@transaction.atomic
def column_update(*, column: Column, **fields) -> Column:
    allowed = {"name", "section", "parent", "article20", "freshness_class", "custom_period", "custom_min_count",
               "description", "order", "is_active", "opened_on"}
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(f"不能修改：{'、'.join(sorted(unknown))}")
    for key, value in fields.items():
        setattr(column, key, value)
    if column.freshness_class != FreshnessClass.CUSTOM:
        column.custom_period, column.custom_min_count = "", None
    _validate_column(unit=column.unit, parent=column.parent, section=column.section,
                     freshness_class=column.freshness_class, custom_period=column.custom_period,
                     custom_min_count=column.custom_min_count, article20=column.article20)
    column.save()
    return column


def _refresh_column_counters(column_id: int) -> None:
    public = InformationItem.objects.filter(column_id=column_id, status=ItemStatus.PUBLISHED)
    Column.objects.filter(pk=column_id).update(
        public_count=public.count(), last_published_on=public.aggregate(m=Max("published_on"))["m"]
    )


# ---------------------------------------------------------------- items


def _event(item: InformationItem, kind: str, actor: User | None, note: str = "", step: str = "",
           findings: list | None = None) -> ItemEvent:
    return ItemEvent.objects.create(item=item, kind=kind, actor=actor, note=note, step=step, findings=findings or [])


def _may_edit(user: User | None, item_unit: Unit) -> bool:
    if user is None:
        return True  # system writes (demo, import, other modules acting on behalf of a user they checked)
    return can_see_unit(user, item_unit) and user.has_role(Role.HANDLER, Role.LIAISON, Role.COORDINATOR)


def _clean_item_fields(*, column: Column, unit: Unit, title: str, written_on, published_on=None) -> None:
    errors = []
    if column.unit_id != unit.pk:
        errors.append(f"栏目“{column.name}”不属于{unit}")
    if not column.is_active:
        errors.append(f"栏目“{column.name}”已停用")
    if not title.strip():
        errors.append("请填写标题")
    if title.strip() == column.name:
        errors.append("标题不能与栏目名称相同")  # a recurring inspection finding (§8 item 10)
    if written_on and written_on > timezone.localdate():
        errors.append("成文日期不能晚于今天")
    if written_on and published_on and published_on < written_on:
        errors.append("发布日期不能早于成文日期")
    if errors:
        raise DomainError("；".join(errors))


@transaction.atomic
def item_create(
    *, column: Column, title: str, by: User | None, kind: str = ItemKind.NOTICE, body: str = "", topic: str = "",
    issuing_organ: str = "", written_on: dt.date | None = None, doc_number: str = "", validity: str = "",
    keywords: str = "", related_url: str = "", catalogue_entry=None, unit: Unit | None = None,
) -> InformationItem:
    """Create a draft in `column` (the item belongs to the column's unit)."""
    unit = unit or column.unit
    if not _may_edit(by, unit):
        raise DomainError("您无权在该单位的栏目中编辑信息")
    _clean_item_fields(column=column, unit=unit, title=title, written_on=written_on)
    if validity not in Validity.values:
        raise DomainError("有效性取值不正确")
    item = InformationItem.objects.create(
        unit=unit, column=column, kind=kind, title=title.strip(), body=body, topic=topic.strip(),
        issuing_organ=issuing_organ.strip() or unit.name, written_on=written_on, doc_number=doc_number.strip(),
        validity=validity, keywords=keywords.strip(), related_url=related_url, catalogue_entry=catalogue_entry,
        created_by=by,
    )
    _event(item, ItemEventKind.CREATED, by)
    _search_sync(item)
    return item


ITEM_EDITABLE_FIELDS = {"column", "kind", "title", "body", "topic", "issuing_organ", "written_on", "doc_number",
                        "validity", "keywords", "related_url", "catalogue_entry"}


@transaction.atomic
def item_update(*, item: InformationItem, by: User | None, **fields) -> InformationItem:
    """Edit a draft, a returned item or a withdrawn one (published items are withdrawn first)."""
    if item.status not in EDITABLE:
        raise DomainError(f"“{item.get_status_display()}”的信息不能直接修改；已发布的信息请先撤回，修改后重新报审")
    if not _may_edit(by, item.unit):
        raise DomainError("您无权修改该单位的信息")
    unknown = set(fields) - ITEM_EDITABLE_FIELDS
    if unknown:
        raise DomainError(f"不能修改：{'、'.join(sorted(unknown))}")
    changed = [key for key, value in fields.items() if getattr(item, key) != value]
    for key, value in fields.items():
        setattr(item, key, value.strip() if isinstance(value, str) and key != "body" else value)
    _clean_item_fields(column=item.column, unit=item.unit, title=item.title, written_on=item.written_on)
    item.save()
    if changed:
        labels = [InformationItem._meta.get_field(k).verbose_name for k in changed]
        _event(item, ItemEventKind.EDITED, by, note="修改了：" + "、".join(str(x) for x in labels))
        _search_sync(item)
    return item


def _validate_upload(name: str, size: int) -> None:
    ext = Path(name).suffix.lower()
    allowed = getattr(settings, "GONGKAI_UPLOAD_EXTENSIONS", set())
    if ext not in allowed:
        raise DomainError(f"不支持的文件类型“{ext or '无扩展名'}”，允许：{'、'.join(sorted(allowed))}")
    limit = getattr(settings, "GONGKAI_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
    if size > limit:
        raise DomainError(f"文件“{name}”超过{limit // (1024 * 1024)}MB的上限")
    if size == 0:
        raise DomainError(f"文件“{name}”是空文件")


@transaction.atomic
def item_attachment_add(*, item: InformationItem, by: User | None, name: str, data: bytes,
                        is_original: bool = True) -> ItemAttachment:
    """Store an original (原件) or annex outside the web root, keeping its exact bytes and name."""
    if item.status not in EDITABLE:
        raise DomainError("只能在草稿、退回或撤回状态下增加原件或附件")
    if not _may_edit(by, item.unit):
        raise DomainError("您无权修改该单位的信息")
    name = Path(name).name.strip() or "原件"
    _validate_upload(name, len(data))
    digest = hashlib.sha256(data).hexdigest()
    if item.attachments.filter(sha256=digest).exists():
        raise DomainError(f"文件“{name}”已上传过")
    attachment = ItemAttachment(
        item=item, original_name=name, size=len(data), sha256=digest, is_original=is_original,
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream", uploaded_by=by,
        order=item.attachments.count() + 1,
    )
    attachment.file.save(name, ContentFile(data), save=False)
    attachment.save()
    _event(item, ItemEventKind.EDITED, by, note=f"上传{'原件' if is_original else '附件'}：{name}")
    return attachment


@transaction.atomic
def item_attachment_remove(*, attachment: ItemAttachment, by: User | None) -> None:
    item = attachment.item
    if item.status not in EDITABLE:
        raise DomainError("只能在草稿、退回或撤回状态下删除原件或附件")
    if not _may_edit(by, item.unit):
        raise DomainError("您无权修改该单位的信息")
    name = attachment.original_name
    attachment.delete()  # the file itself stays on disk: uploaded originals are never destroyed
    _event(item, ItemEventKind.EDITED, by, note=f"删除{name}（文件保留在存储中）")


# ---------------------------------------------------------------- review


def review_steps_for(unit: Unit) -> list[str]:
    """The unit's configured steps; a unit without its own setting inherits its nearest ancestor's."""
    current: Unit | None = unit
    while current is not None:
        config = ReviewConfig.objects.filter(unit=current).first()
        if config is not None:
            return list(config.steps)
        current = current.parent
    return conf.default_review_steps()


def _allow_self_review(unit: Unit) -> bool:
    current: Unit | None = unit
    while current is not None:
        config = ReviewConfig.objects.filter(unit=current).first()
        if config is not None:
            return config.allow_self_review
        current = current.parent
    return False


@transaction.atomic
def review_config_set(*, unit: Unit, steps: list[str], allow_self_review: bool = False) -> ReviewConfig:
    """Set the unit's review chain. At least one step is required (先审后发); 终审 must come last."""
    if not steps:
        raise DomainError("先审后发：至少保留一个审核环节")
    if len(set(steps)) != len(steps):
        raise DomainError("审核环节不能重复")
    bad = [s for s in steps if s not in ReviewStep.values]
    if bad:
        raise DomainError(f"未知的审核环节：{'、'.join(bad)}")
    order = [s for s in ReviewStep.values if s in steps]
    if steps != order:
        raise DomainError("审核环节须按 保密审查→初审→复审→终审 的顺序排列")
    config, _ = ReviewConfig.objects.update_or_create(
        unit=unit, defaults={"steps": list(steps), "allow_self_review": allow_self_review}
    )
    return config


def _submitter(item: InformationItem) -> int | None:
    last = item.events.filter(kind=ItemEventKind.SUBMITTED).order_by("-at", "-id").first()
    return last.actor_id if last else None


def may_review(user: User, item: InformationItem) -> bool:
    if item.status != ItemStatus.IN_REVIEW or not can_see_unit(user, item.unit):
        return False
    if not user.has_role(Role.REVIEWER, Role.COORDINATOR):
        return False
    return _allow_self_review(item.unit) or _submitter(item) != user.pk or user.is_superuser


@transaction.atomic
def item_submit(*, item: InformationItem, by: User | None, note: str = "") -> InformationItem:
    """Send a draft (or a returned/withdrawn item) into review, fixing the unit's steps at this moment."""
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    _check_transition(item, ItemStatus.IN_REVIEW)
    if not _may_edit(by, item.unit):
        raise DomainError("您无权提交该单位的信息")
    if not item.body.strip() and not item.attachments.exists():
        raise DomainError("正文和原件不能都为空")
    steps = review_steps_for(item.unit)
    item.status, item.review_steps, item.current_step = ItemStatus.IN_REVIEW, steps, steps[0]
    item.save(update_fields=["status", "review_steps", "current_step", "updated_at"])
    findings = wordcheck.check_item(item)
    _event(item, ItemEventKind.SUBMITTED, by, note=note, step=steps[0], findings=[f.as_dict() for f in findings])
    return item


@transaction.atomic
def item_approve(
    *, item: InformationItem, by: User | None, note: str = "", acknowledge_findings: bool = False,
    publish_on: dt.date | None = None,
) -> InformationItem:
    """Pass the current review step. The last step publishes the item. Sensitive-word findings block the
    approval until the reviewer confirms having checked them (acknowledge_findings)."""
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    _check_transition(item, ItemStatus.PUBLISHED)
    if by is not None and not may_review(by, item):
        raise DomainError("您不能审核这条信息（需审核人或公开办管理员；提交人不能审核本人提交的信息）")
    findings = wordcheck.check_item(item)
    blocking = [f for f in findings if f.blocking]
    if blocking and not acknowledge_findings:
        raise DomainError(f"发现{len(blocking)}处错敏词或职务表述问题，请逐条核对后勾选“已核对”再通过")
    step = item.current_step
    _event(item, ItemEventKind.APPROVED, by, note=note, step=step, findings=[f.as_dict() for f in findings])
    steps = item.review_steps or [step]
    position = steps.index(step) if step in steps else len(steps) - 1
    if position + 1 < len(steps):
        item.current_step = steps[position + 1]
        item.save(update_fields=["current_step", "updated_at"])
        return item
    return _publish(item, by=by, on=publish_on)


def _content_hash(item: InformationItem) -> str:
    digest = hashlib.sha256()
    for part in (item.index_number, item.title, item.doc_number, item.body):
        digest.update(part.encode("utf-8") + b"\x00")
    for sha in item.attachments.order_by("id").values_list("sha256", flat=True):
        digest.update(sha.encode())
    return digest.hexdigest()


def _publish(item: InformationItem, *, by: User | None, on: dt.date | None) -> InformationItem:
    on = on or timezone.localdate()
    if item.written_on and on < item.written_on:
        raise DomainError("发布日期不能早于成文日期")
    if not item.index_number:
        item.index_number = item_index_number(unit=item.unit, year=on.year)
    item.status, item.current_step, item.published_on = ItemStatus.PUBLISHED, "", on
    item.withdrawn_reason = ""
    item.content_hash = _content_hash(item)
    item.save()
    _event(item, ItemEventKind.PUBLISHED, by, note=f"发布日期{on:%Y-%m-%d}，索引号{item.index_number}")
    _refresh_column_counters(item.column_id)
    platform_changed()
    _search_sync(item)
    _after_publish(item, by)
    return item


def _after_publish(item: InformationItem, by: User | None) -> None:
    """Run conf.publish_hooks() after commit, e.g. the policies library publishing the document an item
    carries when the item was approved in this module's review queue. Hooks must be idempotent."""
    pk, user_pk = item.pk, getattr(by, "pk", None)

    def run():
        fresh = InformationItem.objects.get(pk=pk)
        actor = User.objects.filter(pk=user_pk).first() if user_pk else None
        for hook in conf.publish_hooks():
            try:
                hook(item=fresh, by=actor)
            except DomainError as exc:
                logger.warning("publish hook %s refused item %s: %s", hook, pk, exc.message)

    if conf.publish_hooks():
        transaction.on_commit(run)


@transaction.atomic
def item_return(*, item: InformationItem, by: User | None, reason: str) -> InformationItem:
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    _check_transition(item, ItemStatus.RETURNED)
    if by is not None and not may_review(by, item):
        raise DomainError("您不能审核这条信息")
    if not reason.strip():
        raise DomainError("退回时请写明修改意见")
    step = item.current_step
    item.status, item.current_step = ItemStatus.RETURNED, ""
    item.save(update_fields=["status", "current_step", "updated_at"])
    findings = wordcheck.check_item(item)
    _event(item, ItemEventKind.RETURNED, by, note=reason.strip(), step=step, findings=[f.as_dict() for f in findings])
    return item


@transaction.atomic
def item_withdraw(*, item: InformationItem, by: User | None, reason: str) -> InformationItem:
    """Take a published item off the platform. The reason is kept; the 索引号 stays with the item."""
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    _check_transition(item, ItemStatus.WITHDRAWN)
    if by is not None and not (can_see_unit(by, item.unit) and by.has_role(Role.COORDINATOR, Role.REVIEWER,
                                                                            Role.LIAISON)):
        raise DomainError("撤回需由本单位联络员、审核人或公开办管理员操作")
    if not reason.strip():
        raise DomainError("请写明撤回理由")
    item.status, item.withdrawn_reason = ItemStatus.WITHDRAWN, reason.strip()
    item.save(update_fields=["status", "withdrawn_reason", "updated_at"])
    _event(item, ItemEventKind.WITHDRAWN, by, note=reason.strip())
    _refresh_column_counters(item.column_id)
    platform_changed()
    _search_delete(item)
    return item


@transaction.atomic
def item_set_validity(*, item: InformationItem, validity: str, by: User | None, note: str = "") -> InformationItem:
    """Change 有效性 of a (possibly published) item; used by the policies library when a document is
    amended, repealed or expires (47号: mark it on the original page)."""
    if validity not in Validity.values:
        raise DomainError("有效性取值不正确")
    if item.validity == validity:
        return item
    old = item.get_validity_display()
    item.validity = validity
    item.save(update_fields=["validity", "updated_at"])
    _event(item, ItemEventKind.VALIDITY, by, note=f"{old} → {item.get_validity_display()}。{note}".strip("。"))
    if item.is_public:
        platform_changed()  # the item page and list rows show 有效性 (e.g. 已废止 stamped by the policies library)
        _search_sync(item)
    return item


@transaction.atomic
def item_import(
    *, column: Column, title: str, published_on: dt.date | None, by: User | None, kind: str = ItemKind.NOTICE,
    body: str = "", topic: str = "", issuing_organ: str = "", written_on: dt.date | None = None,
    doc_number: str = "", validity: str = "", index_number: str = "", note: str = "历史信息迁移",
) -> InformationItem:
    """Record an item that was already published before this platform (migration of historical content).
    It is stored as published with an IMPORTED event naming the source; `published_on` may be missing,
    which the freshness monitor reports as 未注明发布时间."""
    _clean_item_fields(column=column, unit=column.unit, title=title, written_on=written_on,
                       published_on=published_on)
    year = (published_on or written_on or timezone.localdate()).year
    if index_number and InformationItem.objects.filter(index_number=index_number).exists():
        raise DomainError(f"索引号{index_number}已存在")
    item = InformationItem.objects.create(
        unit=column.unit, column=column, kind=kind, title=title.strip(), body=body, topic=topic,
        issuing_organ=issuing_organ or column.unit.name, written_on=written_on, doc_number=doc_number,
        validity=validity, published_on=published_on, status=ItemStatus.PUBLISHED, created_by=by,
        index_number=index_number or item_index_number(unit=column.unit, year=year),
    )
    item.content_hash = _content_hash(item)
    item.save(update_fields=["content_hash"])
    _event(item, ItemEventKind.IMPORTED, by, note=note)
    _refresh_column_counters(column.pk)
    platform_changed()
    _search_sync(item)
    return item


@transaction.atomic
def wordlist_save(*, wordlist: WordList | None = None, name: str, kind: str, entries: str, unit: Unit | None,
                  is_active: bool = True) -> WordList:
    """Create or update a 错敏词 list; pair lists must be written as "a=b"."""
    if kind not in WordListKind.values:
        raise DomainError("词表类型不正确")
    bad = []
    for number, raw in enumerate(entries.splitlines(), start=1):
        line = raw.strip().replace("＝", "=")
        if line and not line.startswith("#") and kind != WordListKind.SENSITIVE:
            left, sep, right = line.partition("=")
            if not (sep and left.strip() and right.strip()):
                bad.append(str(number))
    if bad:
        raise DomainError(f"第{'、'.join(bad)}行格式不正确，应写作“错误写法=正确写法”或“姓名=职务”")
    if not name.strip():
        raise DomainError("请填写词表名称")
    wordlist = wordlist or WordList()
    wordlist.name, wordlist.kind, wordlist.entries, wordlist.unit, wordlist.is_active = (
        name.strip(), kind, entries.strip(), unit, is_active)
    wordlist.save()
    return wordlist


@transaction.atomic
def wordlists_load_defaults() -> int:
    """Install the starter lists from data/wordlists.json once (global, editable afterwards)."""
    created = 0
    for kind, spec in wordcheck.default_lists().items():
        if kind.startswith("_") or WordList.objects.filter(name=spec["name"], unit__isnull=True).exists():
            continue
        wordlist_save(name=spec["name"], kind=kind, entries="\n".join(spec["entries"]), unit=None)
        created += 1
    return created


# ---------------------------------------------------------------- catalogues (§4)


@transaction.atomic
def catalogue_create(*, unit: Unit, kind: str, title: str = "", domain: str = "") -> Catalogue:
    if kind not in CatalogueKind.values:
        raise DomainError("目录类型不正确")
    domain = domain.strip()
    if kind == CatalogueKind.STANDARD and not domain:
        raise DomainError("基层政务公开标准目录须选择所属领域")
    if Catalogue.objects.filter(unit=unit, kind=kind, domain=domain).exists():
        raise DomainError("本单位已有该目录")
    default = f"{unit.name}{domain}领域基层政务公开标准目录" if kind == CatalogueKind.STANDARD else \
        f"{unit.name}主动公开基本目录"
    return Catalogue.objects.create(unit=unit, kind=kind, domain=domain, title=title.strip() or default)


CATALOGUE_ENTRY_FIELDS = {"level1", "level2", "content", "basis", "time_limit", "subject", "channels",
                          "audience_all", "audience_specific", "mode_active", "mode_on_request", "level_county",
                          "level_township", "level_village", "process", "recurrence", "column"}


@transaction.atomic
def catalogue_entry_save(*, catalogue: Catalogue, entry: CatalogueEntry | None = None, seq: int | None = None,
                         **fields) -> CatalogueEntry:
    """Create or update one row; 公开时限 is parsed into a checkable rule on every save."""
    unknown = set(fields) - CATALOGUE_ENTRY_FIELDS
    if unknown:
        raise DomainError(f"不能修改：{'、'.join(sorted(unknown))}")
    entry = entry or CatalogueEntry(catalogue=catalogue)
    for key, value in fields.items():
        setattr(entry, key, value.strip() if isinstance(value, str) else value)
    errors = []
    if not entry.level1:
        errors.append("请填写一级事项")
    if not (entry.audience_all or entry.audience_specific):
        errors.append("请选择公开对象")
    if not (entry.mode_active or entry.mode_on_request):
        errors.append("请选择公开方式")
    if entry.column_id and entry.column.unit_id != catalogue.unit_id:
        errors.append("发布栏目必须属于本单位")
    if entry.process and entry.process not in {"决策", "执行", "管理", "服务", "结果"}:
        errors.append("五公开取值应为决策、执行、管理、服务、结果之一")
    if errors:
        raise DomainError("；".join(errors))
    if entry.pk is None:
        entry.seq = seq or (catalogue.entries.aggregate(m=Max("seq"))["m"] or 0) + 1
    elif seq:
        entry.seq = seq
    if CatalogueEntry.objects.filter(catalogue=catalogue, seq=entry.seq).exclude(pk=entry.pk).exists():
        raise DomainError(f"序号{entry.seq}已被使用")
    entry.deadline_rule, entry.deadline_days = catalogue_rules.parse_time_limit(entry.time_limit)
    entry.save()
    return entry


@transaction.atomic
def catalogue_load_standard_domain(*, unit: Unit, domain: str, column: Column | None = None) -> Catalogue:
    """Create the unit's 标准目录 of one of the 26 domains with the domain's starter rows (data file)."""
    spec = next((d for d in catalogue_rules.standard_domains() if d["name"] == domain or domain in d["aliases"]), None)
    if spec is None:
        raise DomainError(f"“{domain}”不在26个试点领域中，请作为本地领域新建目录后逐条录入")
    catalogue = catalogue_create(unit=unit, kind=CatalogueKind.STANDARD, domain=spec["name"])
    for row in spec["rows"]:
        catalogue_entry_save(catalogue=catalogue, column=column, **row)
    return catalogue


# ---------------------------------------------------------------- search (contract 3)


def _search_services():
    if importlib.util.find_spec("gongkai.search.services") is None:
        return None  # the search module is not installed in this build
    from gongkai.search import services

    return services if hasattr(services, "search_document_upsert") else None


def search_key(item: InformationItem) -> str:
    return f"disclosure.item:{item.pk}"


def item_url(item: InformationItem) -> str:
    if item.is_public:
        return reverse("disclosure_public:item", args=[item.public_key])
    return reverse("disclosure:item_detail", args=[item.pk])


def _search_sync(item: InformationItem) -> None:
    search = _search_services()
    if search is None or item.status == ItemStatus.WITHDRAWN:
        return
    search.search_document_upsert(
        key=search_key(item), kind="item", title=item.title, body=item.body, url=item_url(item), unit=item.unit,
        published_on=item.published_on, topic=item.topic, validity=item.get_validity_display() if item.validity
        else "", doc_number=item.doc_number, is_public=item.is_public,
    )


def _search_delete(item: InformationItem) -> None:
    search = _search_services()
    if search is not None:
        search.search_document_delete(key=search_key(item))


__all__ = [
    "Article20", "item_index_number", "column_create", "column_update", "item_create", "item_update",
    "item_attachment_add", "item_attachment_remove", "review_config_set", "item_submit", "item_approve",
    "item_return", "item_withdraw", "item_set_validity", "item_import",
]
