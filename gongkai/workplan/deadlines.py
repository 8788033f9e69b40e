"""Deadlines and periods of ledger tasks: pure functions with the date passed in.

- A task with a deadline is 即将到期 (due soon) within `conf.due_soon_days()` days before it; when the
  plan states the limit in 工作日, the window is counted in working days of the official calendar.
  `due_soon_until` gives the last such deadline, so the label and the list filter count alike.
- 逾期 (overdue): the deadline has passed and the assignment is neither done nor 不适用.
- A recurring duty (每月至少更新2条) is split into periods; each period needs `recurrence_min_count`
  (default 1) progress reports dated inside it.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass

from . import conf
from .models import Recurrence, Task


@dataclass(frozen=True)
class Period:
    key: str
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        if "-W" in self.key:
            return f"{self.start:%Y年%m月%d日}—{self.end:%m月%d日}（第{int(self.key.split('W')[1])}周）"
        if "-Q" in self.key:
            return f"{self.start.year}年第{self.key[-1]}季度"
        if len(self.key) == 7:
            return f"{self.start.year}年{self.start.month}月"
        return f"{self.key}年"


def period_of(recurrence: str, day: dt.date) -> Period:
    if recurrence == Recurrence.WEEKLY:
        year, week, _ = day.isocalendar()
        start = day - dt.timedelta(days=day.weekday())
        return Period(f"{year}-W{week:02d}", start, start + dt.timedelta(days=6))
    if recurrence == Recurrence.MONTHLY:
        last = _calendar.monthrange(day.year, day.month)[1]
        return Period(f"{day:%Y-%m}", day.replace(day=1), day.replace(day=last))
    if recurrence == Recurrence.QUARTERLY:
        q = (day.month - 1) // 3 + 1
        start = dt.date(day.year, 3 * q - 2, 1)
        end_month = 3 * q
        return Period(f"{day.year}-Q{q}", start, dt.date(day.year, end_month, _calendar.monthrange(day.year, end_month)[1]))
    return Period(str(day.year), dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))


def periods_between(recurrence: str, first: dt.date, last: dt.date) -> list[Period]:
    """Every period of the recurrence that overlaps [first, last], in order."""
    periods: list[Period] = []
    day = first
    while day <= last:
        period = period_of(recurrence, day)
        periods.append(period)
        day = period.end + dt.timedelta(days=1)
    return periods


def days_left(deadline: dt.date, today: dt.date, *, working_days: bool, calendar=None) -> int:
    """Days until the deadline (negative once past), in working days when the plan says 工作日."""
    if working_days and calendar is not None:
        return calendar.working_days_between(today, deadline).value
    return (deadline - today).days


def due_soon_until(today: dt.date, *, window: int, working_days: bool = False, calendar=None) -> dt.date:
    """The last deadline that is 即将到期 on `today`: at most `window` days left, counted in working days
    when the plan says 工作日 — up to the day before the (window + 1)-th working day, since the rest days
    after the window's last working day leave no more working days than it."""
    if working_days and calendar is not None:
        return calendar.add_working_days(today, window + 1).value - dt.timedelta(days=1)
    return today + dt.timedelta(days=window)


def due_state(deadline: dt.date | None, today: dt.date, *, is_open: bool, working_days: bool = False,
              calendar=None, window: int = 7) -> str:
    """'' (no deadline or closed), 'ok', 'due_soon' or 'overdue'."""
    if deadline is None or not is_open:
        return ""
    if deadline < today:
        return "overdue"
    if deadline <= due_soon_until(today, window=window, working_days=working_days, calendar=calendar):
        return "due_soon"
    return "ok"


def task_due_state(task: Task, today: dt.date, *, is_open: bool, calendar) -> str:
    """`due_state` of a ledger task: its deadline, counted as its plan counts, with the configured window."""
    return due_state(task.deadline, today, is_open=is_open, working_days=task.deadline_in_working_days,
                     calendar=calendar, window=conf.due_soon_days())


DUE_LABELS = {"ok": "", "due_soon": "即将到期", "overdue": "已逾期", "": ""}
