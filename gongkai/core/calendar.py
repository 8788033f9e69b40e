"""The working-day calendar backed by the HolidaySchedule table, and its writes.

`work_calendar()` returns a `WorkCalendar` built from the database. Each process keeps the one it
built together with the calendar's version, a token kept in the Django cache (shared by every process
in production), so a warm call costs no query. Every write of the schedule tables gives the calendar a
new version once it commits (`mark_calendar_changed`), and the next call in any process rebuilds.

`holiday_schedule_apply` writes a year and then calls every handler named in
settings.GONGKAI_CALENDAR_CHANGE_HANDLERS with the changed years, so open deadlines computed
provisionally (Mon–Fri) are recomputed and the changes can be listed to the coordinator.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils.module_loading import import_string

from .exceptions import DomainError
from .models import DayKind, HolidaySchedule, ScheduleDay
from .workdays import WorkCalendar, YearSchedule, expand_range

BUNDLED_SCHEDULES = Path(__file__).parent / "data" / "holidays.json"
CALENDAR_VERSION_KEY = "gongkai:core:calendar-version"
# (version, calendar, built outside a transaction) of this process, replaced as one tuple so that
# threads never see a torn entry.
_held: dict[str, tuple[str | None, WorkCalendar | None, bool]] = {"entry": (None, None, False)}


def work_calendar() -> WorkCalendar:
    """The official calendar: the copy this process holds while the shared version is unchanged."""
    if _changed_in_this_transaction():
        # This connection sees schedule rows it has not committed; they may still be rolled back, so
        # the calendar built from them is not kept.
        return _load()
    version = _shared_version()  # read before the tables, so a change committed meanwhile is not missed
    held_version, calendar, settled = _held["entry"]
    outside_transaction = not connection.in_atomic_block
    # A copy built inside a transaction may come from a snapshot older than the version (SQLite, or
    # PostgreSQL at REPEATABLE READ), so the first call outside one builds it again.
    if calendar is None or held_version != version or (outside_transaction and not settled):
        calendar = _load()
        _held["entry"] = (version, calendar, outside_transaction)
    return calendar


def mark_calendar_changed() -> None:
    """Record that the schedule tables were written: once the transaction commits (at once outside
    one) the calendar gets a new version and every process rebuilds its copy on its next call."""
    if not _changed_in_this_transaction():
        transaction.on_commit(_publish_new_version)


def _publish_new_version() -> None:
    cache.set(CALENDAR_VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _shared_version() -> str:
    """The calendar's version. A cache that lost it (restart, eviction) gets a new one, which makes
    every process rebuild once."""
    version = cache.get(CALENDAR_VERSION_KEY)
    if version is None:
        fresh = uuid.uuid4().hex
        cache.add(CALENDAR_VERSION_KEY, fresh, timeout=None)
        version = cache.get(CALENDAR_VERSION_KEY, fresh)
    return version


def _changed_in_this_transaction() -> bool:
    """Whether this connection's open transaction wrote the schedule tables: its publication is still
    waiting for the commit. Django drops waiting callbacks when their transaction or savepoint is
    rolled back, so after a rollback this is False again and nothing stale was kept."""
    return any(entry[1] is _publish_new_version for entry in connection.run_on_commit)


def _load() -> WorkCalendar:
    schedules: dict[int, dict] = {
        s.year: {"holidays": set(), "workdays": set(), "names": {}} for s in HolidaySchedule.objects.all()
    }
    for day in ScheduleDay.objects.select_related("schedule"):
        # setdefault: outside a transaction a year committed between the two reads brings days only
        entry = schedules.setdefault(day.schedule.year, {"holidays": set(), "workdays": set(), "names": {}})
        if day.kind == DayKind.HOLIDAY:
            entry["holidays"].add(day.date)
            entry["names"][day.date] = day.name
        else:
            entry["workdays"].add(day.date)
    return WorkCalendar(
        YearSchedule(year, frozenset(e["holidays"]), frozenset(e["workdays"]), e["names"])
        for year, e in schedules.items()
    )


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
    schedule.save()  # bumps updated_at, the date of the last change
    mark_calendar_changed()
    return schedule


def holiday_schedule_apply(**schedule_fields) -> tuple[HolidaySchedule, list[str]]:
    """Write a year's schedule, then (once committed) recompute what depends on the calendar.

    Returns the schedule and the change lines the handlers reported (e.g. FOI deadlines moved)."""
    schedule = holiday_schedule_set(**schedule_fields)
    return schedule, notify_calendar_changed([schedule.year])


def notify_calendar_changed(years: list[int]) -> list[str]:
    """Call every handler in settings.GONGKAI_CALENDAR_CHANGE_HANDLERS with the changed years.

    Also the way to announce a change written outside `holiday_schedule_set` (e.g. in the admin):
    the calendar gets a new version before the handlers read it."""
    mark_calendar_changed()
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
