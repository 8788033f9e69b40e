"""The cross-app contract (briefing contract 4): 索引号, column_freshness, annual_facts."""

import datetime as dt
import threading

import pytest
from django.db import connection

from gongkai.core.exceptions import DomainError
from gongkai.disclosure import selectors, services
from gongkai.disclosure.models import Article20, CustomPeriod, FreshnessClass, ItemKind, PlatformSection

from .factories import make_column, publish


def test_index_number_is_credit_code_slash_year_dash_five_digit_serial(directory):
    unit = directory.unit("市民政局")
    first = services.item_index_number(unit=unit, year=2026)
    second = services.item_index_number(unit=unit, year=2026)
    assert first == f"{unit.credit_code}/2026-00001"
    assert second == f"{unit.credit_code}/2026-00002"


def test_index_number_sequence_restarts_each_year_and_is_separate_per_unit(directory):
    civil, finance = directory.unit("市民政局"), directory.unit("市财政局")
    services.item_index_number(unit=civil, year=2025)
    services.item_index_number(unit=civil, year=2025)
    assert services.item_index_number(unit=civil, year=2026).endswith("/2026-00001")
    assert services.item_index_number(unit=finance, year=2025) == f"{finance.credit_code}/2025-00001"


def test_index_number_of_an_office_uses_its_department_credit_code(directory):
    office = directory.unit("区民政局").children.get(name="社会救助股")
    assert office.credit_code == ""
    assert services.item_index_number(unit=office, year=2026).startswith(directory.unit("区民政局").credit_code)


def test_index_number_without_any_credit_code_is_refused(directory):
    from gongkai.organisations.models import Unit, UnitKind

    orphan = Unit.objects.create(name="临时工作专班", kind=UnitKind.OTHER, path="/999999/")
    with pytest.raises(DomainError, match="统一社会信用代码"):
        services.item_index_number(unit=orphan, year=2026)


@pytest.mark.django_db(transaction=True)
def test_index_numbers_taken_concurrently_are_all_distinct(directory):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race is exercised on PostgreSQL")
    unit = directory.unit("市民政局")
    results, errors = [], []

    def take():
        from django.db import connection as conn

        try:
            for _ in range(10):
                results.append(services.item_index_number(unit=unit, year=2030))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 40 and len(set(results)) == 40


def test_notice_column_updated_within_six_months_is_ok_and_stale_after(directory):
    column = make_column(directory.unit("市民政局"))
    publish(column, "关于开展2026年度低保核查的通知", dt.date(2026, 2, 28))
    # 2026-02-28 + 6 months = 2026-08-28: still updated on 08-27, stale from 08-28 on.
    ok = selectors.column_freshness(column=column, on=dt.date(2026, 8, 27))
    assert ok.status == "ok" and ok.items_in_period == 1 and ok.due_by == dt.date(2026, 8, 27)
    stale = selectors.column_freshness(column=column, on=dt.date(2026, 8, 28))
    assert stale.status == "stale"
    assert stale.last_published_on == dt.date(2026, 2, 28)
    assert "181天" in stale.detail  # 2026-02-28 → 2026-08-28


def test_dynamic_column_goes_stale_after_two_weeks(directory):
    column = make_column(directory.unit("市民政局"), slug="gzdt", name="工作动态", section=PlatformSection.NEWS,
                         freshness_class=FreshnessClass.DYNAMIC)
    publish(column, "市民政局召开养老服务工作会议", dt.date(2026, 3, 2), kind=ItemKind.NEWS)
    assert selectors.column_freshness(column=column, on=dt.date(2026, 3, 15)).status == "ok"  # 14th day
    assert selectors.column_freshness(column=column, on=dt.date(2026, 3, 16)).status == "stale"


def test_items_published_after_the_monitoring_date_are_ignored(directory):
    column = make_column(directory.unit("市民政局"))
    publish(column, "通知一", dt.date(2026, 5, 1))
    result = selectors.column_freshness(column=column, on=dt.date(2026, 4, 1))
    assert result.status == "blank"


def test_blank_and_undated_columns(directory):
    unit = directory.unit("市民政局")
    blank = make_column(unit, slug="ghjh", name="规划计划", freshness_class=FreshnessClass.PERSONNEL_PLAN)
    assert selectors.column_freshness(column=blank, on=dt.date(2026, 6, 1)).status == "blank"
    undated = make_column(unit, slug="rsxx", name="人事信息", freshness_class=FreshnessClass.PERSONNEL_PLAN)
    publish(undated, "2019年公开招聘公务员拟录用人员名单", None)
    result = selectors.column_freshness(column=undated, on=dt.date(2026, 6, 1))
    assert result.status == "undated" and result.undated_items == 1


def test_custom_rule_twice_a_month_judges_the_last_complete_month(directory):
    column = make_column(directory.unit("市民政局"), slug="shjz", name="社会救助", article20=Article20.LIVELIHOOD,
                         freshness_class=FreshnessClass.CUSTOM, custom_period=CustomPeriod.MONTH,
                         custom_min_count=2)
    publish(column, "2026年2月低保资金发放情况", dt.date(2026, 2, 10))
    publish(column, "2026年3月低保资金发放情况", dt.date(2026, 3, 10))
    publish(column, "2026年3月特困供养资金发放情况", dt.date(2026, 3, 20))
    march_ok = selectors.column_freshness(column=column, on=dt.date(2026, 4, 3))
    assert march_ok.status == "ok" and march_ok.items_in_period == 0
    assert "2026年3月发布2条" in march_ok.detail
    february = selectors.column_freshness(column=column, on=dt.date(2026, 3, 25))
    assert february.status == "stale" and "2026年2月仅发布1条，少于2条" in february.detail
    assert february.items_in_period == 2


def test_annual_facts_count_items_published_in_the_year_by_column_kind_and_article20(directory):
    unit = directory.unit("市民政局")
    notices = make_column(unit, article20=Article20.LIVELIHOOD)
    budget = make_column(unit, slug="czyjs", name="财政预决算", article20=Article20.BUDGET)
    news = make_column(unit, slug="gzdt", name="工作动态", section=PlatformSection.NEWS,
                       freshness_class=FreshnessClass.DYNAMIC)
    publish(notices, "通知A", dt.date(2025, 3, 1))
    publish(notices, "通知B", dt.date(2025, 12, 31))
    publish(notices, "通知C", dt.date(2026, 1, 1))
    publish(budget, "2025年部门预算", dt.date(2025, 2, 20), kind=ItemKind.FINANCE)
    publish(news, "动态", dt.date(2025, 5, 5), kind=ItemKind.NEWS)
    gone = publish(notices, "通知D", dt.date(2025, 4, 1))
    services.item_withdraw(item=gone, by=None, reason="内容有误")
    facts = selectors.annual_facts(unit=unit, year=2025)
    assert facts["total"] == 4
    assert facts["statutory"] == 3
    assert facts["withdrawn"] == 1
    assert facts["by_article20"][Article20.LIVELIHOOD]["count"] == 2
    assert facts["by_article20"][Article20.BUDGET]["count"] == 1
    assert facts["by_kind"]["finance"] == {"label": "财政信息", "count": 1}
    assert {row["column"]: row["count"] for row in facts["by_column"]} == {"通知公告": 2, "财政预决算": 1, "工作动态": 1}
