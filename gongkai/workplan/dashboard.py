"""Workspace panels: what each role must do today in the task ledger."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from gongkai.core.dashboard import Panel
from gongkai.organisations.models import Role

from .models import OPEN_STATUSES, BulletinStatus, DraftImport, ImportStatus, Notification, Plan
from .selectors import filter_assignments, my_assignments, unit_stats, visible_plans


def panels(user) -> list[Panel]:
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    result: list[Panel] = []
    if user.has_role(Role.LIAISON, Role.HANDLER, Role.COORDINATOR) and user.unit_id:
        mine = my_assignments(user)
        overdue = filter_assignments(mine, due="overdue", today=today).count()
        due_soon = filter_assignments(mine, due="due_soon", today=today).count()
        open_count = mine.filter(status__in=OPEN_STATUSES).count()
        unread = Notification.objects.filter(unit__path__startswith=user.unit.path, read_at__isnull=True).count()
        base = reverse("workplan:my_tasks")
        result.append(Panel(
            "我的台账任务",
            rows=[("已逾期", str(overdue), f"{base}?due=overdue"), ("即将到期", str(due_soon), f"{base}?due=due_soon"),
                  ("未完成", str(open_count), base), ("未读通知", str(unread), reverse("workplan:notifications"))],
            link=base, link_label="进入我的任务", tone="danger" if overdue else ("warn" if due_soon else ""),
        ))
    if user.has_role(Role.COORDINATOR, Role.LEADER):
        plans = visible_plans(user).filter(status="active", year=today.year).select_related("owner")[:3]
        if not plans:
            plans = visible_plans(user).filter(status="active").select_related("owner")[:3]
        for plan in plans:
            result.append(_plan_panel(user, plan, today))
        if user.has_role(Role.COORDINATOR):
            pending = DraftImport.objects.filter(created_by=user, status=ImportStatus.PENDING).count()
            if pending:
                result.append(Panel("待确认的方案导入", rows=[("待核对", str(pending), reverse("workplan:plan_list"))],
                                    link=reverse("workplan:plan_list"), tone="warn"))
    return result


def _plan_panel(user, plan: Plan, today) -> Panel:
    stats = unit_stats(plan, as_of=today)
    applicable = sum(s.applicable for s in stats)
    done = sum(s.done for s in stats)
    overdue = sum(s.overdue for s in stats)
    silent = sum(1 for s in stats if s.no_report)
    last = plan.bulletins.filter(status=BulletinStatus.PUBLISHED).order_by("-period_end").first()
    rows = [
        ("完成率", f"{round(100 * done / applicable, 1) if applicable else 0}%", reverse("workplan:plan_detail", args=[plan.pk])),
        ("逾期分工", str(overdue), reverse("workplan:plan_detail", args=[plan.pk]) + "?status=overdue"),
        ("从未报送的单位", str(silent), reverse("workplan:bulletin_list", args=[plan.pk])),
        ("最近通报", last.doc_number if last else "尚未通报", reverse("workplan:bulletin_list", args=[plan.pk])),
    ]
    return Panel(f"{plan.year}年台账：{plan.title[:24]}", rows=rows, link=reverse("workplan:bulletin_list", args=[plan.pk]),
                 link_label="督查通报" if user.has_role(Role.COORDINATOR) else "查看通报",
                 tone="danger" if overdue else "")
