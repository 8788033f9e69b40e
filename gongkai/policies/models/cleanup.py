"""规范性文件清理: a batch lists documents to review; each gets a decision; applying performs them at once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class CleanupStatus(models.TextChoices):
    OPEN = "open", "清理中"
    APPLIED = "applied", "已执行"


class CleanupDecision(models.TextChoices):
    PENDING = "", "未决定"
    CONTINUE = "continue", "继续有效"
    AMEND = "amend", "修改"
    REPEAL = "repeal", "废止"


class CleanupBatch(models.Model):
    government = models.ForeignKey(
        "organisations.Unit", verbose_name="人民政府", on_delete=models.PROTECT, related_name="policy_cleanups"
    )
    title = models.CharField("名称", max_length=200, help_text="如：2025年度规范性文件清理")
    decision_document = models.ForeignKey(
        "policies.PolicyDocument", verbose_name="清理决定文件", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text="公布清理结果的决定；作为未单独指定废止文件的条目的废止依据",
    )
    status = models.CharField("状态", max_length=20, choices=CleanupStatus.choices, default=CleanupStatus.OPEN)
    notes = models.TextField("说明", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发起人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("发起时间", auto_now_add=True)
    applied_on = models.DateField("执行日期", null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="执行人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "清理批次"
        verbose_name_plural = "清理批次"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class CleanupEntry(models.Model):
    batch = models.ForeignKey(CleanupBatch, verbose_name="清理批次", on_delete=models.CASCADE, related_name="entries")
    document = models.ForeignKey(
        "policies.PolicyDocument", verbose_name="文件", on_delete=models.PROTECT, related_name="cleanup_entries"
    )
    decision = models.CharField("清理意见", max_length=20, choices=CleanupDecision.choices, blank=True, default="")
    reason = models.CharField("理由", max_length=500, blank=True)
    related_document = models.ForeignKey(
        "policies.PolicyDocument", verbose_name="修改/废止文件", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    renew = models.BooleanField(
        "重新登记并重新计算有效期", default=False, help_text="继续有效且有效期即将届满的，重新登记、公布，自公布之日起重新计算有效期"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "清理条目"
        verbose_name_plural = "清理条目"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["batch", "document"], name="cleanup_entry_unique")]

    def __str__(self) -> str:
        return f"{self.document}：{self.get_decision_display()}"
