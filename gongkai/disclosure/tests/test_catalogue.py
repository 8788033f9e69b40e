"""Catalogue rules: 公开时限 parsing, timeliness in working days (core calendar), flags for late/missing."""

import datetime as dt

import pytest

from gongkai.core.exceptions import DomainError
from gongkai.disclosure import catalogue, services
from gongkai.disclosure.models import CatalogueKind, DeadlineRule, Recurrence

from .factories import make_column, publish


@pytest.mark.parametrize(("text", "expected"), [
    ("信息形成或者变更之日起20个工作日内", (DeadlineRule.WORKING_DAYS, 20)),
    ("自作出行政决定之日起7个工作日内公示", (DeadlineRule.WORKING_DAYS, 7)),
    ("信息形成之日起二十个工作日内", (DeadlineRule.WORKING_DAYS, 20)),
    ("财政部门批复后20日内", (DeadlineRule.CALENDAR_DAYS, 20)),
    ("实时公开", (DeadlineRule.REALTIME, None)),
    ("及时公开", (DeadlineRule.TIMELY, None)),
    ("永久公开", (DeadlineRule.PERMANENT, None)),
    ("按上级要求", (DeadlineRule.UNKNOWN, None)),
])
def test_time_limit_text_is_parsed(text, expected):
    assert catalogue.parse_time_limit(text) == expected


def test_twenty_working_days_skip_the_national_day_holiday(db):
    # 2025-09-26 (Fri) formed. National Day 2025: 10-01..10-08 off, 09-28 (Sun) and 10-11 (Sat) worked.
    # Working days after 09-26: 09-28, 09-29, 09-30 (3), 10-09, 10-10, 10-11 (6), 10-13..17 (11),
    # 10-20..24 (16), 10-27, 28, 29, 30 (20) → due 2025-10-30.
    from gongkai.core.calendar import load_bundled_schedules

    load_bundled_schedules()
    on_time = catalogue.item_timeliness(written_on=dt.date(2025, 9, 26), published_on=dt.date(2025, 10, 30), days=20)
    assert on_time.status == "on_time" and on_time.due_on == dt.date(2025, 10, 30) and on_time.working_days_used == 20
    late = catalogue.item_timeliness(written_on=dt.date(2025, 9, 26), published_on=dt.date(2025, 10, 31), days=20)
    assert late.status == "late" and "用时21个工作日" in late.detail
    early = catalogue.item_timeliness(written_on=dt.date(2025, 9, 26), published_on=dt.date(2025, 9, 20), days=20)
    assert early.status == "early"


def test_entry_flags_missing_late_and_missing_period(directory):
    from gongkai.core.calendar import load_bundled_schedules

    load_bundled_schedules()
    unit = directory.unit("区民政局")
    column = make_column(unit, slug="shjz", name="社会救助")
    cat = services.catalogue_create(unit=unit, kind=CatalogueKind.BASIC)
    entry = services.catalogue_entry_save(catalogue=cat, level1="低保", level2="资金发放",
                                          time_limit="信息形成之日起20个工作日内", recurrence=Recurrence.MONTHLY,
                                          column=column)
    assert (entry.deadline_rule, entry.deadline_days) == (DeadlineRule.WORKING_DAYS, 20)
    assert [f.code for f in catalogue.entry_flags(entry, [], dt.date(2026, 3, 10))] == ["missing"]
    late = publish(column, "2026年1月低保资金发放情况", dt.date(2026, 3, 2), written_on=dt.date(2026, 1, 5))
    flags = catalogue.entry_flags(entry, [late], dt.date(2026, 4, 10))  # March had its item
    assert [f.code for f in flags] == ["late"]
    flags = catalogue.entry_flags(entry, [late], dt.date(2026, 5, 10))  # nothing in April
    assert [f.code for f in flags] == ["missing_period", "late"]


def test_standard_catalogue_has_26_domains_and_loads_starter_rows(directory):
    domains = catalogue.standard_domains()
    assert len(domains) == 26 and len({d["name"] for d in domains}) == 26
    unit = directory.unit("区民政局")
    cat = services.catalogue_load_standard_domain(unit=unit, domain="社会救助")
    assert cat.kind == CatalogueKind.STANDARD and cat.entries.count() == 3
    assert cat.entries.get(seq=3).deadline_days == 7
    with pytest.raises(DomainError, match="已有该目录"):
        services.catalogue_load_standard_domain(unit=unit, domain="社会救助")
    with pytest.raises(DomainError, match="不在26个试点领域"):
        services.catalogue_load_standard_domain(unit=unit, domain="火星开发")


def test_entry_rejects_column_of_another_unit_and_missing_audience(directory):
    unit = directory.unit("区民政局")
    cat = services.catalogue_create(unit=unit, kind=CatalogueKind.BASIC)
    other = make_column(directory.unit("市民政局"))
    with pytest.raises(DomainError, match="发布栏目必须属于本单位"):
        services.catalogue_entry_save(catalogue=cat, level1="低保", column=other)
    with pytest.raises(DomainError, match="请选择公开对象"):
        services.catalogue_entry_save(catalogue=cat, level1="低保", audience_all=False, audience_specific=False)
    assert cat.entries.count() == 0
