"""The staff workspace (views.py): what each page reads, and what its POST paths write or refuse."""

import datetime as dt
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.disclosure.models import ItemStatus
from gongkai.policies.models import (
    CleanupBatch,
    CleanupDecision,
    CleanupStatus,
    DocumentStatus,
    GazetteArticle,
    Interpretation,
    InterpretationStatus,
)
from gongkai.policies.services import cleanup_batch_create, gazette_issue_create

from .factories import interpret, make_document, publish

D = dt.date


def _publish_city_documents(directory, count: int, *, prefix: str) -> list:
    return [publish(make_document(directory.city, title=f"{prefix}{i}号办法", written_on=D(2024, 1, 2)), D(2024, 1, 10))
            for i in range(count)]


def _cleanup_page_queries(client, directory, size: int) -> int:
    documents = _publish_city_documents(directory, size, prefix=f"清理{size}-")
    batch = cleanup_batch_create(government=directory.city, title=f"{size}份文件的清理", documents=documents)
    url = reverse("policies:cleanup", args=[batch.pk])
    client.get(url)  # sessions and cached reference data are read once, whatever the page
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_cleanup_page_reads_as_many_queries_for_five_entries_as_for_two(client, directory):
    client.force_login(directory.user("gkb"))
    assert _cleanup_page_queries(client, directory, 2) == _cleanup_page_queries(client, directory, 5)


def test_each_cleanup_entry_offers_the_other_documents_but_not_itself(client, directory):
    first, second = _publish_city_documents(directory, 2, prefix="清理")
    batch = cleanup_batch_create(government=directory.city, title="清理", documents=[first, second])
    client.force_login(directory.user("gkb"))
    response = client.get(reverse("policies:cleanup", args=[batch.pk]))
    entry = batch.entries.get(document=first)
    choices = [value for value, _ in response.context["rows"][0][1].fields["related_document"].choices]
    assert response.context["rows"][0][0] == entry
    assert second.pk in choices and first.pk not in choices


def test_a_refused_cleanup_apply_through_the_page_writes_nothing_not_even_the_decision_document(client, directory):
    first, second, decision = _publish_city_documents(directory, 3, prefix="清理")
    batch = cleanup_batch_create(government=directory.city, title="清理", documents=[first, second])
    client.force_login(directory.user("gkb"))
    response = client.post(reverse("policies:cleanup", args=[batch.pk]), {
        "apply": "1", "on": "2025-01-08", "decision_document": decision.pk}, follow=True)
    assert "尚未提出清理意见" in response.content.decode()
    batch.refresh_from_db()
    assert batch.decision_document is None and batch.status == "open"


def test_document_list_page_links_keep_a_search_term_with_an_ampersand_and_spaces(client, directory):
    mzj = directory.unit("市民政局")
    for i in range(31):  # one more than a page
        make_document(mzj, title=f"困难群众救助&帮扶 办法（第{i}号）")
    client.force_login(directory.user("mzj_jb"))
    url = reverse("policies:documents")
    page = client.get(url, {"q": "救助&帮扶 办法", "status": "draft"}).content.decode()
    href = html.unescape(re.search(r'href="([^"]*)" rel="next"', page).group(1))
    assert parse_qs(urlsplit(href).query) == {"q": ["救助&帮扶 办法"], "status": ["draft"], "page": ["2"]}
    second = client.get(url + href)
    assert second.context["page"].number == 2 and len(second.context["page"]) == 1


# ---------------------------------------------------------------- cleanup (清理) POST paths


def _entry_post(entry, **fields) -> dict:
    return {"entry": entry.pk, **{f"e{entry.pk}-{name}": value for name, value in fields.items()}}


def test_coordinator_starts_decides_and_applies_a_cleanup_through_the_pages(client, directory):
    kept, repealed = _publish_city_documents(directory, 2, prefix="清理")
    client.force_login(directory.user("gkb"))
    response = client.post(reverse("policies:cleanup_create"), {
        "title": "2025年规范性文件清理", "documents": [kept.pk, repealed.pk]})
    batch = CleanupBatch.objects.get(title="2025年规范性文件清理")
    url = reverse("policies:cleanup", args=[batch.pk])
    assert response.status_code == 302 and response["Location"] == url
    for document, decision, reason in ((kept, "continue", "仍然适用"), (repealed, "repeal", "已不适应实际")):
        entry = batch.entries.get(document=document)
        assert client.post(url, _entry_post(entry, decision=decision, reason=reason)).status_code == 302
        entry.refresh_from_db()
        assert (entry.decision, entry.reason) == (decision, reason)
    assert client.post(url, {"apply": "1", "on": "2025-01-08"}).status_code == 302
    batch.refresh_from_db()
    repealed.refresh_from_db()
    assert batch.status == CleanupStatus.APPLIED and batch.applied_by == directory.user("gkb")
    assert repealed.status == DocumentStatus.REPEALED and repealed.status_reason == "已不适应实际"


