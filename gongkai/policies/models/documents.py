"""The normative-document library (规范性文件库): documents, their status ledger and 统一登记 numbering."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class DocumentKind(models.TextChoices):
    """Annual report table 二 separates 规章 from 行政规范性文件 (§6.5); other policy files are published too."""

    RULE = "rule", "规章"
    NORMATIVE = "normative", "行政规范性文件"
    OTHER = "other", "其他政策文件"


class DocumentStatus(models.TextChoices):
    """草拟 → 登记（统一编号）→ 发布（有效）→ 修改 / 废止 / 失效 (§10 anchor 2)."""

    DRAFT = "draft", "起草中"
    REGISTERED = "registered", "已登记"
    IN_FORCE = "in_force", "有效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "已失效"


# The 有效性 word printed in the metadata block and sent to search.
VALIDITY_LABELS = {
    DocumentStatus.IN_FORCE: "有效",
    DocumentStatus.AMENDED: "修改",
    DocumentStatus.REPEALED: "废止",
    DocumentStatus.EXPIRED: "失效",
}
PUBLISHED_STATUSES = (DocumentStatus.IN_FORCE, DocumentStatus.AMENDED, DocumentStatus.REPEALED, DocumentStatus.EXPIRED)
VALID_STATUSES = (DocumentStatus.IN_FORCE, DocumentStatus.AMENDED)  # 现行有效 (an amended document stays in force)


class PolicyDocument(models.Model):
    """A 规章, 行政规范性文件 or other policy document: registered, numbered and published once (三统一)."""

    unit = models.ForeignKey(
        "organisations.Unit", verbose_name="制发单位", on_delete=models.PROTECT, related_name="policy_documents",
        help_text="以其名义制发文件的单位；年度报告第二部分按制发单位统计",
    )
    drafting_unit = models.ForeignKey(
        "organisations.Unit", verbose_name="起草单位", null=True, blank=True, on_delete=models.PROTECT,
        related_name="drafted_policy_documents", help_text="以政府名义印发、由部门起草的，填写起草部门",
    )
    government = models.ForeignKey(
        "organisations.Unit", verbose_name="登记机关所属政府", on_delete=models.PROTECT, related_name="+",
        help_text="统一登记、统一编号在本级人民政府内进行",
    )
    kind = models.CharField("文件类别", max_length=20, choices=DocumentKind.choices, default=DocumentKind.NORMATIVE)
    title = models.CharField("标题", max_length=300)
    issuing_organ = models.CharField("发文机关", max_length=200, help_text="联合发文时用空格分隔各机关")
    doc_number = models.CharField("发文字号", max_length=80, blank=True)
    doc_organ_code = models.CharField("机关代字", max_length=60, blank=True, editable=False)
    doc_year = models.PositiveIntegerField("文号年份", null=True, blank=True, editable=False)
    doc_serial = models.PositiveIntegerField("文号序号", null=True, blank=True, editable=False)
    registration_number = models.CharField("登记号", max_length=80, blank=True)
    registration_year = models.PositiveIntegerField("登记年份", null=True, blank=True)
    registration_serial = models.PositiveIntegerField("登记流水号", null=True, blank=True)
    registered_on = models.DateField("登记日期", null=True, blank=True)
    written_on = models.DateField("成文日期")
    published_on = models.DateField("发布日期", null=True, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    is_provisional = models.BooleanField("暂行/试行", default=False, help_text="根据标题中的“暂行”“试行”自动识别")
    validity_years = models.PositiveSmallIntegerField(
        "有效期（年）", null=True, blank=True, help_text="留空按规定：一般5年，暂行、试行2年；规章不设固定有效期"
    )
    validity_starts_on = models.DateField("有效期起算日", null=True, blank=True)
    expires_on = models.DateField("有效期至", null=True, blank=True)
    topic = models.CharField("主题分类", max_length=120, blank=True, help_text="如：民政、扶贫、救灾\\社会救助")
    keywords = models.CharField("主题词", max_length=200, blank=True)
    body = models.TextField("正文", blank=True)
    contact_name = models.CharField("咨询联系人", max_length=60, blank=True)
    contact_phone = models.CharField("咨询电话", max_length=40, blank=True)
    needs_interpretation = models.BooleanField(
        "需要解读", default=True, help_text="重要政策文件应同步发布解读（三同步），文件公开后3个工作日内"
    )
    status = models.CharField("状态", max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT)
    status_on = models.DateField("状态变更日期", null=True, blank=True)
    status_reason = models.CharField("状态变更原因", max_length=500, blank=True)
    status_document = models.ForeignKey(
        "self", verbose_name="修改/废止依据文件", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    item = models.OneToOneField(
        "disclosure.InformationItem", verbose_name="公开信息", null=True, blank=True, on_delete=models.PROTECT,
        related_name="policy_document", help_text="文件经信息发布审核流程公开，原件、索引号随公开信息保存",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "政策文件"
        verbose_name_plural = "政策文件"
        ordering = ["-published_on", "-written_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "registration_year", "registration_serial"],
                condition=models.Q(registration_serial__isnull=False), name="policy_registration_unique",
            ),
            models.UniqueConstraint(
                fields=["government", "doc_number"], condition=~models.Q(doc_number=""), name="policy_doc_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True) | models.Q(validity_starts_on__isnull=False),
                name="policy_expiry_has_start",
            ),
        ]
        indexes = [
            models.Index(fields=["government", "status"]),
            models.Index(fields=["status", "expires_on"]),
            models.Index(fields=["unit", "published_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title

    @property
    def validity_label(self) -> str:
        return VALIDITY_LABELS.get(self.status, "")

    @property
    def is_published(self) -> bool:
        return self.status in PUBLISHED_STATUSES

    @property
    def is_valid(self) -> bool:
        return self.status in VALID_STATUSES

    def not_yet_effective(self, on: dt.date) -> bool:
        return self.is_valid and self.effective_on is not None and self.effective_on > on

    @property
    def kind_needs_registration(self) -> bool:
        return self.kind == DocumentKind.NORMATIVE


class EventAction(models.TextChoices):
    CREATED = "created", "录入"
    REGISTERED = "registered", "统一登记"
    PUBLISHED = "published", "统一发布"
    AMENDED = "amended", "修改"
    REPEALED = "repealed", "废止"
    EXPIRED = "expired", "失效"
    RENEWED = "renewed", "重新登记（重新计算有效期）"
    CONTINUED = "continued", "清理：继续有效"
    EDITED = "edited", "修改信息"


class PolicyEvent(models.Model):
    """One row per status transition or ledger-worthy act, written in the same transaction (event ledger)."""

    document = models.ForeignKey(PolicyDocument, verbose_name="文件", on_delete=models.CASCADE, related_name="events")
    action = models.CharField("事项", max_length=20, choices=EventAction.choices)
    from_status = models.CharField("原状态", max_length=20, choices=DocumentStatus.choices, blank=True)
    to_status = models.CharField("新状态", max_length=20, choices=DocumentStatus.choices, blank=True)
    on = models.DateField("生效日期")
    related_document = models.ForeignKey(
        PolicyDocument, verbose_name="相关文件", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    cleanup_batch = models.ForeignKey(
        "policies.CleanupBatch", verbose_name="清理批次", null=True, blank=True, on_delete=models.PROTECT,
        related_name="events",
    )
    reason = models.CharField("说明", max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "文件状态记录"
        verbose_name_plural = "文件状态记录"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_action_display()}"


class RegistrationScheme(models.Model):
    """How one government writes its 统一编号 (登记号), e.g. prefix JMFG and format {prefix}—{year}—{serial}."""

    government = models.OneToOneField(
        "organisations.Unit", verbose_name="人民政府", on_delete=models.CASCADE, related_name="registration_scheme"
    )
    prefix = models.CharField("编号前缀", max_length=40)
    number_format = models.CharField(
        "编号格式", max_length=80, help_text="可用 {prefix} {year} {serial}，如 {prefix}—{year}—{serial} 或 {prefix}〔{year}〕{serial}号；"
                                            "{serial:03d} 表示补足3位",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "统一编号规则"
        verbose_name_plural = "统一编号规则"

    def __str__(self) -> str:
        return f"{self.government}：{self.number_format}"


class RegistrationCounter(models.Model):
    """The last serial issued per government and year; rows are locked while a number is drawn."""

    government = models.ForeignKey("organisations.Unit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["government", "year"], name="registration_counter_unique")]

    def __str__(self) -> str:
        return f"{self.government_id}/{self.year}: {self.last_serial}"
