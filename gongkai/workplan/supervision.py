"""Supervision (每周一督查，每月一通报): building, exporting and publishing check reports and bulletins.

A bulletin freezes its figures in `Bulletin.data` when it is created, so that what was published can be
reproduced and the next bulletin can state the changes since this one.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import User

from . import conf
from .deadlines import Recurrence, period_of
from .models import Bulletin, BulletinKind, BulletinStatus, Plan, ProgressReport
from .selectors import unit_stats


def bulletin_period(kind: str, as_of: dt.date) -> tuple[dt.date, dt.date]:
    period = period_of(Recurrence.WEEKLY if kind == BulletinKind.WEEKLY else Recurrence.MONTHLY, as_of)
    return period.start, min(period.end, as_of)


def build_bulletin_data(*, plan: Plan, start: dt.date, end: dt.date, previous: Bulletin | None) -> dict:
    """The figures of a check or bulletin as of `end` (a JSON-ready dict)."""
    stats = unit_stats(plan, as_of=end)
    reported_in_period = dict(
        ProgressReport.objects.filter(assignment__task__plan=plan, assignment__is_active=True,
                                      reported_on__gte=start, reported_on__lte=end)
        .values_list("assignment__unit_id").annotate(n=Count("id")).values_list("assignment__unit_id", "n")
    )
    units = [{
        "unit_id": s.unit_id, "name": s.unit_name, "total": s.total, "done": s.done, "overdue": s.overdue,
        "not_applicable": s.not_applicable, "reported": s.reported, "rate": s.completion_rate,
        "timeliness": s.timeliness_rate, "evidence_rate": s.evidence_rate,
        "reports_in_period": reported_in_period.get(s.unit_id, 0), "overdue_tasks": s.overdue_tasks,
    } for s in stats]
    applicable = sum(s.applicable for s in stats)
    done = sum(s.done for s in stats)
    data = {
        "as_of": end.isoformat(), "period_start": start.isoformat(), "period_end": end.isoformat(),
        "totals": {
            "tasks": plan.tasks.filter(is_active=True).count(), "assignments": sum(s.total for s in stats),
            "done": done, "overdue": sum(s.overdue for s in stats),
            "rate": round(100 * done / applicable, 1) if applicable else 0.0, "units": len(stats),
        },
        "units": units,
        "overdue": [{"unit": u["name"], "task": t} for u in units for t in u["overdue_tasks"]],
        "no_report": [u["name"] for u in units if u["reports_in_period"] == 0 and u["total"] > u["not_applicable"]],
        "changes": _changes(units, previous),
    }
    return data


def _changes(units: list[dict], previous: Bulletin | None) -> dict:
    if previous is None:
        return {"previous": "", "units": [], "newly_overdue": [], "newly_done": 0}
    before = {u["unit_id"]: u for u in previous.data.get("units", [])}
    lines = []
    for unit in units:
        old = before.get(unit["unit_id"])
        if old is None:
            lines.append({"name": unit["name"], "done_delta": unit["done"], "rate_before": None, "rate_after": unit["rate"]})
        elif old["done"] != unit["done"] or old["rate"] != unit["rate"]:
            lines.append({"name": unit["name"], "done_delta": unit["done"] - old["done"], "rate_before": old["rate"],
                          "rate_after": unit["rate"]})
    old_overdue = {(o["unit"], o["task"]) for o in previous.data.get("overdue", [])}
    newly_overdue = [{"unit": u["name"], "task": t} for u in units for t in u["overdue_tasks"]
                     if (u["name"], t) not in old_overdue]
    return {"previous": previous.doc_number, "units": lines, "newly_overdue": newly_overdue,
            "newly_done": sum(max(0, line["done_delta"]) for line in lines)}


@transaction.atomic
def bulletin_create(*, plan: Plan, kind: str, as_of: dt.date, by: User | None, remarks: str = "") -> Bulletin:
    if kind not in BulletinKind.values:
        raise DomainError("通报类型无效")
    if plan.status != "active":
        raise DomainError("只有执行中的方案可以督查通报")
    start, end = bulletin_period(kind, as_of)
    previous = plan.bulletins.filter(kind=kind).order_by("-period_end", "-id").first()
    serial = (plan.bulletins.filter(kind=kind, period_end__year=end.year).count()) + 1
    prefix = conf.bulletin_doc_prefix() + ("督" if kind == BulletinKind.WEEKLY else "")
    doc_number = f"{prefix}〔{end.year}〕{serial}号"
    while Bulletin.objects.filter(plan=plan, kind=kind, serial=serial).exists():
        serial += 1
        doc_number = f"{prefix}〔{end.year}〕{serial}号"
    label = f"{end.year}年{end.month}月" if kind == BulletinKind.MONTHLY else f"{start:%m月%d日}—{end:%m月%d日}"
    title = (f"关于{label}政务公开重点工作推进情况的通报" if kind == BulletinKind.MONTHLY
             else f"政务公开重点工作督查情况（{label}）")
    data = build_bulletin_data(plan=plan, start=start, end=end, previous=previous)
    return Bulletin.objects.create(plan=plan, kind=kind, serial=serial, doc_number=doc_number, title=title,
                                   period_start=start, period_end=end, data=data, remarks=remarks.strip(),
                                   created_by=by)


@transaction.atomic
def bulletin_publish(*, bulletin: Bulletin, by: User | None) -> Bulletin:
    """印发: mark published and notify every unit in it (in-app, and e-mail after commit)."""
    from .reminders import notify_bulletin

    if bulletin.status == BulletinStatus.PUBLISHED:
        raise DomainError("该通报已印发")
    bulletin.status = BulletinStatus.PUBLISHED
    bulletin.published_at = timezone.now()
    bulletin.save(update_fields=["status", "published_at"])
    notify_bulletin(bulletin=bulletin)
    return bulletin
