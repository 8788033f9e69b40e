"""依申请公开 cases.

The fields marked CONTRACT are read by the annual report (gongkai.reports) through aggregate
queries; keep their names and meaning:
- unit: the agency the application was made to (受理机关);
- applicant_category: table 三's column; received_on: 收到申请之日 (null while unconfirmed);
- outcome: table 三's row once concluded; concluded_on: the date the case was concluded (reply
  decided, lapsed or withdrawn) — table 三 counts outcomes by this date's year;
- fee_amount_yuan / fee_paid_on: 信息处理费 actually collected.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from gongkai.organisations.models import Unit

from .outcomes import ApplicantCategory, RemedyKind, RemedyResult, ReplyOutcome


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
    history = HistoricalRecords()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        indexes = [
            models.Index(fields=["unit", "received_on"], name="foi_unit_received"),
            models.Index(fields=["unit", "concluded_on"], name="foi_unit_concluded"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(concluded_on__isnull=False), name="foi_outcome_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"申请#{self.pk}"


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
    history = HistoricalRecords()

    class Meta:
        verbose_name = "行政复议/行政诉讼"
        verbose_name_plural = "行政复议/行政诉讼"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}#{self.pk}"
