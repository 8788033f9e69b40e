"""Contract 5: the annual-report figures (section 二 counts and interpretation facts), by hand."""

import datetime as dt

import pytest

from gongkai.core.calendar import load_bundled_schedules
from gongkai.core.exceptions import DomainError
from gongkai.policies.models import DocumentKind
from gongkai.policies.selectors import interpretation_backlog, interpretation_facts, normative_document_counts
from gongkai.policies.services import (
    interpretation_create,
    interpretation_submit,
    policy_document_expire,
    policy_document_repeal,
)

from .factories import interpret, make_document, publish

D = dt.date


@pytest.fixture
def calendar_2025(db):
    load_bundled_schedules(years=[2024, 2025])


def test_section_two_counts_separate_rules_from_normative_documents(directory):
    city = directory.city
    old = publish(make_document(city, written_on=D(2023, 3, 1), doc_number="江府〔2023〕1号"), D(2023, 3, 10))
    publish(make_document(city, written_on=D(2023, 4, 1), doc_number="江府〔2023〕2号"), D(2023, 4, 10))
    new = publish(make_document(city, written_on=D(2024, 2, 1), doc_number="江府〔2024〕1号"), D(2024, 2, 5))
    publish(make_document(city, written_on=D(2024, 5, 1), doc_number="江府〔2024〕2号"), D(2024, 5, 6))
    publish(make_document(city, title="江门市城市绿化管理办法", kind=DocumentKind.RULE, doc_number="江门市人民政府令第5号",
                          written_on=D(2024, 6, 1)), D(2024, 6, 3))
    policy_document_repeal(document=old, on=D(2024, 9, 1), reason="上位法修改")
    policy_document_repeal(document=new, on=D(2025, 2, 1), reason="被新文件替代")  # repealed next year
    make_document(city, written_on=D(2024, 7, 1), doc_number="江府〔2024〕9号")  # draft: not counted
    counts = normative_document_counts(unit=city, year=2024)
    assert counts == {"rules": {"issued": 1, "repealed": 0, "in_force": 1},
                      "normative": {"issued": 2, "repealed": 1, "in_force": 3}}
    # at the end of 2025 the second 2024 document was repealed too
    assert normative_document_counts(unit=city, year=2025)["normative"] == {"issued": 0, "repealed": 1, "in_force": 2}


def test_an_expired_document_leaves_in_force_but_is_not_counted_as_repealed(directory):
    city = directory.city
    doc = publish(make_document(city, title="某某暂行办法", written_on=D(2022, 1, 4), doc_number="江府〔2022〕1号"),
                  D(2022, 1, 10))
    policy_document_expire(document=doc, on=D(2024, 1, 20))  # last day 2024-01-09
    assert normative_document_counts(unit=city, year=2023)["normative"]["in_force"] == 1
    assert normative_document_counts(unit=city, year=2024)["normative"] == {"issued": 0, "repealed": 0, "in_force": 0}


def test_interpretation_facts_count_forms_and_the_three_working_day_rule(directory, calendar_2025):
    mzj = directory.unit("市民政局")
    # Fri 26 Sep 2025: due Tue 30 Sep (Sun 28 Sep is a make-up working day). Text on time + graphic later.
    a = publish(make_document(mzj, written_on=D(2025, 9, 20)), D(2025, 9, 26))
    interpret(a, on=D(2025, 9, 30))
    interpret(a, on=D(2025, 10, 20), form="graphic", title="图解：核对办法")
    # Tue 30 Sep 2025: due Sat 11 Oct (调休); published Mon 13 Oct → late, text only.
    b = publish(make_document(mzj, written_on=D(2025, 9, 20)), D(2025, 9, 30))
    interpret(b, on=D(2025, 10, 13))
    # A document without any interpretation.
    c = publish(make_document(mzj, written_on=D(2025, 9, 20)), D(2025, 9, 30))
    facts = interpretation_facts(unit=mzj, year=2025)
    assert facts["count"] == 3 and facts["documents"] == 2
    assert (facts["multi_form_documents"], facts["multi_form_rate"]) == (1, 0.5)
    assert (facts["on_time"], facts["late"], facts["on_time_rate"]) == (1, 1, 0.5)
    assert facts["missing"] == 1
    assert facts["by_form"] == {"文字解读": 2, "图解": 1}
    backlog = interpretation_backlog(mzj.policy_documents.all(), today=D(2025, 10, 20))
    # c: due Sat 11 Oct, nothing by Mon 20 Oct = 6 working days late (13–17, 20); b: 1 day late (Mon 13 Oct)
    assert [(d.pk, t.working_days_late) for d, t in backlog] == [(c.pk, 6), (b.pk, 1)]


def test_interpretation_of_an_unpublished_document_cannot_be_submitted(directory):
    document = make_document(directory.unit("市民政局"))
    interpretation = interpretation_create(document=document, title="解读", form="text", body="内容")
    with pytest.raises(DomainError, match="尚未发布"):
        interpretation_submit(interpretation=interpretation, by=None)


def test_a_graphic_interpretation_needs_a_text_alternative(directory):
    document = publish(make_document(directory.unit("市民政局")), D(2024, 3, 8))
    interpretation = interpretation_create(document=document, title="图解", form="graphic", body="",
                                           external_url="https://example.gov.cn/1.png")
    with pytest.raises(DomainError, match="文字说明"):
        interpretation_submit(interpretation=interpretation, by=None)


def test_interpretation_inherits_the_documents_consultation_contact(directory):
    document = publish(make_document(directory.unit("市民政局")), D(2024, 3, 8))
    interpretation = interpretation_create(document=document, title="解读", form="text", body="内容")
    assert (interpretation.contact_name, interpretation.contact_phone) == ("张科长", "0750-3270000")
