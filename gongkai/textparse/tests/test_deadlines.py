import datetime as dt

import pytest

from gongkai.textparse.deadlines import deadline_from_cell, find_deadline, find_recurrence


@pytest.mark.parametrize(("text", "expected"), [
    ("于2021年11月20日前完成", dt.date(2021, 11, 20)),
    ("11月20日前完成", dt.date(2021, 11, 20)),
    ("6月底前完成", dt.date(2021, 6, 30)),
    ("2月底前完成", dt.date(2021, 2, 28)),
    ("年底前完成", dt.date(2021, 12, 31)),
    ("2022年底前完成", dt.date(2022, 12, 31)),
    ("上半年完成", dt.date(2021, 6, 30)),
    ("第三季度前完成", dt.date(2021, 9, 30)),
    ("二〇二一年十二月底前完成", dt.date(2021, 12, 31)),
    ("需于20211210日前完成", dt.date(2021, 12, 10)),
    ("2021.12.10前完成", dt.date(2021, 12, 10)),
    ("12月上旬完成", dt.date(2021, 12, 10)),
])
def test_absolute_deadlines_in_the_plan_year(text, expected):
    assert find_deadline(text, 2021).date == expected


@pytest.mark.parametrize("text", ["持续推进", "长期坚持", "及时公开", "每年1月31日前报送年报", "在人代会批准后20日内公开",
                                  "《条例》（2019年4月修订）", "围绕2019年政府工作任务", "一年内完成"])
def test_no_date_for_ongoing_or_recurring_wording(text):
    found = find_deadline(text, 2021)
    assert found is None or found.date is None


def test_a_deadline_without_a_year_needs_the_plan_year():
    assert find_deadline("6月底前", None).date is None


def test_deadline_cells_accept_bare_dates_and_keep_words():
    assert deadline_from_cell("二〇二一年十二月", "二〇二一年十二月", 2021) == (dt.date(2021, 12, 31), "二〇二一年十二月")
    assert deadline_from_cell("持续推进", "持续推进", 2021) == (None, "持续推进")


@pytest.mark.parametrize(("text", "period", "count"), [
    ("专栏每月至少更新2条信息", "monthly", 2),
    ("每年至少更新一次数据集", "yearly", 1),
    ("按季度向社会公开", "quarterly", None),
    ("严格实行每周一督查", "weekly", None),
])
def test_recurrence_and_minimum_count(text, period, count):
    rec = find_recurrence(text, text)
    assert (rec.period, rec.min_count) == (period, count)
