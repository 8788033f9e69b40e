import datetime as dt

import pytest
from django.test import override_settings

from gongkai.core.calendar import (
    HolidaySpan,
    holiday_schedule_apply,
    holiday_schedule_set,
    load_package_schedules,
    work_calendar,
)
from gongkai.core.exceptions import DomainError
from gongkai.core.models import HolidaySchedule

D = dt.date.fromisoformat
CALLS: list = []


def record_change(*, years):
    CALLS.append(years)
    return [f"{y}年已重算" for y in years]


@override_settings(GONGKAI_CALENDAR_CHANGE_HANDLERS=["gongkai.core.tests.test_calendar.record_change"])
def test_loading_a_year_makes_its_dates_final_and_notifies_handlers(db):
    CALLS.clear()
    assert work_calendar().add_working_days(D("2027-02-03"), 5).provisional
    _, changes = holiday_schedule_apply(
        year=2027, source="国务院办公厅关于2027年部分节假日安排的通知",
        holidays=[HolidaySpan("春节", D("2027-02-05"), D("2027-02-11"))], workdays=[D("2027-02-13")],
    )
    assert changes == ["2027年已重算"]
    result = work_calendar().add_working_days(D("2027-02-03"), 5)
    # 02-04 Thu, then the holiday, then 02-12 Fri, 02-13 Sat (调休), 02-15 Mon, 02-16 Tue
    assert result.value == D("2027-02-16")
    assert not result.provisional
    assert CALLS == [[2027]]


@pytest.mark.parametrize(
    ("holidays", "workdays", "message"),
    [
        ([HolidaySpan("春节", D("2027-02-11"), D("2027-02-05"))], [], "结束日期早于开始日期"),
        ([HolidaySpan("元旦", D("2026-12-31"), D("2027-01-01"))], [], "不在2027年内"),
        ([HolidaySpan("春节", D("2027-02-05"), D("2027-02-06"))], [D("2027-02-08")], "不是周末"),
        ([HolidaySpan("春节", D("2027-02-05"), D("2027-02-07"))], [D("2027-02-06")], "同时被登记"),
    ],
)
def test_invalid_schedules_are_refused_whole(db, holidays, workdays, message):
    with pytest.raises(DomainError, match=message):
        holiday_schedule_set(year=2027, holidays=holidays, workdays=workdays, source="通知")
    assert not HolidaySchedule.objects.filter(year=2027).exists()


def test_bundled_years_are_loaded_by_migration(db):
    assert work_calendar().loaded_years == [2024, 2025, 2026]


@override_settings(GONGKAI_CALENDAR_CHANGE_HANDLERS=[])
def test_earlier_years_come_from_the_chinese_calendar_package(db):
    load_package_schedules(2023, 2023)
    calendar = work_calendar()
    assert calendar.is_loaded(2023)
    assert not calendar.is_working_day(D("2023-01-23"))  # 春节 Monday
    assert calendar.is_working_day(D("2023-01-28"))  # 调休 Saturday


@override_settings(GONGKAI_CALENDAR_CHANGE_HANDLERS=[])
def test_coordinator_enters_a_year_through_the_form(client, directory):
    client.force_login(directory.user("gkb"))
    response = client.post("/staff/calendar/edit/", {
        "year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知",
        "holidays": "元旦 2027-01-01 2027-01-03\n春节 2027-02-05 至 2027-02-11", "workdays": "2027-02-13",
    })
    assert response.status_code == 302
    assert work_calendar().is_loaded(2027)
    assert work_calendar().describe(D("2027-02-08")) == "春节"


@override_settings(GONGKAI_CALENDAR_CHANGE_HANDLERS=[])
def test_import_file_with_one_bad_year_writes_nothing(client, directory):
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    payload = {
        "2027": {"source": "通知", "holidays": [["春节", "2027-02-05", "2027-02-11"]], "workdays": []},
        "2028": {"source": "通知", "holidays": [["春节", "2028-01-30", "2028-01-29"]], "workdays": []},
    }
    client.force_login(directory.user("gkb"))
    upload = SimpleUploadedFile("h.json", json.dumps(payload, ensure_ascii=False).encode())
    response = client.post("/staff/calendar/import/", {"file": upload})
    assert "结束日期早于开始日期" in response.content.decode()
    assert not HolidaySchedule.objects.filter(year__in=[2027, 2028]).exists()


def test_only_coordinators_edit_the_calendar(client, directory):
    client.force_login(directory.user("fgj"))
    assert client.get("/staff/calendar/edit/").status_code == 403
    assert client.get("/staff/calendar/").status_code == 200
