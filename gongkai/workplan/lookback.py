"""回头看: last year's plan task by task with its completion, and carrying the unfinished tasks into this
year's plan as a review list, each with the history of what was done last year."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch

from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import User

from .models import (
    OPEN_STATUSES,
    Assignment,
    AssignmentEvent,
    AssignmentStatus,
    Plan,
    ProgressReport,
    ReviewItem,
    ReviewList,
    Section,
    Task,
)

REVIEW_SECTION = "回头看：上年度未完成任务"


@dataclass
class LookbackRow:
    task: Task
    total: int
    done: int
    not_applicable: int
    open_units: list[str]

    @property
    def finished(self) -> bool:
        return not self.open_units

    @property
    def label(self) -> str:
        if self.total == 0:
            return "未分配"
        return "已完成" if self.finished else f"未完成（{len(self.open_units)}个单位）"


def lookback_rows(plan: Plan) -> list[LookbackRow]:
    assignments = Assignment.objects.filter(is_active=True).select_related("unit")
    rows = []
    for task in plan.tasks.filter(is_active=True).select_related("section").prefetch_related(
            Prefetch("assignments", queryset=assignments, to_attr="active_assignments")).order_by("order"):
        items = task.active_assignments
        rows.append(LookbackRow(
            task, len(items), sum(a.status == AssignmentStatus.DONE for a in items),
            sum(a.status == AssignmentStatus.NOT_APPLICABLE for a in items),
            [str(a.unit) for a in items if a.status in OPEN_STATUSES],
        ))
    return rows


@transaction.atomic
def review_list_create(*, plan: Plan, source_plan: Plan, by: User) -> ReviewList:
    """Carry every unfinished task of `source_plan` into `plan`, assigned to the units that did not finish it."""
    if source_plan.pk == plan.pk:
        raise DomainError("不能对同一方案回头看")
    if source_plan.year >= plan.year:
        raise DomainError("回头看的方案应早于本年度方案")
    if ReviewList.objects.filter(plan=plan, source_plan=source_plan).exists():
        raise DomainError("已经对该方案做过回头看")
    review = ReviewList.objects.create(plan=plan, source_plan=source_plan, created_by=by)
    section = Section.objects.filter(plan=plan, path=[REVIEW_SECTION]).first() or Section.objects.create(
        plan=plan, path=[REVIEW_SECTION], title=REVIEW_SECTION, order=plan.sections.count() + 1)
    order = (plan.tasks.order_by("-order").values_list("order", flat=True).first() or 0)
    reports = ProgressReport.objects.order_by("reported_on", "id")
    for row in lookback_rows(source_plan):
        if row.finished or row.total == 0:
            continue
        task = row.task
        open_assignments = [a for a in task.active_assignments if a.status in OPEN_STATUSES]
        history = {
            "plan": source_plan.title, "no": task.no, "deadline": task.deadline.isoformat() if task.deadline else None,
            "deadline_text": task.deadline_text,
            "assignments": [
                {"unit": str(a.unit), "role": a.get_role_display(), "status": a.get_status_display(),
                 "reports": [{"on": r.reported_on.isoformat(), "text": r.text} for r in reports.filter(assignment=a)]}
                for a in task.active_assignments
            ],
        }
        order += 1
        carried = Task.objects.create(
            plan=plan, section=section, no=f"回{order}", order=order, text=task.text,
            deadline_text="上年度未完成，持续推进", recurrence=task.recurrence,
            recurrence_min_count=task.recurrence_min_count, column_id=task.column_id, carried_from=task,
            printed_units=task.printed_units, source={"carried_from_task": task.pk},
        )
        for a in open_assignments:
            new = Assignment.objects.create(task=carried, unit=a.unit, role=a.role, via_group=a.via_group,
                                            printed_name=a.printed_name)
            AssignmentEvent.objects.create(assignment=new, kind="carried", by=by, to_status=new.status,
                                           note=f"由《{source_plan.title}》结转（上年状态：{a.get_status_display()}）")
        ReviewItem.objects.create(review_list=review, source_task=task, carried_task=carried, history_snapshot=history)
    return review
