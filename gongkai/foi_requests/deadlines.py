"""Derive and store each case's deadlines from its clock data; recompute when the calendar changes.

The clock of a case is: a start (收到申请之日, or 收到补正之日 after a correction, 条例第三十条), the
pauses (consultations 条例第三十三条第三款; fee payment 收费办法) and an approved extension. The
arithmetic and its Chinese explanation live in `clock.py`; this module feeds it from the database.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.core.calendar import work_calendar
from gongkai.core.workdays import WorkCalendar

from . import conf
from .clock import ClockStart, Deadline, PauseSpan, compute_deadline
from .intake import channel_label, counting_start
from .models import (
    CLOCK_STATUSES,
    OPEN_STATUSES,
    ClockPause,
    EventKind,
    FoiEvent,
    FoiRequest,
    PauseKind,
    Status,
)


def clock_start(request: FoiRequest, calendar: WorkCalendar) -> ClockStart | None:
    started = request.clock_started_on or request.received_on
    if started is None:
        return None
    label = request.clock_start_basis or (
        f"{started.isoformat()} 收到申请（{channel_label(request.channel, confirmed=True)}）"
    )
    counted_from, note = counting_start(calendar, started, roll_forward=conf.rest_day_receipt_rolls_forward())
    if note:
        label = f"{label}，{note}"
    return ClockStart(counted_from, label)


def pause_spans(pauses, *, today: dt.date) -> list[PauseSpan]:
    """The pauses as clock spans. A consultation whose 15 working days ran out without a reply ends on
    its limit (条例第三十二条: silence → the agency decides; 第三十四条: silence = consent)."""
    spans = []
    for pause in pauses:
        if pause.kind == PauseKind.FEE and not conf.fee_pauses_clock():
            continue
        end = pause.ended_on
        if end is None and pause.kind != PauseKind.FEE and pause.limit_on and pause.limit_on < today:
            end = pause.limit_on
        label = pause.get_kind_display() + (f"（{pause.party}）" if pause.party else "")
        spans.append(PauseSpan(label, pause.started_on, end))
    return spans


def compute_for(request: FoiRequest, *, calendar: WorkCalendar | None = None, today: dt.date | None = None,
                pauses=None) -> Deadline | None:
    calendar = calendar or work_calendar()
    today = today or timezone.localdate()
    start = clock_start(request, calendar)
    if start is None:
        return None
    if pauses is None:
        pauses = list(request.pauses.all())
    return compute_deadline(
        calendar, start=start, days=conf.reply_days(), pauses=pause_spans(pauses, today=today),
        extension_days=request.extension_days, today=today, boundaries=conf.pause_boundaries(),
    )


def refresh_deadline(request: FoiRequest, *, calendar: WorkCalendar | None = None, today: dt.date | None = None,
                     save: bool = True) -> Deadline | None:
    """Recompute and store due_on / due_provisional / due_explanation (and the 补正 notice limit)."""
    calendar = calendar or work_calendar()
    deadline = compute_for(request, calendar=calendar, today=today)
    fields = ["due_on", "due_provisional", "due_explanation", "correction_notice_due_on"]
    if deadline is None:
        request.due_on, request.due_provisional, request.due_explanation = None, False, ""
        request.correction_notice_due_on = None
    else:
        request.due_on, request.due_provisional = deadline.due, deadline.provisional
        request.due_explanation = deadline.explanation
        if request.received_on and request.corrections == 0:
            request.correction_notice_due_on = calendar.add_working_days(
                request.received_on, conf.correction_notice_days()).value
    if save and request.pk:
        FoiRequest.objects.filter(pk=request.pk).update(**{f: getattr(request, f) for f in fields})
    return deadline


def open_cases():
    return FoiRequest.objects.filter(status__in=OPEN_STATUSES, concluded_on__isnull=True).select_related("unit")


@transaction.atomic
def recompute_open_cases(*, years: list[int]) -> list[str]:
    """Contract 2: called after the holiday schedule of `years` changed. Recomputes every open case's
    reply deadline (and 补正/缴费 limits) and returns one Chinese line per case whose dates moved."""
    calendar = work_calendar()
    today = timezone.localdate()
    changes: list[str] = []
    cases = open_cases().prefetch_related("pauses")
    for case in cases:
        before = (case.due_on, case.correction_due_on, case.fee_due_on, case.due_provisional)
        lines = []
        if case.status in CLOCK_STATUSES or case.clock_started_on or case.received_on:
            deadline = compute_for(case, calendar=calendar, today=today, pauses=list(case.pauses.all()))
            if deadline is not None:
                case.due_on, case.due_provisional, case.due_explanation = (
                    deadline.due, deadline.provisional, deadline.explanation)
        if case.status == Status.AWAITING_CORRECTION and case.correction_due_on:
            letter_sent = case.events.filter(kind=EventKind.CORRECTION_REQUESTED).order_by("-at").first()
            if letter_sent and letter_sent.on_date:
                case.correction_due_on = calendar.add_working_days(
                    letter_sent.on_date, conf.correction_period_days()).value
        if case.status == Status.AWAITING_FEE and case.fee_notice_received_on:
            case.fee_due_on = calendar.add_working_days(case.fee_notice_received_on, conf.fee_payment_days()).value
            ClockPause.objects.filter(request=case, kind=PauseKind.FEE, ended_on__isnull=True).update(
                limit_on=case.fee_due_on)
        after = (case.due_on, case.correction_due_on, case.fee_due_on, case.due_provisional)
        if after == before:
            continue
        name = case.case_number or f"申请#{case.pk}"
        for label, old, new in (("答复期限", before[0], after[0]), ("补正期限", before[1], after[1]),
                                ("缴费期限", before[2], after[2])):
            if old != new:
                lines.append(f"{label}由{old or '—'}改为{new or '—'}")
        if before[3] and not after[3]:
            lines.append("期限已由暂定转为确定")
        text = f"{case.unit}{name}：" + "；".join(lines or ["期限说明已更新"])
        FoiRequest.objects.filter(pk=case.pk).update(
            due_on=case.due_on, due_provisional=case.due_provisional, due_explanation=case.due_explanation,
            correction_due_on=case.correction_due_on, fee_due_on=case.fee_due_on,
        )
        FoiEvent.objects.create(
            request=case, kind=EventKind.DEADLINE_CHANGED, on_date=today, from_status=case.status,
            to_status=case.status, note=f"{'、'.join(str(y) for y in years)}年节假日安排变更：" + "；".join(lines),
        )
        changes.append(text)
    return changes
