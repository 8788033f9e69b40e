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


@pytest.mark.parametrize(("text", "expected"), [
    ("9月前完成", dt.date(2021, 8, 31)),  # before September begins
    ("2022年6月前完成", dt.date(2022, 5, 31)),
    ("1月前完成", dt.date(2020, 12, 31)),
    ("9月底前完成", dt.date(2021, 9, 30)),
    ("2021年4月—12月", dt.date(2021, 12, 31)),  # a period ends at its last month
    ("7月至9月底前完成", dt.date(2021, 9, 30)),
    ("2021年3月10日—5月20日", dt.date(2021, 5, 20)),
])
def test_month_deadlines_and_periods(text, expected):
    assert find_deadline(text, 2021).date == expected


def test_a_date_that_starts_something_is_not_a_deadline():
    assert find_deadline("2021年第二季度起每季度开展检查", 2021) is None


@pytest.mark.parametrize(("text", "period", "count"), [
    ("动态类栏目一周保证更新1篇原创信息", "weekly", 1),
    ("一年至少召开2次会议", "yearly", 2),
    ("建立评估机制，年度开展一次评估", "yearly", 1),
    ("一周保证更新1篇；每月更新专题", "weekly", 1),  # the first cycle named wins
])
def test_recurrence_without_mei(text, period, count):
    rec = find_recurrence(text, text)
    assert (rec.period, rec.min_count) == (period, count)


@pytest.mark.parametrize("text", ["一个月内完成整改", "年度报告", "全年解读率达到100%"])
def test_periods_and_annual_things_are_not_recurrences(text):
    assert find_recurrence(text, text) is None


@pytest.mark.parametrize(("cell", "expected"), [("12月", dt.date(2021, 12, 31)), ("9月份", dt.date(2021, 9, 30)),
                                                ("十二月", dt.date(2021, 12, 31))])
def test_a_deadline_cell_holding_only_a_month_means_its_end(cell, expected):
    assert deadline_from_cell(cell, cell, 2021)[0] == expected
