"""Shared kernel records: the official holiday/调休 schedule that working-day arithmetic reads."""

from django.db import models
from simple_history.models import HistoricalRecords


class HolidaySchedule(models.Model):
    """One year's 《国务院办公厅关于YYYY年部分节假日安排的通知》."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField("依据文件", max_length=200, help_text="如：国务院办公厅关于2026年部分节假日安排的通知")
    published_on = models.DateField("发布日期", null=True, blank=True)
    notes = models.TextField("备注", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假"
    WORKDAY = "workday", "调休上班"


class ScheduleDay(models.Model):
    schedule = models.ForeignKey(HolidaySchedule, on_delete=models.CASCADE, related_name="days")
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField("节日", max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "节假日/调休日"
        verbose_name_plural = "节假日/调休日"
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(kind="holiday") | ~models.Q(name=""), name="holiday_has_name"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"


class AccessLog(models.Model):
    """A read of personal data (e.g. an FOI applicant's identity), kept for privacy audits."""

    user = models.ForeignKey("organisations.User", null=True, on_delete=models.SET_NULL, verbose_name="查看人")
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    app_label = models.CharField(max_length=50)
    model = models.CharField(max_length=50)
    object_id = models.CharField(max_length=64, db_index=True)
    purpose = models.CharField("用途", max_length=100, blank=True)

    class Meta:
        verbose_name = "个人信息查看记录"
        verbose_name_plural = "个人信息查看记录"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.model}#{self.object_id}"
