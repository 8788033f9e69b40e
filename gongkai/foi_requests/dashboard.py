"""Workspace panels: what each role must do today in 依申请公开."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from gongkai.core.dashboard import Panel
from gongkai.organisations.models import Role

from .models import Letter, LetterStatus, Status
from .selectors import due_soon_and_overdue, visible_requests


def panels(user) -> list[Panel]:
    if not user.has_role(Role.COORDINATOR, Role.LEADER, Role.LIAISON, Role.HANDLER, Role.REVIEWER):
        return []
    base = reverse("foi_requests:index")
    qs = visible_requests(user)
    soon, overdue = due_soon_and_overdue(qs)
    result = []
    n_overdue, n_soon = overdue.count(), soon.count()
    rows = [("已逾期", str(n_overdue), f"{base}?q=overdue"), ("5个工作日内到期", str(n_soon), f"{base}?q=soon")]
    if user.has_role(Role.COORDINATOR, Role.LIAISON):
        rows.append(("待确认（网上、信函、传真）", str(qs.filter(status__in=[Status.PENDING_CONFIRMATION,
                                                                       Status.CONTACT_FAILED]).count()),
                     f"{base}?q=pending"))
        rows.append(("已答复待送达", str(qs.filter(status=Status.REPLIED).count()), f"{base}?q=replied"))
    if user.has_role(Role.HANDLER):
        mine = qs.filter(handler=user, status__in=[Status.REVIEWING, Status.PROCESSING])
        rows.insert(0, ("我经办的在办申请", str(mine.count()), f"{base}?q=open"))
    result.append(Panel("依申请公开", rows, link=base, tone="danger" if n_overdue else ("warn" if n_soon else "")))
    if user.has_role(Role.REVIEWER, Role.COORDINATOR):
        letters = Letter.objects.filter(request__in=qs.values("pk"))
        waiting = []
        if user.has_role(Role.REVIEWER):
            waiting.append(("待审核签批的文书", letters.filter(status=LetterStatus.HANDLER_SIGNED)))
        if user.has_role(Role.COORDINATOR):
            waiting.append(("待负责人签发的文书", letters.filter(status=LetterStatus.REVIEWED)))
        rows = []
        for label, subset in waiting:
            first = subset.order_by("created_at").first()
            rows.append((label, str(subset.count()), reverse("foi_requests:letter", args=[first.pk]) if first else base))
        result.append(Panel("文书签批", rows, link=base))
    if user.has_role(Role.LEADER, Role.COORDINATOR):
        year = timezone.localdate().year
        concluded = qs.filter(concluded_on__year=year)
        late = concluded.filter(delivered_on_time=False).count()
        result.append(Panel(f"{year}年依申请公开概况", [
            ("本年收到", str(qs.filter(received_on__year=year).count()), base),
            ("本年办结", str(concluded.count()), f"{base}?q=closed"),
            ("超期答复", str(late), f"{base}?q=closed"),
        ], link=base, tone="warn" if late else ""))
    return result
