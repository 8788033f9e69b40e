"""Workspace panels of the policy library: what each role must do today."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from gongkai.core.dashboard import Panel
from gongkai.disclosure.models import ItemStatus
from gongkai.organisations.models import Role

from .models import (
    CleanupBatch,
    CleanupStatus,
    DocumentStatus,
    GazetteStatus,
    InterpretationStatus,
)
from .selectors import (
    evaluation_alerts,
    interpretation_backlog,
    overdue_expiries,
    staff_documents,
    staff_gazette_issues,
    staff_interpretations,
)


def panels(user) -> list[Panel]:
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    documents = staff_documents(user)
    alerts_url = reverse("policies:alerts")
    result = []
    due = evaluation_alerts(documents, on=today)
    backlog = interpretation_backlog(documents, today=today)
    overdue = overdue_expiries(documents, on=today).count()
    if user.has_role(Role.HANDLER, Role.LIAISON, Role.COORDINATOR, Role.LEADER):
        rows = [(f"{d.title}（有效期至{d.expires_on:%Y-%m-%d}）", "需评估", reverse("policies:document", args=[d.pk]))
                for d in due[:5]]
        rows += [(d.title, f"解读逾期{t.working_days_late}个工作日" if t.published_on is None else "解读已迟发",
                  reverse("policies:document", args=[d.pk])) for d, t in backlog[:5]]
        if overdue:
            rows.insert(0, ("有效期已届满仍标为有效的文件", str(overdue), alerts_url))
        result.append(Panel(
            title="规范性文件：评估与解读", rows=rows or [("暂无需要评估或补充解读的文件", "", alerts_url)],
            link=alerts_url, link_label="查看全部提醒", tone="danger" if overdue or backlog else ("warn" if due else ""),
        ))
    if user.has_role(Role.HANDLER, Role.LIAISON):
        drafts = documents.filter(status__in=(DocumentStatus.DRAFT, DocumentStatus.REGISTERED))
        returned = drafts.filter(item__status=ItemStatus.RETURNED).count()
        interp_drafts = staff_interpretations(user).filter(status=InterpretationStatus.DRAFT).count()
        result.append(Panel(title="政策文件待办", link=reverse("policies:documents"), rows=[
            ("未发布的文件", str(drafts.count()), reverse("policies:documents") + "?status=draft"),
            ("被退回修改的文件", str(returned), reverse("policies:documents")),
            ("未发布的解读", str(interp_drafts), reverse("policies:documents")),
        ], tone="warn" if returned else ""))
    if user.has_role(Role.REVIEWER, Role.COORDINATOR):
        waiting = documents.filter(item__status=ItemStatus.IN_REVIEW).count()
        waiting_interp = staff_interpretations(user).filter(item__status=ItemStatus.IN_REVIEW).count()
        if waiting or waiting_interp:
            result.append(Panel(title="政策文件待审核", link=reverse("policies:documents"), rows=[
                ("待审核的文件", str(waiting), reverse("policies:documents")),
                ("待审核的解读", str(waiting_interp), reverse("policies:documents")),
            ], tone="warn"))
    if user.has_role(Role.COORDINATOR):
        registered = documents.filter(status=DocumentStatus.DRAFT, kind="normative").count()
        open_batches = CleanupBatch.objects.filter(status=CleanupStatus.OPEN, government=user.unit.government
                                                   if user.unit else None).count()
        draft_issues = staff_gazette_issues(user).filter(status=GazetteStatus.DRAFT).count()
        result.append(Panel(title="统一登记、清理与公报", link=reverse("policies:cleanups"), rows=[
            ("待统一登记的规范性文件", str(registered), reverse("policies:documents") + "?status=draft"),
            ("进行中的清理批次", str(open_batches), reverse("policies:cleanups")),
            ("编辑中的公报", str(draft_issues), reverse("policies:gazette")),
        ]))
    return result
