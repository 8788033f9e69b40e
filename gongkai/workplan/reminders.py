"""Reminders (`gongkai remind`): due-soon, overdue and checklist notices, in-app and by e-mail.

Safe to run any number of times a day from cron: each notice has the key (assignment, kind, period) —
the period being the deadline itself for due-soon/overdue and the checklist period for recurring duties —
and a notice whose key exists is not sent again. E-mail leaves in transaction.on_commit, so a failed run
sends nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from gongkai.core.calendar import work_calendar
from gongkai.organisations.models import Role, Unit, User

from . import conf
from .deadlines import days_left, period_of, task_due_state
from .models import OPEN_STATUSES, Assignment, Bulletin, Notification, NotificationKind, PeriodChecklist
from .services import assignments_mark_overdue, checklists_refresh


@dataclass
class RemindReport:
    marked_overdue: int = 0
    notices: int = 0
    emails: int = 0
    lines: list[str] = field(default_factory=list)


def recipients(unit: Unit) -> list[User]:
    """The unit's liaisons and handlers (of the unit, or of the bureau above an office)."""
    units = [unit] + ([unit.parent] if unit.kind == "office" and unit.parent_id else [])
    people = User.objects.filter(unit__in=units, groups__name__in=[Role.LIAISON, Role.HANDLER])
    if unit.kind == "government":  # a 市（区）/镇街 government is answered for by its 公开办 coordinators
        people = people | User.objects.filter(unit__parent=unit, groups__name=Role.COORDINATOR)
    return list(people.filter(is_active=True).exclude(email="").distinct())


def _notify(*, unit: Unit, kind: str, period: str, title: str, body: str, url: str,
            assignment: Assignment | None = None, bulletin: Bulletin | None = None, report: RemindReport | None = None,
            ) -> Notification | None:
    try:
        with transaction.atomic():
            notice = Notification.objects.create(unit=unit, assignment=assignment, bulletin=bulletin, kind=kind,
                                                 period=period, title=title[:200], body=body, url=url)
    except IntegrityError:
        return None  # already sent for this key
    people = recipients(unit)
    if people:
        addresses = [u.email for u in people]
        notice.emailed_to = "、".join(addresses)
        notice.save(update_fields=["emailed_to"])
        transaction.on_commit(lambda: send_mail(f"【政务公开台账】{title}", f"{body}\n\n{url}", None, addresses,
                                                fail_silently=True))
        if report is not None:
            report.emails += len(addresses)
    if report is not None:
        report.notices += 1
        report.lines.append(f"{unit}：{title}")
    return notice


@transaction.atomic
def remind(*, today: dt.date) -> RemindReport:
    report = RemindReport()
    calendar = work_calendar()
    report.marked_overdue = len(assignments_mark_overdue(today=today))
    window = conf.due_soon_days()
    open_assignments = Assignment.objects.filter(
        is_active=True, task__is_active=True, task__plan__status="active", status__in=OPEN_STATUSES,
    ).select_related("unit", "task", "task__plan")
    for a in open_assignments.filter(task__deadline__isnull=False):
        task = a.task
        state = task_due_state(task, today, is_open=True, calendar=calendar)
        left = days_left(task.deadline, today, working_days=task.deadline_in_working_days, calendar=calendar)
        url = reverse("workplan:assignment_detail", args=[a.pk])
        unit_word = "个工作日" if task.deadline_in_working_days else "天"
        if state == "overdue":
            _notify(unit=a.unit, assignment=a, kind=NotificationKind.OVERDUE, period=task.deadline.isoformat(),
                    title=f"任务已逾期：{task.text[:40]}", url=url, report=report,
                    body=f"《{task.plan.title}》任务“{task.text}”的完成时限为{task.deadline:%Y年%m月%d日}，已逾期，请尽快完成并报送进展。")
        elif state == "due_soon":
            _notify(unit=a.unit, assignment=a, kind=NotificationKind.DUE_SOON, period=task.deadline.isoformat(),
                    title=f"任务即将到期：{task.text[:40]}", url=url, report=report,
                    body=f"《{task.plan.title}》任务“{task.text}”将于{task.deadline:%Y年%m月%d日}到期（还有{left}{unit_word}）。")
    # Recurring duties: remind in the last days of a period that has not had its required updates.
    for a in open_assignments.exclude(task__recurrence=""):
        period = period_of(a.task.recurrence, today)
        checklists_refresh(assignment=a, until=today)
        checklist = PeriodChecklist.objects.filter(assignment=a, period_key=period.key).first()
        if checklist is None or checklist.is_met:
            continue
        if (period.end - today).days <= min(window, 3 if a.task.recurrence == "weekly" else window):
            _notify(unit=a.unit, assignment=a, kind=NotificationKind.CHECKLIST, period=period.key,
                    title=f"{period.label}更新未达要求：{a.task.text[:30]}", report=report,
                    url=reverse("workplan:assignment_detail", args=[a.pk]),
                    body=f"本期应至少报送{checklist.required_count}次，目前{checklist.done_count}次，本期截止{period.end:%m月%d日}。")
    return report


def notify_assigned(*, assignments: list[Assignment]) -> int:
    count = 0
    for a in assignments:
        if _notify(unit=a.unit, assignment=a, kind=NotificationKind.ASSIGNED, period="-",
                   title=f"新任务：{a.task.text[:40]}", url=reverse("workplan:assignment_detail", args=[a.pk]),
                   body=f"《{a.task.plan.title}》将任务“{a.task.text}”分配给{a.unit}（{a.get_role_display()}）。"):
            count += 1
    return count


def notify_bulletin(*, bulletin: Bulletin) -> int:
    count = 0
    unit_ids = [u["unit_id"] for u in bulletin.data.get("units", [])]
    by_id = Unit.objects.in_bulk(unit_ids)
    for unit_id in unit_ids:
        unit = by_id.get(unit_id)
        if unit is None:
            continue
        if _notify(unit=unit, bulletin=bulletin, kind=NotificationKind.BULLETIN, period=bulletin.doc_number[:12],
                   title=f"{bulletin.doc_number} {bulletin.title}",
                   url=reverse("workplan:bulletin_detail", args=[bulletin.pk]),
                   body=f"{bulletin.title}已印发，请查阅本单位的完成情况并按要求整改。"):
            count += 1
    return count
