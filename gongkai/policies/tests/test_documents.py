import datetime as dt

import pytest
from django.core.management import call_command

from gongkai.core.exceptions import DomainError
from gongkai.disclosure.models import Validity
from gongkai.policies.models import DocumentKind, DocumentStatus, EventAction, PolicyDocument
from gongkai.policies.services import (
    policy_document_amend,
    policy_document_expire,
    policy_document_register,
    policy_document_renew,
    policy_document_repeal,
    policy_document_submit,
    policy_document_update,
    policy_documents_expire_due,
    registration_scheme_set,
)
from gongkai.search.models import SearchDocument

from .factories import make_document, publish

D = dt.date


@pytest.fixture
def mzj(directory):
    return directory.unit("市民政局")


def test_registration_numbers_run_per_government_and_year(directory, mzj):
    registration_scheme_set(government=directory.city, prefix="JMFG", number_format="{prefix}—{year}—{serial:03d}")
    a = policy_document_register(document=make_document(mzj), on=D(2024, 3, 5))
    b = policy_document_register(document=make_document(directory.unit("市财政局")), on=D(2024, 3, 6))
    c = policy_document_register(document=make_document(mzj), on=D(2025, 1, 3))
    district = policy_document_register(document=make_document(directory.unit("区民政局"), doc_number="蓬民〔2024〕1号"),
                                        on=D(2024, 3, 7))
    assert [a.registration_number, b.registration_number, c.registration_number] == [
        "JMFG—2024—001", "JMFG—2024—002", "JMFG—2025—001"]
    assert district.registration_number == "蓬江区规—2024—1"  # default scheme: region name + 规
    assert a.status == DocumentStatus.REGISTERED


def test_registration_format_must_contain_the_serial(directory):
    with pytest.raises(DomainError, match="流水号"):
        registration_scheme_set(government=directory.city, prefix="JMFG", number_format="{prefix}-{year}")


def test_doc_number_is_stored_in_standard_form_and_unique_within_the_government(mzj):
    document = make_document(mzj, doc_number="江民[2024]7号")
    assert (document.doc_number, document.doc_organ_code, document.doc_year, document.doc_serial) == (
        "江民〔2024〕7号", "江民", 2024, 7)
    with pytest.raises(DomainError, match="已被本级政府的另一份文件使用"):
        make_document(mzj, doc_number="江民（2024）7号")


def test_creating_a_document_opens_a_draft_item_in_the_units_policy_column(mzj):
    document = make_document(mzj)
    assert document.item.column.slug == "zcwj" and document.item.kind == "policy"
    assert document.item.status == "draft" and document.item.related_url == f"/zcwj/{document.pk}/"
    assert SearchDocument.objects.get(key=f"policies.document:{document.pk}").is_public is False


def test_normative_document_cannot_go_to_review_before_registration(mzj):
    with pytest.raises(DomainError, match="须先统一登记"):
        policy_document_submit(document=make_document(mzj), by=None)


def test_review_refuses_a_document_without_consultation_contact(mzj):
    document = policy_document_register(document=make_document(mzj, contact_phone=""), on=D(2024, 3, 2))
    with pytest.raises(DomainError, match="咨询电话"):
        policy_document_submit(document=document, by=None)


def test_publication_fixes_a_five_year_term_from_the_effective_date(mzj):
    document = make_document(mzj, effective_on=D(2024, 4, 1))
    document = publish(document, D(2024, 3, 8))
    assert document.status == DocumentStatus.IN_FORCE and document.published_on == D(2024, 3, 8)
    assert (document.validity_years, document.validity_starts_on, document.expires_on) == (
        5, D(2024, 4, 1), D(2029, 3, 31))
    assert document.item.index_number.endswith("/2024-00001")
    entry = SearchDocument.objects.get(key=f"policies.document:{document.pk}")
    assert entry.is_public and entry.validity == "有效"


def test_provisional_document_gets_two_years_from_publication(mzj):
    document = publish(make_document(mzj, title="江门市困难群众价格临时补贴暂行办法"), D(2024, 3, 8))
    assert document.is_provisional and document.expires_on == D(2026, 3, 7)


def test_rules_are_published_without_registration_and_without_a_fixed_term(directory):
    rule = make_document(directory.city, title="江门市城市绿化管理办法", kind=DocumentKind.RULE,
                         doc_number="江门市人民政府令第5号")
    rule = publish(rule, D(2024, 5, 6))
    assert rule.registration_number == "" and rule.expires_on is None and rule.status == DocumentStatus.IN_FORCE


def test_amendment_links_the_amending_document_and_marks_the_item(mzj):
    original = publish(make_document(mzj), D(2024, 3, 8))
    amending = publish(make_document(mzj, title="关于修改社会救助核对办法的决定", written_on=D(2025, 2, 1)), D(2025, 2, 10))
    original = policy_document_amend(document=original, amending=amending, on=D(2025, 2, 10))
    assert original.status == DocumentStatus.AMENDED and original.status_document == amending
    assert original.status_reason == "根据《关于修改社会救助核对办法的决定》修改"
    original.item.refresh_from_db()
    assert original.item.validity == Validity.AMENDED
    event = original.events.get(action=EventAction.AMENDED)
    assert (event.from_status, event.to_status, event.related_document) == ("in_force", "amended", amending)


