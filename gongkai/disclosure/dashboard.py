"""Workspace panels: what each role must do today on the disclosure platform."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from gongkai.core.dashboard import Panel
from gongkai.organisations.models import Role, UnitKind
from gongkai.organisations.selectors import scope_queryset, visible_units

from . import services
from .models import InformationItem, ItemStatus
from .selectors import freshness_report


def panels(user) -> list[Panel]:
    result: list[Panel] = []
    items = scope_queryset(InformationItem.objects.all(), user)
    if user.has_role(Role.HANDLER, Role.LIAISON):
        returned = items.filter(status=ItemStatus.RETURNED, created_by=user).count()
        drafts = items.filter(status=ItemStatus.DRAFT, created_by=user).count()
        waiting = items.filter(status=ItemStatus.IN_REVIEW, created_by=user).count()
        base = reverse("disclosure:item_list")
        result.append(Panel(
            "信息发布：我的稿件",
            rows=[("退回修改，待我处理", str(returned), f"{base}?status=returned"),
                  ("草稿，尚未报审", str(drafts), f"{base}?status=draft"),
                  ("审核中", str(waiting), f"{base}?status=in_review")],
            link=reverse("disclosure:item_create"), link_label="新建公开信息", tone="warn" if returned else "",
        ))
    if user.has_role(Role.REVIEWER, Role.COORDINATOR):
        queue = [i for i in items.filter(status=ItemStatus.IN_REVIEW).select_related("unit")
                 .order_by("updated_at")[:200] if services.may_review(user, i)]
        result.append(Panel(
            "信息发布：待我审核",
            rows=[(f"{i.unit} · {i.title[:24]}（{i.get_current_step_display()}）", i.updated_at.strftime("%m-%d"),
                   reverse("disclosure:item_review", args=[i.pk])) for i in queue[:5]]
            or [("暂无待审核信息", "0", "")],
            link=reverse("disclosure:review_queue"), link_label=f"审核队列（{len(queue)}）", tone="warn" if queue else "",
        ))
    if user.has_role(Role.COORDINATOR, Role.LEADER, Role.LIAISON):
        units = visible_units(user).exclude(kind=UnitKind.OFFICE).filter(is_active=True)
        report = freshness_report(units=units, on=timezone.localdate())
        stale = sum(1 for e in report for _, f in e.rows if f.status in ("stale", "undated"))
        blank = sum(e.blank for e in report)
        vetoed = [e.unit for e in report if e.vetoes]
        rows = [("未及时更新的栏目", str(stale), reverse("disclosure:freshness")),
                ("空白栏目", str(blank), reverse("disclosure:freshness"))]
        rows += [(f"触及单项否决：{u}", "!", f"{reverse('disclosure:freshness')}?unit={u.pk}") for u in vetoed[:3]]
        result.append(Panel("栏目更新监测", rows=rows, link=reverse("disclosure:freshness"), link_label="查看监测结果",
                            tone="danger" if vetoed else ("warn" if stale or blank else "")))
    return result
