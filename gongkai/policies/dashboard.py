"""Workspace panels of the policy library: what each role must do today."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from gongkai.core.dashboard import Panel
from gongkai.organisations.models import Role

from .models import CleanupStatus, GazetteStatus
from .selectors import (
    DocumentQueue,
    InterpretationQueue,
    document_queue,
    evaluation_alerts,
    interpretation_backlog,
    interpretation_queue,
    overdue_expiries,
    staff_cleanup_batches,
    staff_documents,
    staff_gazette_issues,
)


def panels(user) -> list[Panel]:
    """Every count links to the list it counts: the same selector, filtered the same way, for the same user."""
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    documents = staff_documents(user)
    alerts_url = reverse("policies:alerts")
    documents_url = reverse("policies:documents")

    def documents_row(queue: DocumentQueue) -> tuple[str, str, str]:
        return queue.label, str(document_queue(user, queue).count()), f"{documents_url}?todo={queue.value}"

    def interpretations_row(queue: InterpretationQueue) -> tuple[str, str, str]:
        return (queue.label, str(interpretation_queue(user, queue).count()),
                f"{reverse('policies:interpretations')}?todo={queue.value}")

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
            rows.insert(0, ("有效期已届满仍标为有效的文件", str(overdue), f"{alerts_url}#overdue"))
        result.append(Panel(
            title="规范性文件：评估与解读", rows=rows or [("暂无需要评估或补充解读的文件", "", alerts_url)],
            link=alerts_url, link_label="查看全部提醒", tone="danger" if overdue or backlog else ("warn" if due else ""),
        ))
    if user.has_role(Role.HANDLER, Role.LIAISON):
        returned = documents_row(DocumentQueue.RETURNED)
        result.append(Panel(title="政策文件待办", link=documents_url, rows=[
            documents_row(DocumentQueue.UNPUBLISHED), returned, interpretations_row(InterpretationQueue.UNPUBLISHED),
        ], tone="warn" if returned[1] != "0" else ""))
    if user.has_role(Role.REVIEWER, Role.COORDINATOR):
        rows = [documents_row(DocumentQueue.IN_REVIEW), interpretations_row(InterpretationQueue.IN_REVIEW)]
        if any(count != "0" for _, count, _ in rows):
            result.append(Panel(title="政策文件待审核", link=documents_url, rows=rows, tone="warn"))
    if user.has_role(Role.COORDINATOR):
        open_batches = staff_cleanup_batches(user).filter(status=CleanupStatus.OPEN).count()
        draft_issues = staff_gazette_issues(user).filter(status=GazetteStatus.DRAFT).count()
        result.append(Panel(title="统一登记、清理与公报", link=reverse("policies:cleanups"), rows=[
            documents_row(DocumentQueue.TO_REGISTER),
            ("进行中的清理批次", str(open_batches), f"{reverse('policies:cleanups')}?status={CleanupStatus.OPEN.value}"),
            ("编辑中的公报", str(draft_issues), f"{reverse('policies:gazette')}?status={GazetteStatus.DRAFT.value}"),
        ]))
    return result
