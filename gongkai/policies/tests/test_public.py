import datetime as dt

import pytest
from django.urls import reverse

from gongkai.disclosure.services import item_withdraw
from gongkai.policies.services import policy_document_amend, policy_document_repeal

from .factories import interpret, make_document, publish

D = dt.date


@pytest.fixture
def published(directory):
    mzj = directory.unit("市民政局")
    document = publish(make_document(mzj, topic="民政、扶贫、救灾\\社会救助"), D(2024, 3, 8))
    interpretation = interpret(document, on=D(2024, 3, 11), form="qa", title="一图读懂核对办法问答")
    return document, interpretation


def test_document_page_shows_metadata_interpretations_and_contact(client, published):
    document, interpretation = published
    html = client.get(reverse("policies_public:document", args=[document.pk])).content.decode()
    for text in ("索引号", document.item.index_number, "江民〔2024〕", "统一登记号", "有效期至", "2029年03月07日",
                 "民政、扶贫、救灾\\社会救助", "政策咨询", "0750-3270000", interpretation.title):
        assert text in html
    assert reverse("policies_public:interpretation", args=[interpretation.pk]) in html
    assert 'class="stamp' not in html  # in force: no stamp


def test_interpretation_page_links_back_to_its_document(client, published):
    document, interpretation = published
    html = client.get(reverse("policies_public:interpretation", args=[interpretation.pk])).content.decode()
    assert reverse("policies_public:document", args=[document.pk]) in html and "问答" in html and "0750-3270000" in html


def test_repealed_document_is_stamped_with_date_and_reason(client, published):
    document, _ = published
    policy_document_repeal(document=document, on=D(2025, 1, 15), reason="上位法已修改")
    html = client.get(reverse("policies_public:document", args=[document.pk])).content.decode()
    assert "已废止" in html and "2025年1月15日" in html and "上位法已修改" in html and 'class="stamp' in html


def test_amended_document_links_to_the_amending_document_and_back(client, directory, published):
    document, _ = published
    amending = publish(make_document(directory.unit("市民政局"), title="关于修改核对办法的决定", written_on=D(2025, 1, 2)),
                       D(2025, 1, 6))
    policy_document_amend(document=document, amending=amending, on=D(2025, 1, 6))
    html = client.get(reverse("policies_public:document", args=[document.pk])).content.decode()
    assert "已修改" in html and reverse("policies_public:document", args=[amending.pk]) in html
    html = client.get(reverse("policies_public:document", args=[amending.pk])).content.decode()
    assert "本文件修改或废止了" in html and document.title in html


def test_drafts_and_withdrawn_documents_are_not_public(client, directory, published):
    draft = make_document(directory.unit("市民政局"))
    assert client.get(reverse("policies_public:document", args=[draft.pk])).status_code == 404
    document, _ = published
    item_withdraw(item=document.item, by=None, reason="发布有误")
    assert client.get(reverse("policies_public:document", args=[document.pk])).status_code == 404
    assert document.title not in client.get(reverse("policies_public:library")).content.decode()


def test_library_filters_by_status_and_year(client, directory, published):
    document, _ = published
    other = publish(make_document(directory.unit("市民政局"), title="另一份文件", written_on=D(2025, 1, 2)), D(2025, 1, 6))
    policy_document_repeal(document=other, on=D(2025, 2, 1), reason="过时")
    html = client.get(reverse("policies_public:library"), {"status": "repealed"}).content.decode()
    assert "另一份文件" in html and document.title not in html
    html = client.get(reverse("policies_public:library"), {"year": "2024"}).content.decode()
    assert document.title in html and "另一份文件" not in html


def test_library_and_in_force_list_do_not_grow_queries_with_rows(client, directory, django_assert_max_num_queries):
    mzj = directory.unit("市民政局")
    for i in range(6):
        publish(make_document(mzj, title=f"文件{i}"), D(2024, 3, 8))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("policies_public:library")).status_code == 200
    with django_assert_max_num_queries(8):
        html = client.get(reverse("policies_public:in_force")).content.decode()
    assert "文件5" in html


def test_in_force_list_excludes_repealed_documents(client, published):
    document, _ = published
    assert document.title in client.get(reverse("policies_public:in_force")).content.decode()
    policy_document_repeal(document=document, on=D(2025, 1, 15), reason="过时")
    assert document.title not in client.get(reverse("policies_public:in_force")).content.decode()
