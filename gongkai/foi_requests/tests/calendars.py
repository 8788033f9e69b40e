"""The 2024–2026 calendars of domain §4.3 as a pure WorkCalendar (no database)."""

import datetime as dt
import json

from gongkai.core.calendar import BUNDLED_SCHEDULES
from gongkai.core.workdays import WorkCalendar, YearSchedule, expand_range


def domain_calendar() -> WorkCalendar:
    data = json.loads(BUNDLED_SCHEDULES.read_text(encoding="utf-8"))
    schedules = []
    for year, entry in data.items():
        holidays = {}
        for name, first, last in entry["holidays"]:
            for day in expand_range(dt.date.fromisoformat(first), dt.date.fromisoformat(last)):
                holidays[day] = name
        schedules.append(YearSchedule(int(year), frozenset(holidays), frozenset(
            dt.date.fromisoformat(d) for d in entry["workdays"]), holidays))
    return WorkCalendar(schedules)
