"""The worked examples of domain §1.12 and the clock's pauses and extension, computed by hand."""

import datetime as dt

import pytest

from gongkai.foi_requests.clock import AFTER_START, ClockStart, PauseSpan, compute_deadline, on_time
from gongkai.foi_requests.intake import Channel, counting_start, date_received

from .calendars import domain_calendar

D = dt.date
CAL = domain_calendar()


@pytest.mark.parametrize(("start", "n", "deadline"), [
    (D(2025, 1, 20), 7, D(2025, 2, 5)),  # 1/26 Sun 调休 workday; 1/28–2/4 holiday
    (D(2025, 1, 20), 20, D(2025, 2, 21)),  # 2/8 Sat 调休 workday
    (D(2025, 9, 22), 20, D(2025, 10, 24)),  # 9/28, 10/11 workdays; 10/1–10/8 holiday
    (D(2025, 9, 22), 40, D(2025, 11, 21)),  # with a 20-day extension
    (D(2025, 4, 30), 20, D(2025, 6, 3)),  # 5/1–5/5 and 5/31–6/2 holidays
    (D(2025, 12, 24), 20, D(2026, 1, 22)),  # crosses the year; 2026-01-04 Sun workday
    (D(2026, 2, 10), 7, D(2026, 2, 26)),  # 2/14 Sat workday; 2/15–2/23 holiday
    (D(2026, 2, 10), 20, D(2026, 3, 16)),  # 2/28 Sat workday
    (D(2025, 2, 8), 20, D(2025, 3, 7)),  # received on a 调休 Saturday: a working day
])
def test_worked_examples_of_section_1_12(start, n, deadline):
    result = compute_deadline(CAL, start=ClockStart(start, f"{start} 收到申请"), days=n)
    assert result.due == deadline
    assert not result.provisional


def test_explanation_states_start_period_pause_and_result():
    # 2025-01-20 + 20 = 2025-02-21 (Fri); a third-party consultation 2025-02-10..02-12 (Mon–Wed) removes
    # 3 working days: 02-21 → 02-24, 02-25, 02-26.
    result = compute_deadline(
        CAL, start=ClockStart(D(2025, 1, 20), "2025-01-20 收到申请（网上申请，双方确认）"), days=20,
        pauses=[PauseSpan("征求第三方意见", D(2025, 2, 10), D(2025, 2, 12))], today=D(2025, 3, 1),
    )
    assert result.base_due == D(2025, 2, 21)
    assert result.due == D(2025, 2, 26)
    assert result.explanation == (
        "期限 2025-02-21：2025-01-20 收到申请（网上申请，双方确认） + 20个工作日；"
        "征求第三方意见暂停3个工作日（2025-02-10至2025-02-12） → 2025-02-26"
    )


def test_overlapping_consultations_are_not_counted_twice():
    # Two consultations Mon 02-10..Wed 02-12 and Tue 02-11..Fri 02-14: union is 5 working days.
    result = compute_deadline(CAL, start=ClockStart(D(2025, 1, 20), "x"), days=20, pauses=[
        PauseSpan("征求第三方意见", D(2025, 2, 10), D(2025, 2, 12)),
        PauseSpan("征求其他机关意见", D(2025, 2, 11), D(2025, 2, 14)),
    ], today=D(2025, 3, 1))
    assert result.paused_days == 5
    assert result.due == D(2025, 2, 28)  # 02-21 + 5 working days: 24, 25, 26, 27, 28


def test_fee_pause_boundaries_follow_the_setting():
    # §2.6 example 5: notice 2025-03-10, paid 03-20. Inclusive: 10..14 (5) + 17..20 (4) = 9 working days.
    span = PauseSpan("等待缴纳信息处理费", D(2025, 3, 10), D(2025, 3, 20))
    start = ClockStart(D(2025, 3, 3), "x")
    assert compute_deadline(CAL, start=start, days=20, pauses=[span]).paused_days == 9
    assert compute_deadline(CAL, start=start, days=20, pauses=[span], boundaries=AFTER_START).paused_days == 8


