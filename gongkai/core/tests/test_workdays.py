"""Working-day arithmetic against the worked examples of shared/domain/foi-and-annual-report.md §1.12."""

import datetime as dt
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from gongkai.core.calendar import work_calendar
from gongkai.core.workdays import WorkCalendar

D = dt.date.fromisoformat

# (start, n, expected deadline) — every row of the §1.12 table, computed by hand from §4.3.
WORKED_EXAMPLES = [
    ("2025-01-20", 7, "2025-02-05"),  # 1/26 Sun is a 调休 workday; 1/28–2/4 holiday
    ("2025-01-20", 20, "2025-02-21"),  # 2/8 Sat is a 调休 workday
    ("2025-09-22", 20, "2025-10-24"),  # 9/28 Sun and 10/11 Sat are workdays; 10/1–10/8 holiday
    ("2025-09-22", 40, "2025-11-21"),  # with a 20-day extension
    ("2025-04-30", 20, "2025-06-03"),  # 5/1–5/5 and 5/31–6/2 holidays
    ("2025-12-24", 20, "2026-01-22"),  # crosses the year: 2026-01-01..03 holiday, 01-04 Sun workday
    ("2026-02-10", 7, "2026-02-26"),  # 2/14 Sat workday; 2/15–2/23 holiday
    ("2026-02-10", 20, "2026-03-16"),  # 2/28 Sat workday
    ("2025-02-08", 20, "2025-03-07"),  # received on a 调休 Saturday
]


@pytest.mark.parametrize(("start", "n", "expected"), WORKED_EXAMPLES)
def test_statutory_worked_examples(db, start, n, expected):
    result = work_calendar().add_working_days(D(start), n)
    assert result.value == D(expected)
    assert not result.provisional


@pytest.mark.parametrize(("year", "count"), [(2024, 251), (2025, 248), (2026, 248)])
def test_working_days_per_year_match_the_domain_tables(db, year, count):
    result = work_calendar().working_days_between(D(f"{year - 1}-12-31"), D(f"{year}-12-31"))
    assert result.value == count


def test_start_day_is_not_counted_and_zero_days_is_the_start(db):
    calendar = work_calendar()
    assert calendar.add_working_days(D("2025-01-20"), 1).value == D("2025-01-21")
    assert calendar.add_working_days(D("2025-01-20"), 0).value == D("2025-01-20")


def test_between_excludes_first_and_includes_last(db):
    calendar = work_calendar()
    assert calendar.working_days_between(D("2025-01-20"), D("2025-02-21")).value == 20
    assert calendar.working_days_between(D("2025-01-20"), D("2025-01-20")).value == 0
    assert calendar.working_days_between(D("2025-02-21"), D("2025-01-20")).value == -20


def test_holidays_and_tiaoxiu_days_are_classified(db):
    calendar = work_calendar()
    assert not calendar.is_working_day(D("2025-10-06"))  # Monday in 国庆节中秋节
    assert calendar.is_working_day(D("2025-10-11"))  # Saturday 调休上班
    assert not calendar.is_working_day(D("2025-10-12"))  # ordinary Sunday
    assert calendar.describe(D("2025-10-11")) == "调休上班"
    assert calendar.describe(D("2025-10-06")) == "国庆节、中秋节"


def test_year_without_schedule_falls_back_to_weekdays_and_is_provisional(db):
    result = work_calendar().add_working_days(D("2026-12-28"), 5)
    # 12-29, 12-30, 12-31 (2026, loaded) then 2027-01-01 Fri, 2027-01-04 Mon on a Mon–Fri guess.
    assert result.value == D("2027-01-04")
    assert result.provisional_years == (2027,)


def test_pure_calendar_without_any_schedule_counts_weekdays():
    calendar = WorkCalendar()
    assert calendar.add_working_days(D("2025-01-20"), 20).value == D("2025-02-17")


def test_negative_n_is_refused():
    with pytest.raises(ValueError):
        WorkCalendar().add_working_days(D("2025-01-20"), -1)


def test_cli_add_prints_iso_date(db, capsys):
    call_command("workdays", "add", "2025-01-20", "20")
    assert capsys.readouterr().out.strip() == "2025-02-21"
    call_command("workdays", "add", "2026-02-10", "7")
    assert capsys.readouterr().out.strip() == "2026-02-26"


def test_cli_between_prints_count(db, capsys):
    call_command("workdays", "between", "2025-01-20", "2025-02-21")
    assert capsys.readouterr().out.strip() == "20"


@pytest.mark.parametrize("args", [["add", "2025-13-01", "3"], ["add", "2025-01-20", "x"], ["add", "2025-01-20", "-2"]])
def test_cli_bad_input_is_an_error(db, args):
    with pytest.raises(CommandError):
        call_command("workdays", *args)


def test_console_script_bad_input_exits_non_zero_with_one_line(tmp_path):
    env_db = {"GONGKAI_VAR_DIR": str(tmp_path)}
    import os

    proc = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "workdays", "add", "2025-02-30", "1"],
        capture_output=True, text=True, env={**os.environ, **env_db},
    )
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
