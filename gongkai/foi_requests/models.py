"""依申请公开 cases, their clock, events, letters and remedies.

The fields marked CONTRACT are read by the annual report (gongkai.reports) through aggregate
queries; keep their names and meaning:
- unit: the agency the application was made to (受理机关);
- applicant_category: table 三's column; received_on: 收到申请之日 (null while unconfirmed);
- outcome: table 三's row once concluded; concluded_on: the date the case was concluded (reply
  decided, lapsed or withdrawn) — table 三 counts outcomes by this date's year;
- fee_amount_yuan / fee_paid_on: 信息处理费 actually collected.
`FoiRequest.objects.create(unit=…, applicant_category=…, received_on=…, outcome=…, concluded_on=…)`
must keep working: every other field has a default or is nullable.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from gongkai.organisations.models import Unit

from .intake import Channel
from .outcomes import ApplicantCategory, RemedyKind, RemedyResult, ReplyOutcome

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_tracking_code() -> str:
    """An unguessable tracking code (80 bits from `secrets`), shown as XXXX-XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(16))
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


class Status(models.TextChoices):
    PENDING_CONFIRMATION = "pending_confirmation", "待确认"
    CONTACT_FAILED = "contact_failed", "无法联系申请人"
    REGISTERED = "registered", "已登记"
    REVIEWING = "reviewing", "审查中"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    PROCESSING = "processing", "办理中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    REPLIED = "replied", "已答复"
    DELIVERED = "delivered", "已送达"
    LAPSED = "lapsed", "视为放弃"
    WITHDRAWN = "withdrawn", "已撤回"
    ARCHIVED = "archived", "已归档"


# Statuses in which the reply clock exists and the case counts as open.
CLOCK_STATUSES = frozenset({Status.REGISTERED, Status.REVIEWING, Status.PROCESSING, Status.AWAITING_FEE})
OPEN_STATUSES = frozenset({
    Status.PENDING_CONFIRMATION, Status.CONTACT_FAILED, Status.REGISTERED, Status.REVIEWING,
    Status.AWAITING_CORRECTION, Status.PROCESSING, Status.AWAITING_FEE,
})
CLOSED_STATUSES = frozenset(set(Status.values) - OPEN_STATUSES)


class FormOfProvision(models.TextChoices):
    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子文本"
    ANY = "any", "不限"


class ObtainBy(models.TextChoices):
    MAIL = "mail", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "网上获取"
    VIEWING = "viewing", "现场查阅、抄录"


class IdType(models.TextChoices):
    ID_CARD = "id_card", "居民身份证"
    PASSPORT = "passport", "护照"
    OTHER = "other", "其他证件"
    CREDIT_CODE = "credit_code", "统一社会信用代码"


class FeeMethod(models.TextChoices):
    NONE = "", "不收费"
    BY_ITEM = "by_item", "按件计收"
    BY_PAGES = "by_pages", "按量计收"


class DeliveryMethod(models.TextChoices):
    DIRECT = "direct", "直接送达"
    ENTRUSTED = "entrusted", "委托其他行政机关代为送达"
    MAIL = "mail", "邮寄送达（邮政企业）"
    ELECTRONIC = "electronic", "电子送达（申请人确认收到）"


