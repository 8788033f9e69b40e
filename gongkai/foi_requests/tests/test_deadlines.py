import datetime as dt

import pytest

from gongkai.core.calendar import HolidaySpan, holiday_schedule_set
from gongkai.foi_requests.deadlines import recompute_open_cases, refresh_deadline
from gongkai.foi_requests.models import EventKind, FoiRequest
from gongkai.foi_requests.outcomes import ApplicantCategory, ReplyOutcome

D = dt.date


@pytest.fixture
def mzj(directory):
    return directory.unit("市民政局")


def test_a_deadline_running_into_an_unloaded_year_is_provisional_and_recomputed_when_the_year_is_loaded(mzj):
    # 2026-12-21 (Mon) + 20 working days, Mon–Fri only in 2027: Dec 22–25 (4), 28–31 (8), 2027-01-01 (9),
    # Jan 4–8 (14), 11–15 (19), 18 (20) → 2027-01-18, provisional.
    case = FoiRequest.objects.create(unit=mzj, applicant_category=ApplicantCategory.NATURAL_PERSON,
                                     received_on=D(2026, 12, 21), outcome="", concluded_on=None)
    refresh_deadline(case, today=D(2026, 12, 21))
    case.refresh_from_db()
    assert case.due_on == D(2027, 1, 18)
    assert case.due_provisional
    assert "暂定" in case.due_explanation

    holiday_schedule_set(year=2027, holidays=[HolidaySpan("元旦", D(2027, 1, 1), D(2027, 1, 1))], workdays=[],
                         source="测试通知")
    changes = recompute_open_cases(years=[2027])

    case.refresh_from_db()
    assert case.due_on == D(2027, 1, 19)  # 01-01 is now a holiday: one more working day
    assert not case.due_provisional
    assert len(changes) == 1
    assert "答复期限由2027-01-18改为2027-01-19" in changes[0]
    assert case.events.filter(kind=EventKind.DEADLINE_CHANGED).count() == 1


def test_concluded_cases_and_unchanged_cases_produce_no_change_lines(mzj):
    FoiRequest.objects.create(unit=mzj, applicant_category=ApplicantCategory.COMMERCIAL, received_on=D(2026, 12, 21),
                              outcome=ReplyOutcome.GRANTED, concluded_on=D(2027, 1, 5))
    open_case = FoiRequest.objects.create(unit=mzj, received_on=D(2025, 1, 20))
    refresh_deadline(open_case)
    assert recompute_open_cases(years=[2025]) == []
    open_case.refresh_from_db()
    assert open_case.due_on == D(2025, 2, 21)
