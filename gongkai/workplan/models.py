"""The task ledger (政务公开工作台账): plans, their tasks, one assignment per unit, progress and evidence,
supervision bulletins, 回头看 review lists and the 考核 rubric.

A plan is imported from a document through a DraftImport (nothing reaches the ledger before the
coordinator confirms); every confirmed import is a PlanVersion that keeps the original file and the
parse JSON. Tasks are never deleted by a re-import: a task dropped from a newer version is retired
(`is_active=False`) so its assignments and reports stay on record.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from gongkai.organisations.models import Unit, UnitGroup


def _original_path(instance, filename: str) -> str:
    # Under MEDIA_ROOT, which is outside the web root; files are served only through permission-checked views.
    return f"workplan/originals/{dt.date.today():%Y/%m}/{filename}"


def _attachment_path(instance, filename: str) -> str:
    return f"workplan/evidence/{dt.date.today():%Y/%m}/{filename}"


def _bulletin_path(instance, filename: str) -> str:
    return f"workplan/bulletins/{dt.date.today():%Y}/{filename}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "草稿"  # a unit's own plan drafted from a parent plan, not yet published
    ACTIVE = "active", "执行中"
    CLOSED = "closed", "已结束"


class Plan(models.Model):
    """A 工作要点 / 分工方案 whose tasks the owner unit assigns and supervises."""

    owner = models.ForeignKey(Unit, verbose_name="制定单位", on_delete=models.PROTECT, related_name="plans")
    title = models.CharField("标题", max_length=200)
    issuer = models.CharField("印发机关", max_length=120, blank=True)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    year = models.PositiveIntegerField("年度")
    status = models.CharField("状态", max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    parent = models.ForeignKey(
        "self", verbose_name="上级方案", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="创建人")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "工作方案"
        verbose_name_plural = "工作方案"
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["owner", "year"])]

    def __str__(self) -> str:
        return self.title


class ImportStatus(models.TextChoices):
    PENDING = "pending", "待确认"
    CONFIRMED = "confirmed", "已确认"
    DISCARDED = "discarded", "已放弃"


class DraftImport(models.Model):
    """An uploaded plan document and its parse, held until the coordinator confirms it (待确认导入).

    `parse` is the parser's JSON (schema of shared/plans/SCHEMA.md plus source locations); `review` holds
    the coordinator's corrections: task edits and the mapping of each printed unit name to a unit or group.
    """

    owner = models.ForeignKey(Unit, verbose_name="制定单位", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, verbose_name="重新导入到", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="draft_imports")
    original = models.FileField("原文件", upload_to=_original_path, max_length=255)
    original_name = models.CharField("原文件名", max_length=200)
    sha256 = models.CharField(max_length=64)
    original_text = models.TextField("原文文本", blank=True)
    parse = models.JSONField("解析结果", default=dict)
    review = models.JSONField("审核修改", default=dict, blank=True)
    status = models.CharField("状态", max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "方案导入"
        verbose_name_plural = "方案导入"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"导入 {self.original_name}"


class PlanVersion(models.Model):
    """One confirmed import of a plan; the original document and its parse are kept for ever."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本")
    original = models.FileField("原文件", upload_to=_original_path, max_length=255)
    original_name = models.CharField("原文件名", max_length=200)
    sha256 = models.CharField(max_length=64)
    parse = models.JSONField("解析结果", default=dict)
    changes = models.JSONField("与上一版的差异", default=dict, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField("确认时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "方案版本"
        verbose_name_plural = "方案版本"
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.plan} 第{self.number}版"


class Section(models.Model):
    """A heading of the plan (一、做好财政信息公开 …); `path` is every heading above a task, outermost first."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    path = models.JSONField("标题层级", default=list)
    title = models.CharField("标题", max_length=300)
    order = models.PositiveIntegerField("排序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "方案章节"
        verbose_name_plural = "方案章节"
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return " / ".join(self.path) or self.title


class Recurrence(models.TextChoices):
    WEEKLY = "weekly", "每周"
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"
    YEARLY = "yearly", "每年"


class Task(models.Model):
    """A requirement of the plan that units are made responsible for (工作任务 / 具体要求)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks",
                                verbose_name="章节")
    no = models.CharField("序号", max_length=20, blank=True)
    order = models.PositiveIntegerField("排序", default=0)
    text = models.TextField("具体要求")
    deadline = models.DateField("完成时限", null=True, blank=True)
    deadline_text = models.CharField("时限原文", max_length=100, blank=True)
    deadline_in_working_days = models.BooleanField(
        "按工作日计算", default=False, help_text="方案以“工作日”规定时限时，提醒和逾期按工作日计算")
    recurrence = models.CharField("周期", max_length=10, choices=Recurrence.choices, blank=True)
    recurrence_min_count = models.PositiveIntegerField("每期至少更新次数", null=True, blank=True)
    # Id of a gongkai.disclosure Column (栏目) whose freshness is attached as evidence; a plain integer so the
    # ledger does not depend on the disclosure app's migrations (contract 4).
    column_id = models.PositiveIntegerField("绑定栏目", null=True, blank=True)
    source = models.JSONField("原文位置", default=dict, blank=True)
    printed_units = models.JSONField("原文责任单位", default=dict, blank=True)
    split_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="splits",
                                   verbose_name="拆分自")
    carried_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                     verbose_name="上年结转自")
    is_active = models.BooleanField("有效", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "工作任务"
        verbose_name_plural = "工作任务"
        ordering = ["plan", "order", "id"]
        indexes = [models.Index(fields=["plan", "is_active", "order"])]

    def __str__(self) -> str:
        return f"{self.no + ' ' if self.no else ''}{self.text[:40]}"

    @property
    def section_label(self) -> str:
        return " / ".join(self.section.path) if self.section_id else ""


class AssignmentRole(models.TextChoices):
    LEAD = "lead", "牵头"
    RESPONSIBLE = "responsible", "责任"
    COOPERATE = "cooperate", "配合"
    REFERENCE = "reference", "参照落实"


ROLE_ORDER = [AssignmentRole.LEAD, AssignmentRole.RESPONSIBLE, AssignmentRole.COOPERATE, AssignmentRole.REFERENCE]


class AssignmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", "未开始"
    IN_PROGRESS = "in_progress", "推进中"
    DONE = "done", "已完成"
    OVERDUE = "overdue", "逾期"
    NOT_APPLICABLE = "not_applicable", "不适用"


# Allowed moves; OVERDUE is entered by the deadline check (gongkai remind), never chosen by hand.
ASSIGNMENT_TRANSITIONS: dict[str, set[str]] = {
    AssignmentStatus.NOT_STARTED: {AssignmentStatus.IN_PROGRESS, AssignmentStatus.DONE,
                                   AssignmentStatus.NOT_APPLICABLE, AssignmentStatus.OVERDUE},
    AssignmentStatus.IN_PROGRESS: {AssignmentStatus.DONE, AssignmentStatus.NOT_APPLICABLE, AssignmentStatus.OVERDUE},
    AssignmentStatus.OVERDUE: {AssignmentStatus.DONE, AssignmentStatus.NOT_APPLICABLE},
    AssignmentStatus.DONE: {AssignmentStatus.IN_PROGRESS},  # reopened by the coordinator
    AssignmentStatus.NOT_APPLICABLE: {AssignmentStatus.NOT_STARTED, AssignmentStatus.IN_PROGRESS},
}
OPEN_STATUSES = (AssignmentStatus.NOT_STARTED, AssignmentStatus.IN_PROGRESS, AssignmentStatus.OVERDUE)


class Assignment(models.Model):
    """One unit's share of a task, in one role (分工)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="assignments", verbose_name="单位")
    role = models.CharField("角色", max_length=12, choices=AssignmentRole.choices)
    via_group = models.ForeignKey(UnitGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                  verbose_name="来自单位组")
    printed_name = models.CharField("原文名称", max_length=120, blank=True)
    status = models.CharField("状态", max_length=16, choices=AssignmentStatus.choices,
                              default=AssignmentStatus.NOT_STARTED)
    status_reason = models.CharField("不适用理由", max_length=300, blank=True)
    completed_on = models.DateField("完成日期", null=True, blank=True)
    last_report_at = models.DateTimeField("最近报送", null=True, blank=True)
    report_count = models.PositiveIntegerField("报送次数", default=0)
    is_active = models.BooleanField("有效", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "任务分工"
        verbose_name_plural = "任务分工"
        ordering = ["task__order", "task_id", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="assignment_one_per_unit")]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_role_display()} · {self.task}"


class AssignmentEvent(models.Model):
    """Every status change and coordinator edit of an assignment, written by the service that made it."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事件", max_length=30)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "分工事件"
        verbose_name_plural = "分工事件"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.from_status}→{self.to_status}"


