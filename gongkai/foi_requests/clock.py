"""The reply clock as data: a start, pauses and an extension, from which the due date is derived.

Pure functions over a `WorkCalendar` (gongkai.core.workdays); no database. Every due date comes with
the reasoning in Chinese, e.g.
"期限 2025-02-21：2025-01-20 收到申请（网上申请，双方确认）+ 20个工作日；征求第三方意见暂停3个工作日 → 2025-02-26".

Rules (shared/domain/foi-and-annual-report.md):
- 条例第三十三条: reply within 20 working days of the date received; an extension of at most 20.
- 条例第三十三条第三款: time spent consulting third parties and other agencies is not counted.
- 收费办法 (§2.5, UNCONFIRMED wording): time from fee notice to payment is not counted.
- 条例第三十条: a correction (补正) restarts the clock instead of pausing it, so the caller passes the
  correction's receipt date as `start`.
- Periods exclude their first day (民法典第二百零一条, §1.12).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gongkai.core.workdays import ONE_DAY, WorkCalendar

INCLUSIVE = "inclusive"
AFTER_START = "after_start"


@dataclass(frozen=True)
class PauseSpan:
    """A stretch in which the clock stops. `end` None means still paused (counted up to `today`)."""

    label: str  # e.g. "征求第三方意见"
    start: dt.date
    end: dt.date | None = None


@dataclass(frozen=True)
class ClockStart:
    on: dt.date  # the day counting starts after (day itself not counted)
    label: str  # e.g. "2025-01-20 收到申请（网上申请，双方确认）"


@dataclass(frozen=True)
class Deadline:
    base_due: dt.date
    due: dt.date
    paused_days: int
    extension_days: int
    open_pause: PauseSpan | None
    provisional_years: tuple[int, ...]
    explanation: str
    pauses: list[tuple[PauseSpan, int]] = field(default_factory=list)  # each pause and its working days

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    @property
    def is_paused(self) -> bool:
        return self.open_pause is not None


def pause_days(calendar: WorkCalendar, span: PauseSpan, *, after: dt.date, today: dt.date,
               boundaries: str = INCLUSIVE) -> set[dt.date]:
    """The working days a pause removes from the clock (only days after the clock's start count)."""
    end = span.end or today
    first = span.start if boundaries == INCLUSIVE else span.start + ONE_DAY
    first = max(first, after + ONE_DAY)
    days: set[dt.date] = set()
    day = first
    while day <= end:
        if calendar.is_working_day(day):
            days.add(day)
        day += ONE_DAY
    return days


def compute_deadline(
    calendar: WorkCalendar, *, start: ClockStart, days: int, pauses: list[PauseSpan] = (),
    extension_days: int = 0, today: dt.date | None = None, boundaries: str = INCLUSIVE,
) -> Deadline:
    """Derive the due date: start + `days` working days + paused working days + extension."""
    today = today or start.on
    base = calendar.add_working_days(start.on, days)
    provisional = set(base.provisional_years)
    removed: set[dt.date] = set()
    per_pause: list[tuple[PauseSpan, int]] = []
    open_pause = None
    for span in sorted(pauses, key=lambda p: p.start):
        own = pause_days(calendar, span, after=start.on, today=today, boundaries=boundaries)
        per_pause.append((span, len(own - removed)))
        removed |= own
        if span.end is None:
            open_pause = span
    total = days + len(removed) + extension_days
    final = calendar.add_working_days(start.on, total)
    provisional |= set(final.provisional_years)
    parts = [f"期限 {base.value.isoformat()}：{start.label} + {days}个工作日"]
    for span, counted in per_pause:
        if span.end is None:
            parts.append(f"{span.label}自{span.start.isoformat()}起暂停中（已暂停{counted}个工作日，恢复后顺延）")
        elif counted:
            parts.append(f"{span.label}暂停{counted}个工作日（{span.start.isoformat()}至{span.end.isoformat()}）")
    if extension_days:
        parts.append(f"经工作机构负责人同意延期{extension_days}个工作日")
    text = "；".join(parts)
    if final.value != base.value:
        text += f" → {final.value.isoformat()}"
    if provisional:
        years = "、".join(str(y) for y in sorted(provisional))
        text += f"（{years}年节假日安排未录入，按周一至周五暂定）"
    return Deadline(
        base_due=base.value, due=final.value, paused_days=len(removed), extension_days=extension_days,
        open_pause=open_pause, provisional_years=tuple(sorted(provisional)), explanation=text, pauses=per_pause,
    )


def on_time(*, due: dt.date, delivery_method: str, posted_on: dt.date | None, signed_on: dt.date | None) -> bool | None:
    """国办公开办函〔2016〕235号 (§1.11): mail counts from the posting day, direct or entrusted delivery
    from the signing day; on time when that day is not after the deadline. None while unknown."""
    point = posted_on if delivery_method == "mail" else signed_on
    if point is None:
        return None
    return point <= due
