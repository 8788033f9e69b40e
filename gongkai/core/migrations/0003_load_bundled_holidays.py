"""Load the 2024–2026 holiday/调休 schedules shipped in core/data/holidays.json."""

import datetime as dt
import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "holidays.json"


def load(apps, schema_editor):
    Schedule = apps.get_model("core", "HolidaySchedule")
    Day = apps.get_model("core", "ScheduleDay")
    for year_text, entry in json.loads(DATA.read_text(encoding="utf-8")).items():
        if Schedule.objects.filter(year=int(year_text)).exists():
            continue
        schedule = Schedule.objects.create(
            year=int(year_text), source=entry["source"], published_on=dt.date.fromisoformat(entry["published_on"])
        )
        for name, first, last in entry["holidays"]:
            day, last_day = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
            while day <= last_day:
                Day.objects.create(schedule=schedule, date=day, kind="holiday", name=name)
                day += dt.timedelta(days=1)
        for text in entry["workdays"]:
            Day.objects.create(schedule=schedule, date=dt.date.fromisoformat(text), kind="workday")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
