import datetime as dt

import pytest

from gongkai.policies import validity

D = dt.date


@pytest.mark.parametrize("start, years, last_day", [
    (D(2025, 3, 1), 5, D(2030, 2, 28)),  # 5 年: the day before 2030-03-01
    (D(2024, 1, 1), 5, D(2028, 12, 31)),
    (D(2024, 2, 29), 5, D(2029, 2, 28)),  # leap day: anniversary 2029-03-01, so the last day is 28 Feb
    (D(2024, 2, 29), 4, D(2028, 2, 28)),  # 2028 is a leap year: anniversary 2028-02-29
    (D(2025, 7, 15), 2, D(2027, 7, 14)),  # 暂行 2 年
])
def test_expiry_is_the_day_before_the_anniversary(start, years, last_day):
    assert validity.expiry_date(start, years) == last_day


@pytest.mark.parametrize("title, kind, years", [
    ("江门市社会救助家庭经济状况核对办法", "normative", 5),
    ("江门市最低生活保障审核确认暂行办法", "normative", 2),
    ("江门市城乡居民临时救助实施细则（试行）", "normative", 2),
    ("江门市城市绿化管理办法", "rule", None),  # 规章: evaluated, not given a fixed term by default
    ("关于做好2025年春节期间有关工作的通知", "other", None),
])
def test_default_term_depends_on_kind_and_on_provisional_words_in_the_title(title, kind, years):
    assert validity.default_term_years(title=title, kind=kind) == years


def test_provisional_term_is_configurable(settings):
    settings.GONGKAI_POLICIES_PROVISIONAL_VALIDITY_YEARS = 1
    settings.GONGKAI_POLICIES_DEFAULT_VALIDITY_YEARS = 3
    assert validity.default_term_years(title="某某暂行办法", kind="normative") == 1
    assert validity.default_term_years(title="某某办法", kind="normative") == 3


@pytest.mark.parametrize("expires_on, opens_on", [
    (D(2030, 2, 28), D(2029, 8, 28)),
    (D(2026, 8, 31), D(2026, 2, 28)),  # 31 August − 6 months clamps to the end of February
    (D(2027, 1, 15), D(2026, 7, 15)),
])
def test_evaluation_window_opens_six_months_before_the_last_day(expires_on, opens_on):
    assert validity.evaluation_opens_on(expires_on) == opens_on


def test_a_document_has_lapsed_only_after_its_last_valid_day():
    assert not validity.is_expired(D(2030, 2, 28), D(2030, 2, 28))
    assert validity.is_expired(D(2030, 2, 28), D(2030, 3, 1))
    assert not validity.is_expired(None, D(2099, 1, 1))


def test_dates_are_written_without_zero_padding():
    assert validity.cn_date(D(2030, 2, 8)) == "2030年2月8日"
