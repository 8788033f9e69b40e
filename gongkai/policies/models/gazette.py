"""政府公报: issues with a table of contents; articles link to library records; one PDF per issue."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords


class GazetteStatus(models.TextChoices):
    DRAFT = "draft", "编辑中"
    PUBLISHED = "published", "已出版"


class GazetteIssue(models.Model):
    government = models.ForeignKey(
        "organisations.Unit", verbose_name="人民政府", on_delete=models.PROTECT, related_name="gazette_issues"
    )
    year = models.PositiveIntegerField("年份")
    number = models.PositiveIntegerField("期号", help_text="当年第几期")
    total_number = models.PositiveIntegerField("总期号", null=True, blank=True)
    issued_on = models.DateField("出版日期")
    status = models.CharField("状态", max_length=20, choices=GazetteStatus.choices, default=GazetteStatus.DRAFT)
    pdf = models.FileField("PDF", upload_to="policies/gazette/%Y/", blank=True)
    pdf_generated_at = models.DateTimeField("PDF生成时间", null=True, blank=True)
    pdf_sha256 = models.CharField("PDF校验值", max_length=64, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "政府公报"
        verbose_name_plural = "政府公报"
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["government", "year", "number"], name="gazette_issue_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.gazette_name} {self.year}年第{self.number}期"

    @property
    def gazette_name(self) -> str:
        from ..conf import gazette_name_format

        return gazette_name_format().format(region=self.government.region_name or self.government.name)


class GazetteArticle(models.Model):
    issue = models.ForeignKey(GazetteIssue, verbose_name="公报", on_delete=models.CASCADE, related_name="articles")
    order = models.PositiveIntegerField("顺序", default=100)
    section = models.CharField("栏目", max_length=60, help_text="如：市政府文件、市政府办公室文件、部门文件、人事任免")
    title = models.CharField("标题", max_length=300)
    document = models.ForeignKey(
        "policies.PolicyDocument", verbose_name="文件库记录", null=True, blank=True, on_delete=models.PROTECT,
        related_name="gazette_articles",
    )
    issuing_organ = models.CharField("发文机关", max_length=200, blank=True)
    doc_number = models.CharField("发文字号", max_length=80, blank=True)
    body = models.TextField("正文", blank=True, help_text="关联文件库记录的，正文取自文件库")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "公报文章"
        verbose_name_plural = "公报文章"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def text(self) -> str:
        return self.document.body if self.document_id and not self.body else self.body