class FoiRequest(models.Model):
    unit = models.ForeignKey(Unit, verbose_name="受理机关", on_delete=models.PROTECT, related_name="foi_requests")  # CONTRACT
    applicant_category = models.CharField(  # CONTRACT
        "申请人类型", max_length=20, choices=ApplicantCategory.choices, default=ApplicantCategory.NATURAL_PERSON
    )
    received_on = models.DateField("收到申请日期", null=True, blank=True, db_index=True)  # CONTRACT
    outcome = models.CharField("办理结果", max_length=30, choices=ReplyOutcome.choices, blank=True)  # CONTRACT
    concluded_on = models.DateField("办结日期", null=True, blank=True, db_index=True)  # CONTRACT
    fee_amount_yuan = models.DecimalField("信息处理费（元）", max_digits=10, decimal_places=2, default=0)  # CONTRACT
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True)  # CONTRACT
    created_at = models.DateTimeField(auto_now_add=True)

    tracking_code = models.CharField("查询码", max_length=19, unique=True, default=new_tracking_code, editable=False)
    case_number = models.CharField("申请编号", max_length=60, blank=True, db_index=True)
    status = models.CharField("状态", max_length=30, choices=Status.choices, default=Status.REGISTERED, db_index=True)

    # Intake (条例第二十九条、第三十一条)
    channel = models.CharField("申请渠道", max_length=20, choices=Channel.choices, default=Channel.IN_PERSON)
    arrived_on = models.DateField("到达日期", null=True, blank=True, help_text="申请实际到达（提交、收到信件/传真/邮件）的日期")
    signed_on = models.DateField("签收日期", null=True, blank=True)
    confirmed_on = models.DateField("确认日期", null=True, blank=True)
    contact_attempts = models.PositiveSmallIntegerField("联系尝试次数", default=0)

    # Applicant (personal data: visible only to the handling unit's staff and coordinators)
    applicant_name = models.CharField("申请人姓名/名称", max_length=120, blank=True)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, default=IdType.ID_CARD, blank=True)
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    legal_representative = models.CharField("法定代表人/负责人", max_length=60, blank=True)
    contact_person = models.CharField("联系人", max_length=60, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)

    # The information sought
    title = models.CharField("所需信息名称", max_length=300, blank=True)
    description = models.TextField("所需信息的文号或特征描述", blank=True)
    purpose = models.TextField("备注", blank=True)
    form_of_provision = models.CharField("提供形式", max_length=20, choices=FormOfProvision.choices, default=FormOfProvision.ANY)
    obtain_by = models.CharField("获取方式", max_length=20, choices=ObtainBy.choices, default=ObtainBy.MAIL)

    # Handling
    handling_unit = models.ForeignKey(
        Unit, verbose_name="承办单位", null=True, blank=True, on_delete=models.PROTECT, related_name="foi_handled"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="foi_handled",
    )

    # Clock (derived by deadlines.refresh_deadline; kept for queues and reports)
    clock_started_on = models.DateField("起算日期", null=True, blank=True, help_text="收到申请或收到补正之日")
    clock_start_basis = models.CharField("起算依据", max_length=200, blank=True)
    correction_notice_due_on = models.DateField("补正告知期限", null=True, blank=True)
    correction_due_on = models.DateField("补正期限", null=True, blank=True)
    corrections = models.PositiveSmallIntegerField("补正次数", default=0)
    extension_days = models.PositiveSmallIntegerField("延期工作日数", default=0)
    extension_reason = models.TextField("延期理由", blank=True)
    due_on = models.DateField("答复期限", null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField("期限为暂定", default=False)
    due_explanation = models.TextField("期限计算说明", blank=True)

    # Fees (收费办法)
    fee_method = models.CharField("收费方式", max_length=10, choices=FeeMethod.choices, default=FeeMethod.NONE, blank=True)
    fee_position = models.PositiveSmallIntegerField("本月第几件", null=True, blank=True)
    fee_pages = models.PositiveIntegerField("页数", null=True, blank=True)
    fee_notice_received_on = models.DateField("收费通知送达日期", null=True, blank=True)
    fee_due_on = models.DateField("缴费期限", null=True, blank=True)

    # Reply and delivery (国办公开办函〔2016〕235号)
    reply_summary = models.TextField("答复要点", blank=True)
    delivery_method = models.CharField("送达方式", max_length=20, choices=DeliveryMethod.choices, blank=True)
    delivery_posted_on = models.DateField("交邮日期", null=True, blank=True)
    delivery_signed_on = models.DateField("签收日期（送达）", null=True, blank=True)
    delivered_on_time = models.BooleanField("按时答复", null=True, blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    reopened_count = models.PositiveSmallIntegerField("重新办理次数", default=0)
    triage_flags = models.JSONField("研判提示", default=list, blank=True)
    imported = models.BooleanField("历史导入", default=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "received_on"], name="foi_unit_received"),
            models.Index(fields=["unit", "concluded_on"], name="foi_unit_concluded"),
            models.Index(fields=["status", "due_on"], name="foi_status_due"),
            # Covering indexes of the annual report's table 三 (reports.statistics): each of its queries is
            # one range of one of them and reads no table row (bench/report_bench.py). Named after the
            # reports migration that first created them by raw SQL, so databases that ran it keep theirs.
            models.Index(fields=["unit", "concluded_on", "applicant_category", "outcome", "received_on"],
                         name="reports_foi_concluded_cover"),
            models.Index(fields=["unit", "received_on", "applicant_category", "concluded_on"],
                         name="reports_foi_received_cover"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(concluded_on__isnull=False), name="foi_outcome_has_date"
            ),
            models.CheckConstraint(condition=models.Q(extension_days__lte=40), name="foi_extension_bounded"),
        ]

    def __str__(self) -> str:
        return self.case_number or f"申请#{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_organisation(self) -> bool:
        return self.applicant_category != ApplicantCategory.NATURAL_PERSON