def test_an_open_pause_counts_up_to_today_and_is_reported_as_running():
    result = compute_deadline(CAL, start=ClockStart(D(2025, 3, 3), "x"), days=20,
                              pauses=[PauseSpan("征求第三方意见", D(2025, 3, 10))], today=D(2025, 3, 12))
    assert result.is_paused
    assert result.paused_days == 3
    assert "暂停中" in result.explanation


def test_extension_adds_up_to_twenty_working_days_and_is_explained():
    result = compute_deadline(CAL, start=ClockStart(D(2025, 9, 22), "x"), days=20, extension_days=20)
    assert result.due == D(2025, 11, 21)
    assert "延期20个工作日" in result.explanation


def test_a_year_without_schedule_is_provisional():
    result = compute_deadline(CAL, start=ClockStart(D(2026, 12, 21), "x"), days=20)
    assert result.provisional_years == (2027,)


@pytest.mark.parametrize(("channel", "kwargs", "expected", "waiting"), [
    (Channel.IN_PERSON, {"arrived_on": D(2025, 3, 3)}, D(2025, 3, 3), ""),
    (Channel.REGISTERED_MAIL, {"arrived_on": D(2025, 3, 3), "signed_on": D(2025, 3, 4)}, D(2025, 3, 4), ""),
    (Channel.REGISTERED_MAIL, {"arrived_on": D(2025, 3, 3)}, None, "签收"),
    (Channel.PLAIN_LETTER, {"arrived_on": D(2025, 3, 3), "confirmed_on": D(2025, 3, 5)}, D(2025, 3, 5), ""),
    (Channel.PLAIN_LETTER, {"arrived_on": D(2025, 3, 3)}, None, "与申请人确认"),
    (Channel.ONLINE, {"arrived_on": D(2025, 3, 1), "confirmed_on": D(2025, 3, 3)}, D(2025, 3, 3), ""),
    (Channel.FAX, {"arrived_on": D(2025, 3, 3)}, None, "双方确认"),
    (Channel.EMAIL, {"arrived_on": D(2025, 3, 3), "confirmed_on": D(2025, 3, 4)}, D(2025, 3, 4), ""),
])
def test_date_received_follows_the_channel_rule_of_article_31(channel, kwargs, expected, waiting):
    received = date_received(channel, **kwargs)
    assert received.on == expected
    assert received.waiting_for == waiting


def test_an_application_received_on_a_rest_day_counts_from_the_next_working_day():
    # Sunday 2025-03-02 → treated as received Monday 03-03; 20 working days → 2025-03-31.
    start, note = counting_start(CAL, D(2025, 3, 2), roll_forward=True)
    assert start == D(2025, 3, 3) and "休息日" in note
    assert CAL.add_working_days(start, 20).value == D(2025, 3, 31)
    assert counting_start(CAL, D(2025, 3, 2), roll_forward=False) == (D(2025, 3, 2), "")
    assert counting_start(CAL, D(2025, 2, 8), roll_forward=True) == (D(2025, 2, 8), "")  # 调休 Saturday


@pytest.mark.parametrize(("method", "posted", "signed", "expected"), [
    ("mail", D(2025, 2, 21), D(2025, 2, 25), True),  # 交邮之日 counts for mail (235号)
    ("mail", D(2025, 2, 24), None, False),
    ("direct", None, D(2025, 2, 21), True),  # 签收之日 for direct delivery
    ("direct", D(2025, 2, 20), D(2025, 2, 24), False),
    ("entrusted", None, None, None),
])
def test_delivery_on_time_follows_235(method, posted, signed, expected):
    assert on_time(due=D(2025, 2, 21), delivery_method=method, posted_on=posted, signed_on=signed) is expected
