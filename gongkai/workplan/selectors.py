"""Reads of the task ledger used by views, the API, bulletins, assessment and other apps.

Contract 6: `plan_execution_summary(*, unit, year)` feeds section 六 of the annual report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from gongkai.core.calendar import work_calendar
from gongkai.organisations.models import Role, Unit, User
from gongkai.organisations.selectors import can_see_unit, scope_root

from . import conf
from .deadlines import due_soon_until
from .models import (
    OPEN_STATUSES,
    Assignment,
    AssignmentRole,
    AssignmentStatus,
    Plan,
    ProgressReport,
    Task,
)


def visible_plans(user: User) -> QuerySet[Plan]:
    """Plans owned inside the user's scope, plus plans that assign work to the user's units."""
    if user.is_superuser:
        return Plan.objects.all()
    root = scope_root(user)
    if root is None:
        return Plan.objects.all()
    return Plan.objects.filter(
        Q(owner__path__startswith=root.path)
        | Q(tasks__assignments__unit__path__startswith=root.path, tasks__assignments__is_active=True)
    ).distinct()


def can_manage_plan(user: User, plan: Plan) -> bool:
    """The coordinator of the plan's government (or of the owner unit itself) manages it."""
    if user.is_superuser:
        return True
    if not user.has_role(Role.COORDINATOR) or user.unit_id is None:
        return False
    root = user.unit.government or user.unit
    return plan.owner.path.startswith(root.path)


def can_manage_own_plan(user: User, plan: Plan) -> bool:
    """A unit's liaison edits the unit's own plan (cascade drafts)."""
    return can_manage_plan(user, plan) or (
        user.has_role(Role.LIAISON) and user.unit_id is not None and plan.owner.path.startswith(user.unit.path)
    )


def acting_units_q(user: User, field: str = "unit") -> Q:
    """Units a user acts for: the own unit and its sub-units (a bureau for its offices); a coordinator also
    answers for its government itself (e.g. 蓬江区政府 named in the city plan)."""
    q = Q(**{f"{field}__path__startswith": user.unit.path})
    if user.has_role(Role.COORDINATOR) and user.unit.government is not None:
        q |= Q(**{field: user.unit.government})
    return q


def can_report(user: User, assignment: Assignment) -> bool:
    """Staff of the assigned unit (or of a unit above it, e.g. a bureau for its offices) report progress, and
    the coordinator of the government the unit belongs to."""
    if user.is_superuser:
        return True
    if user.unit_id is None or not user.has_role(Role.LIAISON, Role.HANDLER, Role.COORDINATOR):
        return False
    if assignment.unit.path.startswith(user.unit.path):
        return True
    # The 公开办 enters progress on behalf of units in its government (e.g. collected by Excel or 公文).
    root = user.unit.government or user.unit
    return user.has_role(Role.COORDINATOR) and assignment.unit.path.startswith(root.path)


def can_view_assignment(user: User, assignment: Assignment) -> bool:
    return can_see_unit(user, assignment.unit) or can_manage_plan(user, assignment.task.plan)


def ledger_tasks(plan: Plan, *, unit: Unit | None = None, status: str = "", query: str = "") -> QuerySet[Task]:
    """The plan's active tasks with their active assignments: a fixed number of queries at any size."""
    assignments = Assignment.objects.filter(is_active=True).select_related("unit").order_by("role", "unit__path")
    tasks = plan.tasks.filter(is_active=True).select_related("section").prefetch_related(
        Prefetch("assignments", queryset=assignments, to_attr="active_assignments"))
    if unit is not None:
        tasks = tasks.filter(assignments__unit=unit, assignments__is_active=True)
    if status:
        tasks = tasks.filter(assignments__status=status, assignments__is_active=True)
    if query:
        tasks = tasks.filter(Q(text__icontains=query) | Q(no=query))
    return tasks.distinct().order_by("order", "id")


def my_assignments(user: User) -> QuerySet[Assignment]:
    """Assignments of the user's unit and its sub-units (我的任务)."""
    if user.unit_id is None:
        return Assignment.objects.none()
    return Assignment.objects.filter(
        acting_units_q(user), is_active=True, task__is_active=True,
        task__plan__status__in=["active"],
    ).select_related("unit", "task", "task__plan", "task__section")


def filter_assignments(qs: QuerySet[Assignment], *, status: str = "", role: str = "", plan_id: str = "",
                       due: str = "", query: str = "", today: dt.date | None = None) -> QuerySet[Assignment]:
    if status in AssignmentStatus.values:
        qs = qs.filter(status=status)
    if role in AssignmentRole.values:
        qs = qs.filter(role=role)
    if plan_id.isdigit():
        qs = qs.filter(task__plan_id=int(plan_id))
    if query:
        qs = qs.filter(Q(task__text__icontains=query) | Q(task__section__title__icontains=query))
    if today is not None and due == "overdue":
        qs = qs.filter(Q(status=AssignmentStatus.OVERDUE) | Q(status__in=OPEN_STATUSES, task__deadline__lt=today))
    elif today is not None and due == "due_soon":
        # The same window as the label (deadlines.task_due_state): in working days for a plan that says 工作日.
        calendar, window = work_calendar(), conf.due_soon_days()
        qs = qs.filter(status__in=OPEN_STATUSES, task__deadline__gte=today).filter(
            Q(task__deadline_in_working_days=False, task__deadline__lte=due_soon_until(today, window=window))
            | Q(task__deadline_in_working_days=True,
                task__deadline__lte=due_soon_until(today, window=window, working_days=True, calendar=calendar)))
    return qs.order_by("task__deadline", "task__plan_id", "task__order", "id")