class PauseKind(models.TextChoices):
    THIRD_PARTY = "third_party", "征求第三方意见"  # 条例第三十二条
    CO_AGENCY = "co_agency", "征求其他机关意见"  # 条例第三十四条
    FEE = "fee", "等待缴纳信息处理费"  # 收费办法


class ClockPause(models.Model):
    """A stretch in which the reply clock stops (条例第三十三条第三款; 收费办法)."""

    request = models.ForeignKey(FoiRequest, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField("类型", max_length=20, choices=PauseKind.choices)
    party = models.CharField("征求对象", max_length=200, blank=True)
    started_on = models.DateField("开始日期")
    limit_on = models.DateField("期限", null=True, blank=True, help_text="征求意见或缴费期限届满日")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    result = models.CharField("结果", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "期限暂停"
        verbose_name_plural = "期限暂停"
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="foi_pause_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}"


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "网上提交"
    REGISTERED = "registered", "登记"
    CONFIRMED = "confirmed", "确认收到"
    CONTACT_FAILED = "contact_failed", "无法联系申请人"
    REVIEW_STARTED = "review_started", "开始审查"
    CORRECTION_REQUESTED = "correction_requested", "告知补正"
    CORRECTION_RECEIVED = "correction_received", "收到补正"
    CORRECTION_LAPSED = "correction_lapsed", "逾期未补正"
    ACCEPTED = "accepted", "转入办理"
    ASSIGNED = "assigned", "分办"
    CONSULTATION_SENT = "consultation_sent", "发出征求意见"
    CONSULTATION_CLOSED = "consultation_closed", "征求意见结束"
    EXTENDED = "extended", "延期答复"
    FEE_NOTIFIED = "fee_notified", "发出收费通知"
    FEE_PAID = "fee_paid", "缴费"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费"
    REPLIED = "replied", "作出答复"
    DELIVERED = "delivered", "送达"
    ARCHIVED = "archived", "归档"
    WITHDRAWN = "withdrawn", "申请人撤回"
    REOPENED = "reopened", "重新办理"
    DEADLINE_CHANGED = "deadline_changed", "期限重算"
    LETTER = "letter", "文书"
    IMPORTED = "imported", "历史导入"


class FoiEvent(models.Model):
    """The ledger: one row per transition or notable act, written in the same transaction."""

    request = models.ForeignKey(FoiRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=30, choices=EventKind.choices)
    at = models.DateTimeField("记录时间", auto_now_add=True)
    on_date = models.DateField("发生日期", null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    from_status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on_date or ''}"


def attachment_path(instance, filename: str) -> str:
    return f"foi/{instance.request_id}/{secrets.token_hex(8)}/{filename}"


class Attachment(models.Model):
    request = models.ForeignKey(FoiRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path)
    original_name = models.CharField("原文件名", max_length=200)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "申请附件"
        verbose_name_plural = "申请附件"

    def __str__(self) -> str:
        return self.original_name


class LetterKind(models.TextChoices):
    RECEIPT = "receipt", "登记回执"
    CORRECTION = "correction", "补正告知书"
    EXTENSION = "extension", "延期答复告知书"
    CONSULTATION = "consultation", "第三方意见征询函"
    FEE = "fee", "收费通知书"
    REPLY_GRANTED = "reply_granted", "答复书（予以公开）"
    REPLY_PUBLIC = "reply_public", "答复书（已主动公开）"
    REPLY_PARTIAL = "reply_partial", "答复书（部分公开）"
    REPLY_DENIED = "reply_denied", "答复书（不予公开）"
    REPLY_UNABLE = "reply_unable", "答复书（无法提供）"
    REPLY_NOT_PROCESSED = "reply_not_processed", "答复书（不予处理）"
    REPLY_TERMINATED = "reply_terminated", "告知书（终止办理）"


REPLY_KINDS = frozenset(k for k in LetterKind.values if k.startswith("reply_"))


class LetterTemplate(models.Model):
    """A coordinator-editable letter template; edits are versioned (simple_history)."""

    kind = models.CharField("文书类型", max_length=30, choices=LetterKind.choices, unique=True)
    title = models.CharField("标题", max_length=100)
    body = models.TextField(
        "正文模板", help_text="Django 模板语法，如 {{ applicant_name }}、{{ case_number }}、{{ remedy_clause }}；空行分段"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()


class LetterStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    HANDLER_SIGNED = "handler_signed", "经办人已签"
    REVIEWED = "reviewed", "审核人已签"
    APPROVED = "approved", "负责人已签发"
    SENT = "sent", "已发出"
    CANCELLED = "cancelled", "已作废"


class Letter(models.Model):
    """One letter of a case: drafted from a template, signed off internally, then sent."""

    request = models.ForeignKey(FoiRequest, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField("文书类型", max_length=30, choices=LetterKind.choices)
    status = models.CharField("状态", max_length=20, choices=LetterStatus.choices, default=LetterStatus.DRAFT)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文")
    template_version = models.PositiveIntegerField("模板版本", null=True, blank=True)
    params = models.JSONField("办理参数", default=dict, blank=True)  # outcome, extension days, fee, party …
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="起草人")
    handler_signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="+", verbose_name="经办人")
    handler_signed_at = models.DateTimeField(null=True, blank=True)
    reviewer_signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="+", verbose_name="审核人")
    reviewer_signed_at = models.DateTimeField(null=True, blank=True)
    head_signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name="工作机构负责人")
    head_signed_at = models.DateTimeField(null=True, blank=True)
    sent_on = models.DateField("发出日期", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class AgencyProfile(models.Model):
    """Per-agency settings for letters and case numbers (e.g. 江府信公〔2025〕第12号)."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="foi_profile", verbose_name="受理机关")
    case_prefix = models.CharField("编号前缀", max_length=30, help_text="如：江府信公")
    case_pattern = models.CharField(
        "编号格式", max_length=80, blank=True,
        help_text="可用 {prefix} {year} {seq}，如 {prefix}〔{year}〕第{seq}号；留空用系统默认",
    )
    office_name = models.CharField("政府信息公开工作机构", max_length=100, blank=True)
    office_address = models.CharField("办公地址", max_length=200, blank=True)
    office_phone = models.CharField("联系电话", max_length=40, blank=True)
    reconsideration_body = models.CharField("行政复议机关", max_length=100, blank=True)
    court = models.CharField("管辖人民法院", max_length=100, blank=True)
    office_head = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="工作机构负责人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text="签发文书、批准延期；未指定时由本级公开办管理员签发",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "受理机关设置"
        verbose_name_plural = "受理机关设置"

    def __str__(self) -> str:
        return str(self.unit)


class CaseCounter(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="foi_counter_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last}"


class Remedy(models.Model):
    """A 行政复议 or 行政诉讼 over an FOI decision (table 四)."""

    unit = models.ForeignKey(Unit, verbose_name="被申请人/被告", on_delete=models.PROTECT, related_name="foi_remedies")  # CONTRACT
    request = models.ForeignKey(
        FoiRequest, verbose_name="关联申请", null=True, blank=True, on_delete=models.SET_NULL, related_name="remedies"
    )
    kind = models.CharField("类型", max_length=40, choices=RemedyKind.choices)  # CONTRACT
    result = models.CharField("结果", max_length=20, choices=RemedyResult.choices, default=RemedyResult.PENDING)  # CONTRACT
    filed_on = models.DateField("立案/受理日期")  # CONTRACT
    decided_on = models.DateField("审结日期", null=True, blank=True)  # CONTRACT
    body = models.CharField("复议机关/法院", max_length=120, blank=True)
    case_ref = models.CharField("案号", max_length=80, blank=True)
    summary = models.TextField("结果摘要", blank=True)
    reopens_case = models.BooleanField("要求重新答复", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "行政复议/行政诉讼"
        verbose_name_plural = "行政复议/行政诉讼"
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(result="pending") | models.Q(decided_on__isnull=False), name="foi_remedy_decided_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}#{self.pk}"
