"""Reads of FOI cases used by views, the API, dashboards and other apps."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.core.calendar import work_calendar
from gongkai.organisations.models import Role
from gongkai.organisations.selectors import scope_queryset

from . import conf
from .models import CLOCK_STATUSES, OPEN_STATUSES, FoiRequest, Status
from .outcomes import ReplyOutcome
from .triage import applicant_key


def visible_requests(user) -> QuerySet[FoiRequest]:
    """Cases a staff member may see: the agency's subtree scope, plus cases assigned to the user's unit."""
    base = FoiRequest.objects.select_related("unit", "handling_unit", "handler")
    if not user.is_authenticated:
        return base.none()
    if user.is_superuser:
        return base
    scoped = scope_queryset(FoiRequest.objects.all(), user, "unit").values("pk")
    return base.filter(Q(pk__in=scoped) | Q(handling_unit=user.unit_id) if user.unit_id else Q(pk__in=scoped))


def same_applicant(request: FoiRequest) -> Q:
    if request.id_number.strip():
        return Q(id_number__iexact=request.id_number.strip())
    if request.applicant_name.strip():
        return Q(applicant_name=request.applicant_name.strip())
    return Q(pk=None)


def monthly_position(request: FoiRequest) -> int:
    """收费办法 按件: the applicant's position among their applications to this agency in the calendar
    month of the date received (order of 收到申请之日, then registration; UNCONFIRMED, §2.3)."""
    if not request.received_on or not applicant_key(request.applicant_name, request.id_number):
        return 1
    month = request.received_on.replace(day=1)
    qs = FoiRequest.objects.filter(same_applicant(request), unit=request.unit, received_on__gte=month,
                                   received_on__year=month.year, received_on__month=month.month)
    if not conf.by_item_counts_not_processed():
        qs = qs.exclude(outcome__startswith="np_")
    earlier = qs.filter(Q(received_on__lt=request.received_on) | Q(received_on=request.received_on, pk__lt=request.pk))
    return earlier.exclude(pk=request.pk).count() + 1


def earlier_cases_of_applicant(request: FoiRequest, limit: int = 50) -> list[FoiRequest]:
    if not applicant_key(request.applicant_name, request.id_number):
        return []
    return list(FoiRequest.objects.filter(same_applicant(request), unit=request.unit).exclude(pk=request.pk)
                .only("pk", "case_number", "title", "description").order_by("-pk")[:limit])


def due_soon_and_overdue(qs: QuerySet[FoiRequest], *, today: dt.date | None = None):
    """(due_soon, overdue) querysets of running clocks; paused cases (待缴费) are not counted."""
    today = today or timezone.localdate()
    soon_limit = work_calendar().add_working_days(today, conf.due_soon_days()).value
    running = qs.filter(status__in=CLOCK_STATUSES - {Status.AWAITING_FEE}, due_on__isnull=False)
    return running.filter(due_on__gte=today, due_on__lte=soon_limit), running.filter(due_on__lt=today)


def queue_counts_by_unit(user, *, today: dt.date | None = None) -> list[dict]:
    qs = visible_requests(user)
    soon, overdue = due_soon_and_overdue(qs, today=today)
    rows: dict[int, dict] = {}
    for label, subset in (("open", qs.filter(status__in=OPEN_STATUSES)), ("soon", soon), ("overdue", overdue)):
        for case in subset.values("unit_id", "unit__name", "unit__short_name"):
            row = rows.setdefault(case["unit_id"], {"unit": case["unit__short_name"] or case["unit__name"],
                                                    "unit_id": case["unit_id"], "open": 0, "soon": 0, "overdue": 0})
            row[label] += 1
    return sorted(rows.values(), key=lambda r: (-r["overdue"], -r["soon"], r["unit"]))


def outcome_counts(*, unit, year: int) -> dict[str, int]:
    """Concluded cases of the year by table 三 row (for checks and the annual report's preview)."""
    counts = dict.fromkeys(ReplyOutcome.values, 0)
    for outcome in FoiRequest.objects.filter(unit=unit, concluded_on__year=year).exclude(outcome="").values_list(
            "outcome", flat=True):
        counts[outcome] += 1
    return counts


def can_handle(user, request: FoiRequest) -> bool:
    if user.is_superuser:
        return True
    if not user.has_role(Role.COORDINATOR, Role.LIAISON, Role.HANDLER, Role.REVIEWER):
        return False
    return visible_requests(user).filter(pk=request.pk).exists()