def task_reports(task: Task) -> QuerySet[ProgressReport]:
    """Every report on a task (all units), for the lead unit's consolidated view."""
    return ProgressReport.objects.filter(assignment__task=task).select_related(
        "assignment__unit", "author").prefetch_related("attachments").order_by("-reported_on", "-id")


# ----------------------------------------------------------------------------- statistics


@dataclass
class UnitStat:
    unit_id: int
    unit_name: str
    total: int = 0
    done: int = 0
    on_time: int = 0
    overdue: int = 0
    not_applicable: int = 0
    reported: int = 0
    with_evidence: int = 0
    last_report_at: dt.datetime | None = None
    overdue_tasks: list[str] = field(default_factory=list)

    @property
    def applicable(self) -> int:
        return self.total - self.not_applicable

    @property
    def completion_rate(self) -> float:
        return round(100 * self.done / self.applicable, 1) if self.applicable else 100.0

    @property
    def timeliness_rate(self) -> float:
        return round(100 * self.on_time / self.done, 1) if self.done else 0.0

    @property
    def evidence_rate(self) -> float:
        return round(100 * self.with_evidence / self.applicable, 1) if self.applicable else 100.0

    @property
    def no_report(self) -> bool:
        return self.applicable > 0 and self.reported == 0


def assignment_rows(plan: Plan):
    """Active assignments of a plan as plain rows, with an evidence flag, in one query."""
    evidence = ProgressReport.objects.filter(assignment=OuterRef("pk"), has_evidence=True)
    return (
        Assignment.objects.filter(task__plan=plan, is_active=True, task__is_active=True)
        .annotate(has_evidence=Exists(evidence))
        .values("pk", "unit_id", "unit__name", "unit__short_name", "unit__path", "role", "status", "completed_on",
                "report_count", "last_report_at", "has_evidence", "task_id", "task__no", "task__text",
                "task__deadline")
        .order_by("unit__path", "task__order")
    )


def unit_stats(plan: Plan, *, as_of: dt.date) -> list[UnitStat]:
    stats: dict[int, UnitStat] = {}
    for row in assignment_rows(plan):
        stat = stats.get(row["unit_id"])
        if stat is None:
            stat = stats[row["unit_id"]] = UnitStat(row["unit_id"], row["unit__short_name"] or row["unit__name"])
        stat.total += 1
        deadline, status = row["task__deadline"], row["status"]
        if status == AssignmentStatus.NOT_APPLICABLE:
            stat.not_applicable += 1
            continue
        if status == AssignmentStatus.DONE:
            stat.done += 1
            if deadline is None or (row["completed_on"] and row["completed_on"] <= deadline):
                stat.on_time += 1
        elif status == AssignmentStatus.OVERDUE or (deadline is not None and deadline < as_of):
            stat.overdue += 1
            stat.overdue_tasks.append(_task_label(row))
        if row["report_count"]:
            stat.reported += 1
        if row["has_evidence"]:
            stat.with_evidence += 1
        if row["last_report_at"] and (stat.last_report_at is None or row["last_report_at"] > stat.last_report_at):
            stat.last_report_at = row["last_report_at"]
    return sorted(stats.values(), key=lambda s: (-s.completion_rate, s.unit_name))


def _task_label(row: dict) -> str:
    text = row["task__text"]
    return f"{row['task__no'] + '. ' if row['task__no'] else ''}{text[:60]}{'…' if len(text) > 60 else ''}"


def plan_execution_summary(*, unit: Unit, year: int) -> dict:
    """Contract 6 (annual report section 六): the unit's assignments in plans of `year`.

    Returns {"tasks_assigned", "completed", "overdue", "not_applicable", "completion_rate" (percent, one decimal),
    "unfinished": [task texts]}; not_applicable assignments are left out of the rate."""
    rows = list(
        Assignment.objects.filter(unit=unit, is_active=True, task__is_active=True, task__plan__year=year)
        .exclude(task__plan__status="draft")
        .values("status", "task__text", "task__deadline")
        .order_by("task__plan_id", "task__order")
    )
    today = dt.date.today()
    completed = sum(1 for r in rows if r["status"] == AssignmentStatus.DONE)
    na = sum(1 for r in rows if r["status"] == AssignmentStatus.NOT_APPLICABLE)
    overdue = sum(1 for r in rows if r["status"] == AssignmentStatus.OVERDUE or (
        r["status"] in OPEN_STATUSES and r["task__deadline"] is not None and r["task__deadline"] < today))
    applicable = len(rows) - na
    return {
        "tasks_assigned": len(rows),
        "completed": completed,
        "overdue": overdue,
        "not_applicable": na,
        "completion_rate": round(100 * completed / applicable, 1) if applicable else 0.0,
        "unfinished": [r["task__text"] for r in rows if r["status"] in OPEN_STATUSES],
    }
