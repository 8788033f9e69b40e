"""The 3-working-day interpretation check, with the 2025 holiday schedule (国庆节、中秋节 1–8 October,
调休上班 Sunday 28 September and Saturday 11 October) written out by hand."""

import datetime as dt

import pytest

from gongkai.core.workdays import WorkCalendar, YearSchedule, expand_range
from gongkai.policies.timing import interpretation_timing

D = dt.date
CAL_2025 = WorkCalendar([YearSchedule(
    2025, holidays=frozenset(expand_range(D(2025, 10, 1), D(2025, 10, 8))),
    workdays=frozenset({D(2025, 9, 28), D(2025, 10, 11)}),
)])


def timing(doc_on, interp_on, today=None):
    return interpretation_timing(document_published_on=doc_on, interpretation_published_on=interp_on,
                                 calendar=CAL_2025, today=today or interp_on or doc_on)


def test_ordinary_week_thursday_document_is_due_the_next_tuesday():
    # Thu 6 Mar → Fri 7 (1), Mon 10 (2), Tue 11 (3)
    assert timing(D(2025, 3, 6), D(2025, 3, 11)).due_on == D(2025, 3, 11)
    assert timing(D(2025, 3, 6), D(2025, 3, 11)).on_time is True
    late = timing(D(2025, 3, 6), D(2025, 3, 12))
    assert (late.on_time, late.working_days_late) == (False, 1)


def test_make_up_sunday_counts_as_a_working_day():
    # Fri 26 Sep → Sun 28 (调休上班, 1), Mon 29 (2), Tue 30 (3)
    assert timing(D(2025, 9, 26), D(2025, 9, 30)).due_on == D(2025, 9, 30)


def test_national_day_holiday_pushes_the_due_day_to_the_make_up_saturday():
    # Tue 30 Sep → 1–8 Oct holiday, Thu 9 (1), Fri 10 (2), Sat 11 (调休上班, 3)
    result = timing(D(2025, 9, 30), D(2025, 10, 11))
    assert (result.due_on, result.on_time) == (D(2025, 10, 11), True)


def test_interpretation_after_the_holiday_is_late_by_working_days_not_calendar_days():
    # due Tue 30 Sep; published Thu 9 Oct: eight holidays in between, but only 1 working day late
    result = timing(D(2025, 9, 26), D(2025, 10, 9))
    assert (result.on_time, result.working_days_late) == (False, 1)


def test_same_day_interpretation_is_on_time():
    assert timing(D(2025, 3, 6), D(2025, 3, 6)).on_time is True


def test_missing_interpretation_is_undecided_until_the_due_day_passes():
    pending = timing(D(2025, 3, 6), None, today=D(2025, 3, 11))
    assert (pending.on_time, pending.published_on) == (None, None)
    overdue = timing(D(2025, 3, 6), None, today=D(2025, 3, 13))
    assert (overdue.on_time, overdue.working_days_late) == (False, 2)


def test_year_without_a_schedule_is_marked_provisional():
    result = interpretation_timing(document_published_on=D(2027, 3, 4), interpretation_published_on=D(2027, 3, 9),
                                   calendar=CAL_2025, today=D(2027, 3, 9))
    assert result.provisional


@pytest.mark.parametrize("days, due", [(3, D(2025, 3, 11)), (5, D(2025, 3, 13))])
def test_the_number_of_working_days_is_configurable(settings, days, due):
    settings.GONGKAI_POLICIES_INTERPRETATION_WORKING_DAYS = days
    assert timing(D(2025, 3, 6), D(2025, 3, 6)).due_on == due
