"""The statutory annual report (政府信息公开工作年度报告) of a unit or a government for a year.

A report stores a snapshot of its computed tables (so that what was reviewed is what is published,
whatever happens to the FOI records afterwards), the cells staff adjusted by hand with a reason,
and the texts of sections 一, 五 and 六.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from gongkai.organisations.models import Unit

from .formats import ReportFormat


class ReportScope(models.TextChoices):
    UNIT = "unit", "本机关"  # the unit and its internal offices (内设机构)
    CONSOLIDATED = "consolidated", "汇总（本级政府及所属单位）"  # a government's whole subtree


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "待审核"
    APPROVED = "approved", "已审定"
    PUBLISHED = "published", "已发布"


# Workflow transitions: action -> (allowed from, to). One service per action in services.py.
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": ((ReportStatus.DRAFT,), ReportStatus.IN_REVIEW),
    "return": ((ReportStatus.IN_REVIEW, ReportStatus.APPROVED), ReportStatus.DRAFT),
    "approve": ((ReportStatus.IN_REVIEW,), ReportStatus.APPROVED),
    "publish": ((ReportStatus.APPROVED,), ReportStatus.PUBLISHED),
    "withdraw": ((ReportStatus.PUBLISHED,), ReportStatus.DRAFT),
}


class AnnualReport(models.Model):
    unit = models.ForeignKey(Unit, verbose_name="报告单位", on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField("报告年度")
    scope = models.CharField("统计范围", max_length=20, choices=ReportScope.choices, default=ReportScope.UNIT)
    format = models.CharField("报告格式", max_length=4, choices=ReportFormat.choices)
    status = models.CharField("状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    title = models.CharField("标题", max_length=200)

    # Sections 一, 五, 六: text written by staff (一 and 六 start from a draft built from the platform's data).
    section1_text = models.TextField("一、总体情况", blank=True)
    section5_text = models.TextField("五、存在的主要问题及改进情况", blank=True)
    section6_text = models.TextField("六、其他需要报告的事项", blank=True)
    # 六: structured figures (§3.7) — 信息处理费 cases and the amount collected in the year.
    fee_cases = models.PositiveIntegerField("收取信息处理费件数", default=0)
    fee_amount_yuan = models.DecimalField("收取信息处理费金额（元）", max_digits=12, decimal_places=2, default=0)

    # Table 二 cells {row: {column: value}}: entered by staff or taken from the policy library.
    section2 = models.JSONField("二、主动公开政府信息情况", default=dict, blank=True)
    section2_sources = models.JSONField("表二数据来源", default=dict, blank=True)
    # Tables 三 and 四 as computed from the records at `computed_at` ({row: {column: n}}, {group: {column: n}}).
    section3_computed = models.JSONField("表三（系统统计）", default=dict, blank=True)
    section4_computed = models.JSONField("表四（系统统计）", default=dict, blank=True)
    # Cells staff changed by hand: {"section3": {row: {col: n}}, "section4": {...}}, with the reason.
    overrides = models.JSONField("人工调整", default=dict, blank=True)
    override_reason = models.TextField("调整说明", blank=True)
    # Data for the charts and helpers, frozen with the tables: months, previous years, platform facts.
    statistics = models.JSONField("统计附表", default=dict, blank=True)
    computed_at = models.DateTimeField("统计时间", null=True, blank=True)

    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "scope"], name="report_one_per_unit_year_scope"),
        ]
        indexes = [models.Index(fields=["status", "year"], name="report_status_year")]

    def __str__(self) -> str:
        return self.title

    # Effective tables = computed snapshot overlaid with hand adjustments.
    @property
    def section3(self) -> dict:
        return _overlay(self.section3_computed, self.overrides.get("section3", {}))

    @property
    def section4(self) -> dict:
        return _overlay(self.section4_computed, self.overrides.get("section4", {}))

    def is_overridden(self, section: str, row: str, column: str) -> bool:
        return column in self.overrides.get(section, {}).get(row, {})

    @property
    def is_public(self) -> bool:
        return self.status == ReportStatus.PUBLISHED


def _overlay(computed: dict, overrides: dict) -> dict:
    table = {row: dict(cells) for row, cells in computed.items()}
    for row, cells in overrides.items():
        table.setdefault(row, {}).update(cells)
    return table


class ReportEvent(models.Model):
    """One step of a report's life: created, recomputed, edited, submitted, returned, approved, published …"""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=20)
    from_status = models.CharField("原状态", max_length=20, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField("新状态", max_length=20, choices=ReportStatus.choices, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    note = models.TextField("说明", blank=True)

    ACTION_LABELS = {
        "create": "生成报告", "recompute": "重新统计", "edit": "修改内容", "submit": "提交审核", "return": "退回修改",
        "approve": "审核通过", "publish": "发布", "withdraw": "撤回",
    }

    class Meta:
        verbose_name = "年度报告操作记录"
        verbose_name_plural = "年度报告操作记录"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.report} · {self.action_label}"

    @property
    def action_label(self) -> str:
        return self.ACTION_LABELS.get(self.action, self.action)


def _upload_path(instance, filename: str) -> str:
    # Under MEDIA_ROOT, outside the web root; served only through the permission-checked staff view.
    return f"reports/uploads/{dt.date.today():%Y/%m}/{filename}"


class UploadOutcome(models.TextChoices):
    IMPORTED = "imported", "已导入"
    REJECTED = "rejected", "未通过校验"


class Section2Upload(models.Model):
    """A sheet uploaded to fill table 二 (导入记录), kept as received whatever became of it: an imported file
    documents where the figures came from, a rejected one is there to be corrected and sent again."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="section2_uploads")
    original = models.FileField("原文件", upload_to=_upload_path, max_length=255)
    original_name = models.CharField("原文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    outcome = models.CharField("结果", max_length=10, choices=UploadOutcome.choices)
    message = models.TextField("校验结果", blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "表二导入记录"
        verbose_name_plural = "表二导入记录"
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.report} · {self.original_name}"