class ProgressReport(models.Model):
    """A progress report (进展报送) on one assignment, with evidence; the lead unit's consolidated
    report (汇总报送) speaks for the whole task."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reports")
    text = models.TextField("工作进展")
    evidence_links = models.JSONField("佐证链接", default=list, blank=True)
    auto_evidence = models.JSONField("栏目更新情况（自动）", default=dict, blank=True)
    has_evidence = models.BooleanField("有佐证", default=False)
    reported_on = models.DateField("报送日期")
    period_key = models.CharField("所属周期", max_length=10, blank=True)
    is_consolidated = models.BooleanField("牵头单位汇总", default=False)
    marks_done = models.BooleanField("报告任务已完成", default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "进展报送"
        verbose_name_plural = "进展报送"
        ordering = ["-reported_on", "-id"]
        indexes = [models.Index(fields=["assignment", "reported_on"])]

    def __str__(self) -> str:
        return f"{self.reported_on} {self.text[:30]}"


class ProgressAttachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("附件", upload_to=_attachment_path, max_length=255)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    content_type = models.CharField("类型", max_length=100)
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = "佐证附件"
        verbose_name_plural = "佐证附件"

    def __str__(self) -> str:
        return self.name


class PeriodChecklist(models.Model):
    """One period of a recurring duty (每月至少更新2条 → one row per month needing ≥2 updates)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="checklists")
    period_key = models.CharField("周期", max_length=10)  # 2026-03, 2026-W09, 2026-Q1, 2026
    period_start = models.DateField()
    period_end = models.DateField()
    required_count = models.PositiveIntegerField("应更新次数", default=1)
    done_count = models.PositiveIntegerField("已报送次数", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "周期检查"
        verbose_name_plural = "周期检查"
        ordering = ["assignment", "period_start"]
        constraints = [models.UniqueConstraint(fields=["assignment", "period_key"], name="checklist_unique_period")]

    def __str__(self) -> str:
        return f"{self.period_key} {self.done_count}/{self.required_count}"

    @property
    def is_met(self) -> bool:
        return self.done_count >= self.required_count


class NotificationKind(models.TextChoices):
    ASSIGNED = "assigned", "新任务"
    DUE_SOON = "due_soon", "即将到期"
    OVERDUE = "overdue", "已逾期"
    CHECKLIST = "checklist", "本期未达更新要求"
    BULLETIN = "bulletin", "通报"


class Notification(models.Model):
    """An in-app notice to a unit (站内通知); e-mail goes to the unit's liaisons and handlers.

    (assignment, kind, period) is unique, so `gongkai remind` run twice sends nothing twice."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="workplan_notifications")
    assignment = models.ForeignKey(Assignment, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="notifications")
    bulletin = models.ForeignKey("Bulletin", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="notifications")
    kind = models.CharField("类型", max_length=12, choices=NotificationKind.choices)
    period = models.CharField("周期", max_length=12)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField(max_length=200, blank=True)
    emailed_to = models.TextField("已发邮件", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "kind", "period"], name="notification_once_per_period",
                                    condition=models.Q(assignment__isnull=False)),
            models.UniqueConstraint(fields=["bulletin", "unit"], name="notification_once_per_bulletin",
                                    condition=models.Q(bulletin__isnull=False)),
        ]

    def __str__(self) -> str:
        return self.title


class BulletinKind(models.TextChoices):
    WEEKLY = "weekly", "每周督查"
    MONTHLY = "monthly", "月度通报"


class BulletinStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已印发"


class Bulletin(models.Model):
    """A weekly check (督查) or monthly bulletin (通报); `data` is the frozen snapshot it reports."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="bulletins")
    kind = models.CharField("类型", max_length=10, choices=BulletinKind.choices)
    serial = models.PositiveIntegerField("期号")
    doc_number = models.CharField("文号", max_length=60)
    title = models.CharField("标题", max_length=200)
    period_start = models.DateField("统计起")
    period_end = models.DateField("统计止")
    data = models.JSONField("统计数据", default=dict)
    remarks = models.TextField("督办意见", blank=True)
    status = models.CharField("状态", max_length=10, choices=BulletinStatus.choices, default=BulletinStatus.DRAFT)
    published_at = models.DateTimeField("印发时间", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "督查通报"
        verbose_name_plural = "督查通报"
        ordering = ["-period_end", "-id"]
        constraints = [models.UniqueConstraint(fields=["plan", "kind", "serial"], name="bulletin_unique_serial")]

    def __str__(self) -> str:
        return self.title


class Rubric(models.Model):
    """A 考核 rubric for one plan (year): weights out of 100 for completion, timeliness and evidence."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="rubric")
    weight_completion = models.DecimalField("完成率权重", max_digits=5, decimal_places=2, default=60)
    weight_timeliness = models.DecimalField("按时完成权重", max_digits=5, decimal_places=2, default=25)
    weight_evidence = models.DecimalField("佐证材料权重", max_digits=5, decimal_places=2, default=15)
    pass_mark = models.DecimalField("合格分", max_digits=5, decimal_places=2, default=60)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "考核细则"
        verbose_name_plural = "考核细则"

    def __str__(self) -> str:
        return f"{self.plan} 考核细则"


class AdjustmentKind(models.TextChoices):
    DEDUCTION = "deduction", "扣分"
    BONUS = "bonus", "加分"
    VETO = "veto", "一票否决"


class ScoreAdjustment(models.Model):
    """A deduction, bonus or veto entered for one unit, always with its reason (考核扣分/加分/否决项)."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="adjustments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    kind = models.CharField("类型", max_length=10, choices=AdjustmentKind.choices)
    points = models.DecimalField("分值", max_digits=5, decimal_places=2, default=0)
    reason = models.CharField("理由", max_length=300)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "考核加减分"
        verbose_name_plural = "考核加减分"
        ordering = ["unit", "id"]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_kind_display()} {self.points}"


class ReviewList(models.Model):
    """回头看: last year's unfinished tasks carried into this year's plan for follow-up."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="review_lists", verbose_name="本年度方案")
    source_plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="+", verbose_name="上年度方案")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "回头看清单"
        verbose_name_plural = "回头看清单"
        constraints = [models.UniqueConstraint(fields=["plan", "source_plan"], name="review_list_once_per_source")]

    def __str__(self) -> str:
        return f"回头看：{self.source_plan} → {self.plan}"


class ReviewItem(models.Model):
    review_list = models.ForeignKey(ReviewList, on_delete=models.CASCADE, related_name="items")
    source_task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="+")
    carried_task = models.ForeignKey(Task, null=True, on_delete=models.SET_NULL, related_name="review_items")
    history_snapshot = models.JSONField("上年执行情况", default=dict)

    class Meta:
        verbose_name = "回头看事项"
        verbose_name_plural = "回头看事项"
        constraints = [models.UniqueConstraint(fields=["review_list", "source_task"], name="review_item_once")]

    def __str__(self) -> str:
        return str(self.source_task)