def test_a_refused_cleanup_decision_is_shown_on_its_row_and_nothing_is_saved(client, directory):
    first, second = _publish_city_documents(directory, 2, prefix="清理")
    batch = cleanup_batch_create(government=directory.city, title="清理", documents=[first, second])
    entry = batch.entries.get(document=second)
    client.force_login(directory.user("gkb"))
    response = client.post(reverse("policies:cleanup", args=[batch.pk]),
                           _entry_post(entry, decision="repeal", reason="过时", renew="on"))
    assert response.status_code == 200
    form = dict(response.context["rows"])[entry]
    assert form.non_field_errors() == ["只有“继续有效”的文件可以重新登记"]
    assert form["reason"].value() == "过时"  # the user's input is kept
    entry.refresh_from_db()
    assert entry.decision == CleanupDecision.PENDING and entry.reason == ""


def test_a_cleanup_apply_without_a_date_or_a_batch_without_documents_is_refused_in_chinese(client, directory):
    (document,) = _publish_city_documents(directory, 1, prefix="清理")
    batch = cleanup_batch_create(government=directory.city, title="清理", documents=[document])
    client.force_login(directory.user("gkb"))
    response = client.post(reverse("policies:cleanup", args=[batch.pk]), {"apply": "1", "on": ""})
    assert response.status_code == 200 and response.context["apply_form"].errors["on"] == ["该字段是必填项。"]
    response = client.post(reverse("policies:cleanup_create"), {"title": "空的清理"})
    assert response.status_code == 200 and response.context["form"].errors["documents"] == ["该字段是必填项。"]
    assert list(CleanupBatch.objects.values_list("title", "status")) == [("清理", CleanupStatus.OPEN)]


def test_another_governments_coordinator_and_a_handler_cannot_touch_the_cleanup(client, directory):
    (document,) = _publish_city_documents(directory, 1, prefix="清理")
    batch = cleanup_batch_create(government=directory.city, title="清理", documents=[document])
    entry = batch.entries.get()
    url = reverse("policies:cleanup", args=[batch.pk])
    client.force_login(directory.user("pj_gkb"))  # 蓬江区's coordinator
    assert client.get(url).status_code == 404
    assert client.post(url, _entry_post(entry, decision="repeal", reason="过时")).status_code == 404
    assert client.post(url, {"apply": "1", "on": "2025-01-08"}).status_code == 404
    client.force_login(directory.user("mzj_jb"))
    assert client.post(url, _entry_post(entry, decision="repeal", reason="过时")).status_code == 403
    assert client.post(reverse("policies:cleanup_create"), {"title": "清理", "documents": [document.pk]}
                       ).status_code == 403
    entry.refresh_from_db()
    batch.refresh_from_db()
    assert entry.decision == CleanupDecision.PENDING and batch.status == CleanupStatus.OPEN
    assert CleanupBatch.objects.count() == 1


# ---------------------------------------------------------------- gazette (政府公报) articles


@pytest.fixture
def draft_issue(directory):
    document = publish(make_document(directory.city, title="江门市社会救助家庭经济状况核对办法",
                                     doc_number="江府〔2025〕3号", written_on=D(2025, 3, 1)), D(2025, 3, 10))
    issue = gazette_issue_create(government=directory.city, year=2025, number=3, issued_on=D(2025, 3, 25))
    return issue, document


def test_coordinator_adds_a_library_document_to_the_issue(client, directory, draft_issue):
    issue, document = draft_issue
    client.force_login(directory.user("gkb"))
    url = reverse("policies:gazette_issue", args=[issue.pk])
    response = client.post(url, {"section": "市政府文件", "document": document.pk})
    assert response.status_code == 302 and response["Location"] == url
    article = issue.articles.get()
    assert (article.section, article.title, article.doc_number) == ("市政府文件", document.title, "江府〔2025〕3号")


