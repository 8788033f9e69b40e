import datetime as dt

import pytest
from django.core.cache import cache
from django.core.management.sql import emit_post_migrate_signal
from django.db import transaction
from django.test import override_settings

from gongkai.core.calendar import (
    CALENDAR_VERSION_KEY,
    HolidaySpan,
    holiday_schedule_apply,
    holiday_schedule_set,
    load_package_schedules,
    work_calendar,
)
from gongkai.core.exceptions import DomainError
from gongkai.core.models import DayKind, HolidaySchedule, ScheduleDay

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


# ----------------------------------------------------------------------------- the cached calendar

SPRING_2027 = {"year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知",
               "holidays": [HolidaySpan("春节", D("2027-02-05"), D("2027-02-11"))], "workdays": [D("2027-02-13")]}


def test_a_warm_call_costs_no_query(db, django_assert_num_queries):
    work_calendar()
    with django_assert_num_queries(0):
        assert work_calendar().is_loaded(2026)


def test_a_schedule_written_in_this_transaction_is_seen_by_the_next_call(db):
    assert not work_calendar().is_loaded(2027)
    holiday_schedule_set(**SPRING_2027)
    assert work_calendar().describe(D("2027-02-08")) == "春节"


def test_a_change_committed_by_another_process_is_seen_once_it_bumps_the_shared_version(db):
    assert work_calendar().is_working_day(D("2026-03-02"))
    # Another process writes a day and, on commit, gives the calendar a new version in the shared cache.
    ScheduleDay.objects.create(schedule=HolidaySchedule.objects.get(year=2026), date=D("2026-03-02"),
                               kind=DayKind.HOLIDAY, name="测试假日")
    assert work_calendar().is_working_day(D("2026-03-02"))  # this process's copy, until the version moves
    cache.set(CALENDAR_VERSION_KEY, "set-by-another-process")
    assert work_calendar().describe(D("2026-03-02")) == "测试假日"


def test_a_lost_version_rebuilds_the_calendar(db):
    work_calendar()
    ScheduleDay.objects.create(schedule=HolidaySchedule.objects.get(year=2026), date=D("2026-03-02"),
                               kind=DayKind.HOLIDAY, name="测试假日")
    cache.delete(CALENDAR_VERSION_KEY)  # a restarted or evicting cache
    assert not work_calendar().is_working_day(D("2026-03-02"))


def test_a_rolled_back_schedule_is_not_kept(db):
    work_calendar()
    with pytest.raises(RuntimeError), transaction.atomic():
        holiday_schedule_set(**SPRING_2027)
        assert work_calendar().is_loaded(2027)  # this connection sees its own uncommitted rows
        raise RuntimeError
    assert not work_calendar().is_loaded(2027)


def test_migrate_and_flush_give_the_calendar_a_new_version(db, django_capture_on_commit_callbacks):
    work_calendar()
    before = cache.get(CALENDAR_VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert cache.get(CALENDAR_VERSION_KEY) != before


@override_settings(GONGKAI_CALENDAR_CHANGE_HANDLERS=["gongkai.core.tests.test_calendar.record_change"])
def test_a_year_added_in_the_admin_is_seen_and_announced(admin_client):
    CALLS.clear()
    assert not work_calendar().is_loaded(2027)
    response = admin_client.post("/admin/core/holidayschedule/add/", {
        "year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知", "notes": "",
        "days-TOTAL_FORMS": 1, "days-INITIAL_FORMS": 0, "days-MIN_NUM_FORMS": 0, "days-MAX_NUM_FORMS": 1000,
        "days-0-date": "2027-02-08", "days-0-kind": "holiday", "days-0-name": "春节",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert work_calendar().describe(D("2027-02-08")) == "春节"
    assert CALLS == [[2027]]


def test_a_committed_schedule_is_published_then_served_warm(transactional_db, django_assert_num_queries):
    assert not work_calendar().is_loaded(2027)
    holiday_schedule_set(**SPRING_2027)  # commits: the calendar gets a new version
    with transaction.atomic():
        assert work_calendar().is_loaded(2027)
    # A copy built inside a transaction may rest on an old snapshot: the first call outside one rebuilds.
    with django_assert_num_queries(2):
        work_calendar()
    with django_assert_num_queries(0):
        assert work_calendar().describe(D("2027-02-08")) == "春节"
