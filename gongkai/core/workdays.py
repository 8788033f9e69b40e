"""Working-day (工作日) arithmetic: pure functions over a per-year holiday/调休 table.

A working day is any Monday–Friday that is not a published holiday, plus every weekend day that the
annual 国务院办公厅 notice marks 上班 (调休). Periods exclude their first day (民法典第二百零一条):
2025-01-20 + 20 working days = 2025-02-21. See shared/domain/foi-and-annual-report.md §1.12 and §4.

For a year with no loaded schedule we never guess silently: such years fall back to Monday–Friday
and every result that touched them is marked provisional, so callers can show a warning and
recompute once the schedule is loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

ONE_DAY = dt.timedelta(days=1)
SATURDAY = 5


@dataclass(frozen=True)
class YearSchedule:
    """The official schedule of one year: holidays (放假) and make-up workdays (调休上班)."""

    year: int
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    workdays: frozenset[dt.date] = field(default_factory=frozenset)
    holiday_names: Mapping[dt.date, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class WorkdayResult:
    value: dt.date | int
    provisional_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)


class WorkCalendar:
    def __init__(self, schedules: Iterable[YearSchedule] = ()):
        self._schedules = {s.year: s for s in schedules}

    @property
    def loaded_years(self) -> list[int]:
        return sorted(self._schedules)

    def is_loaded(self, year: int) -> bool:
        return year in self._schedules

    def schedule(self, year: int) -> YearSchedule | None:
        return self._schedules.get(year)

    def is_working_day(self, day: dt.date) -> bool:
        schedule = self._schedules.get(day.year)
        if schedule is not None:
            if day in schedule.workdays:
                return True
            if day in schedule.holidays:
                return False
        return day.weekday() < SATURDAY

    def describe(self, day: dt.date) -> str:
        """A short Chinese label for a day: 工作日 / 周末 / 节假日名 / 调休上班."""
        schedule = self._schedules.get(day.year)
        if schedule is not None:
            if day in schedule.workdays:
                return "调休上班"
            if day in schedule.holidays:
                return schedule.holiday_names.get(day, "节假日")
        return "工作日" if day.weekday() < SATURDAY else "周末"

    def add_working_days(self, start: dt.date, n: int) -> WorkdayResult:
        """The n-th working day after `start` (start itself not counted). n = 0 returns start."""
        if n < 0:
            raise ValueError("n must not be negative")
        day, counted, touched = start, 0, set()
        while counted < n:
            day += ONE_DAY
            touched.add(day.year)
            if self.is_working_day(day):
                counted += 1
        return WorkdayResult(day, self._provisional(touched))

    def working_days_between(self, first: dt.date, last: dt.date) -> WorkdayResult:
        """Count working days d with first < d <= last (negative when last < first)."""
        sign = 1
        if last < first:
            first, last, sign = last, first, -1
        count, day, touched = 0, first, set()
        while day < last:
            day += ONE_DAY
            touched.add(day.year)
            if self.is_working_day(day):
                count += 1
        return WorkdayResult(sign * count, self._provisional(touched))

    def _provisional(self, years: Iterable[int]) -> tuple[int, ...]:
        return tuple(sorted(y for y in set(years) if y not in self._schedules))


def expand_range(first: dt.date, last: dt.date) -> list[dt.date]:
    days, day = [], first
    while day <= last:
        days.append(day)
        day += ONE_DAY
    return days