def test_a_refused_article_is_shown_on_the_form_with_its_input_and_nothing_is_added(client, directory, draft_issue):
    issue, _ = draft_issue
    client.force_login(directory.user("gkb"))
    url = reverse("policies:gazette_issue", args=[issue.pk])
    response = client.post(url, {"section": "人事任免", "title": "江门市人民政府关于张三等同志职务任免的通知"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["未关联文件库记录的文章须填写正文"]
    assert "江门市人民政府关于张三等同志职务任免的通知" in response.content.decode()
    response = client.post(url, {"section": "", "title": "任免通知", "body": "任命张三为江门市民政局副局长。"})
    assert response.status_code == 200 and response.context["form"].errors["section"] == ["该字段是必填项。"]
    assert not GazetteArticle.objects.exists()


def test_only_the_governments_coordinator_adds_articles(client, directory, draft_issue):
    issue, document = draft_issue
    url = reverse("policies:gazette_issue", args=[issue.pk])
    for username in ("pj_gkb", "gkb_jb"):  # 蓬江区's coordinator; a handler of the city's office
        client.force_login(directory.user(username))
        assert client.post(url, {"section": "市政府文件", "document": document.pk}).status_code == 404, username
    client.force_login(directory.user("leader"))  # sees the city's issues, read-only
    response = client.post(url, {"section": "市政府文件", "document": document.pk}, follow=True)
    assert "只有公开办管理员可以编辑公报" in response.content.decode()
    assert not GazetteArticle.objects.exists()


# ---------------------------------------------------------------- interpretations (政策解读)


@pytest.fixture
def mzj_document(directory):
    return publish(make_document(directory.unit("市民政局")), D(2024, 3, 8))


def test_handler_writes_an_interpretation_and_submits_it_for_review(client, directory, mzj_document):
    client.force_login(directory.user("mzj_jb"))
    response = client.post(reverse("policies:interpretation_create", args=[mzj_document.pk]), {
        "title": "《核对办法》解读", "form": "text", "body": "一、出台背景。二、主要内容。"})
    interpretation = Interpretation.objects.get(title="《核对办法》解读")
    assert response.status_code == 302
    assert response["Location"] == reverse("policies:interpretation", args=[interpretation.pk])
    assert interpretation.document == mzj_document and interpretation.contact_name == mzj_document.contact_name
    response = client.post(reverse("policies:interpretation_action", args=[interpretation.pk, "submit"]), {})
    interpretation.refresh_from_db()
    assert response.status_code == 302 and interpretation.item.status == ItemStatus.IN_REVIEW


def test_an_interpretation_without_a_title_or_with_an_unsupported_file_is_shown_again_and_not_saved(
    client, directory, mzj_document,
):
    client.force_login(directory.user("mzj_jb"))
    url = reverse("policies:interpretation_create", args=[mzj_document.pk])
    response = client.post(url, {"title": "", "form": "text", "body": "一、出台背景。"})
    assert response.status_code == 200 and response.context["form"].errors["title"] == ["该字段是必填项。"]
    assert response.context["form"]["body"].value() == "一、出台背景。"
    response = client.post(url, {"title": "一图读懂", "form": "graphic", "body": "文字说明",
                                 "media": SimpleUploadedFile("tu.exe", b"MZ")})
    assert response.status_code == 200
    assert response.context["form"].errors["media"] == ["只支持图片（png/jpg/svg）、音视频（mp4/webm/mp3/m4a）或PDF文件"]
    assert not Interpretation.objects.exists()


def test_withdrawing_an_interpretation_without_a_reason_names_the_field_and_withdraws_nothing(
    client, directory, mzj_document,
):
    interpretation = interpret(mzj_document, on=D(2024, 3, 11))
    client.force_login(directory.user("gkb"))
    response = client.post(reverse("policies:interpretation_action", args=[interpretation.pk, "withdraw"]),
                           {"reason": " "})
    assert response.status_code == 200  # the page again, with the form as sent
    assert [str(m) for m in response.context["messages"]] == ["撤回原因：该字段是必填项。"]
    assert response.context["withdraw_form"].errors["reason"] == ["该字段是必填项。"]
    assert "撤回原因：该字段是必填项。" in response.content.decode()
    interpretation.refresh_from_db()
    assert interpretation.status == InterpretationStatus.PUBLISHED


def test_a_refused_return_of_an_interpretation_keeps_the_reviewers_text(client, directory, mzj_document):
    interpretation = interpret(mzj_document, on=D(2024, 3, 11))  # published: nothing left to return
    client.force_login(directory.user("gkb"))
    response = client.post(reverse("policies:interpretation_action", args=[interpretation.pk, "return"]),
                           {"reason": "请补充新旧政策对比"})
    assert response.status_code == 200 and len(list(response.context["messages"])) == 1
    assert response.context["return_form"]["reason"].value() == "请补充新旧政策对比"
    interpretation.refresh_from_db()
    assert interpretation.status == InterpretationStatus.PUBLISHED


# ---------------------------------------------------------------- document actions (登记、修改、废止 …)


def test_a_repeal_without_a_date_names_the_field_and_keeps_the_reason(client, directory, mzj_document):
    client.force_login(directory.user("gkb"))
    response = client.post(reverse("policies:document_action", args=[mzj_document.pk, "repeal"]),
                           {"on": "", "reason": "已被新办法替代"})
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == ["废止日期：该字段是必填项。"]
    form = response.context["repeal_form"]
    assert form.errors["on"] == ["该字段是必填项。"] and form["reason"].value() == "已被新办法替代"
    assert "已被新办法替代" in response.content.decode()
    mzj_document.refresh_from_db()
    assert mzj_document.status == DocumentStatus.IN_FORCE


def test_a_repeal_the_service_refuses_is_reported_in_chinese_with_the_input_kept(client, directory, mzj_document):
    client.force_login(directory.user("gkb"))
    response = client.post(reverse("policies:document_action", args=[mzj_document.pk, "repeal"]),
                           {"on": "2025-01-06", "reason": ""})
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == ["废止须指明废止文件或说明理由"]
    assert response.context["repeal_form"]["on"].value() == "2025-01-06"
    mzj_document.refresh_from_db()
    assert mzj_document.status == DocumentStatus.IN_FORCE


def test_another_units_staff_cannot_write_or_act_on_interpretations(client, directory, mzj_document):
    interpretation = interpret(mzj_document, on=D(2024, 3, 11))
    client.force_login(directory.user("fgj"))  # 市发展改革局's liaison
    assert client.post(reverse("policies:interpretation_create", args=[mzj_document.pk]), {
        "title": "越权解读", "form": "text", "body": "正文"}).status_code == 404
    assert client.post(reverse("policies:interpretation_action", args=[interpretation.pk, "withdraw"]),
                       {"reason": "越权撤回"}).status_code == 404
    client.force_login(directory.user("mzj_sh"))  # the unit's reviewer does not write interpretations
    assert client.post(reverse("policies:interpretation_create", args=[mzj_document.pk]), {
        "title": "越权解读", "form": "text", "body": "正文"}).status_code == 403
    interpretation.refresh_from_db()
    assert interpretation.status == InterpretationStatus.PUBLISHED
    assert list(Interpretation.objects.all()) == [interpretation]


def _interpretation_list_queries(client, document, size: int) -> int:
    for i in range(size):
        interpret(document, on=D(2024, 3, 11), title=f"第{size}-{i}篇解读")
    url = reverse("policies:interpretations")
    client.get(url)  # sessions and cached reference data are read once, whatever the page
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200 and len(response.context["page"]) >= size
    return len(queries)


def test_interpretation_list_reads_as_many_queries_for_five_interpretations_as_for_two(client, directory, mzj_document):
    client.force_login(directory.user("mzj_jb"))
    assert _interpretation_list_queries(client, mzj_document, 2) == _interpretation_list_queries(client, mzj_document, 5)


def test_only_the_documents_own_government_registers_it(client, directory):
    """统一登记 belongs to each government: the city's coordinator sees a district draft but may not register it."""
    draft = make_document(directory.unit("区民政局"), doc_number="蓬民〔2025〕3号", written_on=D(2025, 2, 1))
    url = reverse("policies:document_action", args=[draft.pk, "register"])
    client.force_login(directory.user("gkb"))
    page = client.get(reverse("policies:document", args=[draft.pk])).content.decode()
    assert url not in page  # not offered
    response = client.post(url, {"on": "2025-02-10"}, follow=True)
    assert "统一登记由江门市蓬江区人民政府公开办办理" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT and not draft.registration_number
    client.force_login(directory.user("pj_gkb"))
    assert url in client.get(reverse("policies:document", args=[draft.pk])).content.decode()
    client.post(url, {"on": "2025-02-10"})
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.REGISTERED and draft.registration_number
