"""The working-day calendar backed by the HolidaySchedule table, and its writes.

`work_calendar()` returns a `WorkCalendar` built from the database and cached per process until the
table changes. `holiday_schedule_apply` writes a year and then calls every handler named in
settings.GONGKAI_CALENDAR_CHANGE_HANDLERS with the changed years, so open deadlines computed
provisionally (Mon–Fri) are recomputed and the changes can be listed to the coordinator.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max
from django.utils.module_loading import import_string

from .exceptions import DomainError
from .models import DayKind, HolidaySchedule, ScheduleDay
from .workdays import WorkCalendar, YearSchedule, expand_range

BUNDLED_SCHEDULES = Path(__file__).parent / "data" / "holidays.json"
_cache: dict = {"stamp": None, "calendar": None}


def _stamp():
    return tuple(HolidaySchedule.objects.aggregate(Max("updated_at"), Count("id")).values()) + (
        ScheduleDay.objects.count(),
    )


def work_calendar() -> WorkCalendar:
    stamp = _stamp()
    if _cache["stamp"] != stamp:
        schedules: dict[int, dict] = {
            s.year: {"holidays": set(), "workdays": set(), "names": {}} for s in HolidaySchedule.objects.all()
        }
        for day in ScheduleDay.objects.select_related("schedule"):
            entry = schedules[day.schedule.year]
            if day.kind == DayKind.HOLIDAY:
                entry["holidays"].add(day.date)
                entry["names"][day.date] = day.name
            else:
                entry["workdays"].add(day.date)
        _cache["calendar"] = WorkCalendar(
            YearSchedule(year, frozenset(e["holidays"]), frozenset(e["workdays"]), e["names"])
            for year, e in schedules.items()
        )
        _cache["stamp"] = stamp
    return _cache["calendar"]


@dataclass(frozen=True)
class HolidaySpan:
    name: str
    first: dt.date
    last: dt.date


@transaction.atomic
def holiday_schedule_set(
    *, year: int, holidays: list[HolidaySpan], workdays: list[dt.date], source: str,
    published_on: dt.date | None = None, notes: str = "",
) -> HolidaySchedule:
    """Replace one year's schedule after validating it; the whole year is written or nothing."""
    errors = []
    days: list[ScheduleDay] = []
    seen: set[dt.date] = set()
    for span in holidays:
        if span.last < span.first:
            errors.append(f"{span.name}的结束日期早于开始日期")
        for day in expand_range(span.first, span.last):
            if day.year != year:
                errors.append(f"{span.name}的日期{day}不在{year}年内")
            if day in seen:
                errors.append(f"{day}重复出现")
            seen.add(day)
            days.append(ScheduleDay(date=day, kind=DayKind.HOLIDAY, name=span.name))
    for day in workdays:
        if day.year != year:
            errors.append(f"调休上班日{day}不在{year}年内")
        if day.weekday() < 5:
            errors.append(f"调休上班日{day}不是周末，无需登记")
        if day in seen:
            errors.append(f"{day}同时被登记为放假和上班")
        seen.add(day)
        days.append(ScheduleDay(date=day, kind=DayKind.WORKDAY))
    if not source.strip():
        errors.append("请填写依据文件（国务院办公厅通知）")
    if errors:
        raise DomainError("；".join(errors))
    schedule, _ = HolidaySchedule.objects.update_or_create(
        year=year, defaults={"source": source.strip(), "published_on": published_on, "notes": notes}
    )
    schedule.days.all().delete()
    for day in days:
        day.schedule = schedule
        day.save()
    schedule.save()  # bumps updated_at so cached calendars are rebuilt
    return schedule


def holiday_schedule_apply(**schedule_fields) -> tuple[HolidaySchedule, list[str]]:
    """Write a year's schedule, then (once committed) recompute what depends on the calendar.

    Returns the schedule and the change lines the handlers reported (e.g. FOI deadlines moved)."""
    schedule = holiday_schedule_set(**schedule_fields)
    return schedule, notify_calendar_changed([schedule.year])


def notify_calendar_changed(years: list[int]) -> list[str]:
    """Call every handler in settings.GONGKAI_CALENDAR_CHANGE_HANDLERS with the changed years."""
    changes: list[str] = []
    for path in getattr(settings, "GONGKAI_CALENDAR_CHANGE_HANDLERS", []):
        changes.extend(import_string(path)(years=years) or [])
    return changes


def load_bundled_schedules(*, years: list[int] | None = None, notify: bool = True) -> list[int]:
    """Load the schedules shipped in core/data/holidays.json (2024–2026 from the domain tables)."""
    data = json.loads(BUNDLED_SCHEDULES.read_text(encoding="utf-8"))
    loaded = []
    for year_text, entry in sorted(data.items()):
        year = int(year_text)
        if years and year not in years:
            continue
        (holiday_schedule_apply if notify else holiday_schedule_set)(
            year=year,
            holidays=[HolidaySpan(n, dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for n, a, b in entry["holidays"]],
            workdays=[dt.date.fromisoformat(d) for d in entry["workdays"]],
            source=entry["source"],
            published_on=dt.date.fromisoformat(entry["published_on"]) if entry.get("published_on") else None,
        )
        loaded.append(year)
    return loaded


# chinese-calendar names holidays in English.
PACKAGE_HOLIDAY_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def load_package_schedules(first_year: int, last_year: int) -> list[int]:
    """Load earlier years from the `chinese-calendar` package (it covers 2004–2026)."""
    import chinese_calendar

    loaded = []
    for year in range(first_year, last_year + 1):
        spans: list[HolidaySpan] = []
        workdays: list[dt.date] = []
        for day in expand_range(dt.date(year, 1, 1), dt.date(year, 12, 31)):
            try:
                on_holiday, name = chinese_calendar.get_holiday_detail(day)
            except NotImplementedError:
                raise DomainError(f"chinese-calendar 没有{year}年的数据")
            is_workday = chinese_calendar.is_workday(day)
            if on_holiday and name and not is_workday:
                label = PACKAGE_HOLIDAY_NAMES.get(name, name)
                if spans and spans[-1].name == label and spans[-1].last == day - dt.timedelta(days=1):
                    spans[-1] = HolidaySpan(label, spans[-1].first, day)
                else:
                    spans.append(HolidaySpan(label, day, day))
            elif is_workday and day.weekday() >= 5:
                workdays.append(day)
        holiday_schedule_apply(
            year=year, holidays=spans, workdays=workdays, source=f"chinese-calendar {chinese_calendar.__version__}（{year}年）"
        )
        loaded.append(year)
    return loaded