def test_repeal_needs_a_repealing_document_or_a_reason(mzj):
    document = publish(make_document(mzj), D(2024, 3, 8))
    with pytest.raises(DomainError, match="废止须指明"):
        policy_document_repeal(document=document, on=D(2025, 1, 1))
    document = policy_document_repeal(document=document, on=D(2025, 1, 1), reason="上位法已修改")
    assert document.status == DocumentStatus.REPEALED
    assert SearchDocument.objects.get(key=f"policies.document:{document.pk}").validity == "废止"


def test_a_repealed_document_cannot_be_amended_or_repealed_again(mzj):
    document = publish(make_document(mzj), D(2024, 3, 8))
    policy_document_repeal(document=document, on=D(2025, 1, 1), reason="上位法已修改")
    with pytest.raises(DomainError, match="当前状态为“已废止”，不能废止"):
        policy_document_repeal(document=document, on=D(2025, 1, 2), reason="再次")
    with pytest.raises(DomainError, match="不能修改"):
        policy_document_amend(document=document, amending=publish(make_document(mzj), D(2025, 1, 3)), on=D(2025, 1, 3))


def test_a_document_of_another_government_can_neither_amend_nor_repeal(directory, mzj):
    document = publish(make_document(mzj), D(2024, 3, 8))
    district = publish(make_document(directory.unit("区民政局"), title="蓬江区关于废止有关文件的决定",
                                     doc_number="蓬民〔2024〕9号"), D(2024, 3, 8))
    with pytest.raises(DomainError, match="修改文件须是江门市人民政府的文件"):
        policy_document_amend(document=document, amending=district, on=D(2025, 1, 1))
    with pytest.raises(DomainError, match="废止文件须是江门市人民政府的文件"):
        policy_document_repeal(document=document, repealing=district, on=D(2025, 1, 1))
    document.refresh_from_db()
    assert document.status == DocumentStatus.IN_FORCE


def test_repeal_before_publication_date_is_refused(mzj):
    document = publish(make_document(mzj), D(2024, 3, 8))
    with pytest.raises(DomainError, match="早于文件的发布日期"):
        policy_document_repeal(document=document, on=D(2024, 3, 1), reason="x")


def test_expiry_before_the_end_of_term_needs_a_reason(mzj):
    document = publish(make_document(mzj), D(2024, 3, 8))
    with pytest.raises(DomainError, match="仍在有效期内"):
        policy_document_expire(document=document, on=D(2025, 1, 1))
    document = policy_document_expire(document=document, on=D(2025, 1, 1), reason="专项工作已完成，自然失效")
    assert document.status == DocumentStatus.EXPIRED


def test_expire_due_lapses_documents_on_the_day_after_their_last_day_and_is_idempotent(mzj):
    provisional = publish(make_document(mzj, title="某某暂行办法", written_on=D(2023, 5, 1)), D(2023, 6, 1))  # last day 2025-05-31
    lasting = publish(make_document(mzj, written_on=D(2023, 5, 1)), D(2023, 6, 1))  # last day 2028-05-31
    assert policy_documents_expire_due(on=D(2025, 5, 31)) == []
    lapsed = policy_documents_expire_due(on=D(2025, 6, 10))
    assert [d.pk for d in lapsed] == [provisional.pk]
    provisional.refresh_from_db()
    assert (provisional.status, provisional.status_on) == (DocumentStatus.EXPIRED, D(2025, 6, 1))
    assert provisional.status_reason == "有效期已于2025年5月31日届满"
    assert policy_documents_expire_due(on=D(2025, 6, 10)) == []
    assert provisional.events.filter(action=EventAction.EXPIRED).count() == 1
    lasting.refresh_from_db()
    assert lasting.status == DocumentStatus.IN_FORCE


def test_expire_command_reports_and_can_be_run_twice(mzj, capsys):
    publish(make_document(mzj, title="某某试行办法", written_on=D(2023, 1, 3)), D(2023, 1, 10))
    call_command("policies", "expire", "--on", "2025-02-01")
    call_command("policies", "expire", "--on", "2025-02-01")
    out = capsys.readouterr().out
    assert "1 件文件已失效" in out and "没有到期的文件" in out
    assert PolicyDocument.objects.filter(status=DocumentStatus.EXPIRED).count() == 1


def test_renewal_re_registers_and_restarts_the_term_from_republication(directory, mzj):
    document = publish(make_document(mzj, title="某某暂行办法", written_on=D(2023, 5, 1)), D(2023, 6, 1))
    first_number = document.registration_number
    document = policy_document_renew(document=document, on=D(2025, 3, 1), reason="评估后继续执行")
    assert document.registration_number != first_number and document.registration_year == 2025
    assert (document.validity_starts_on, document.expires_on) == (D(2025, 3, 1), D(2027, 2, 28))
    assert "原登记号" in document.events.get(action=EventAction.RENEWED).reason


def test_published_document_text_cannot_be_edited_but_contact_can(mzj):
    document = publish(make_document(mzj), D(2024, 3, 8))
    with pytest.raises(DomainError, match="不能直接修改"):
        policy_document_update(document=document, body="新正文")
    document = policy_document_update(document=document, contact_phone="0750-3333333")
    assert document.contact_phone == "0750-3333333"
