import datetime

import pytest
from django.urls import reverse

from .factories import index

pytestmark = [pytest.mark.django_db, pytest.mark.urls("gongkai.search.tests.urls")]


def test_public_page_shows_highlighted_hits_with_metadata(client, directory):
    index("江门市最低生活保障标准调整公告", "全市低保标准提高到每人每月1100元。", unit=directory.unit("市民政局"),
          validity="有效", doc_number="江民〔2025〕1号")
    response = client.get(reverse("search_public:search"), {"q": "低保"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "共找到 <strong>1</strong> 条结果" in html
    assert "<mark>低保</mark>" in html
    assert "江门市民政局" in html and "江民〔2025〕1号" in html


def test_public_page_without_query_shows_the_form_only(client, db):
    response = client.get(reverse("search_public:search"))
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
    assert "检索结果" not in response.content.decode()


def test_no_results_page_offers_help(client, db):
    html = client.get(reverse("search_public:search"), {"q": "不存在的词语组合"}).content.decode()
    assert "未找到" in html and "依申请公开" in html and "检索建议" in html


def test_public_page_never_lists_drafts_even_for_a_logged_in_user(client, directory):
    index("社会救助草稿", "社会救助", unit=directory.unit("市民政局"), is_public=False)
    client.force_login(directory.user("mzj_jb"))
    html = client.get(reverse("search_public:search"), {"q": "社会救助"}).content.decode()
    assert "社会救助草稿" not in html


def test_staff_page_lists_drafts_of_own_unit_marked_unpublished(client, directory):
    index("社会救助草稿", "社会救助", unit=directory.unit("市民政局"), is_public=False)
    client.force_login(directory.user("mzj_jb"))
    html = client.get(reverse("search:search"), {"q": "社会救助"}).content.decode()
    assert "草稿" in html and "未公开" in html


def test_staff_page_requires_login(client, db):
    response = client.get(reverse("search:search"), {"q": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_invalid_parameters_are_reported_and_ignored(client, db):
    index("低保标准", "低保")
    html = client.get(reverse("search_public:search"), {"q": "低保", "unit": "abc", "year": "1",
                                                        "page": "x", "order": "bogus"}).content.decode()
    assert "所选单位不存在，已忽略" in html and "年份无效" in html
    assert "共找到 <strong>1</strong> 条结果" in html


def test_facet_links_keep_the_query_and_reset_the_page(client, db):
    index("低保标准", "低保", kind="policy", published_on=datetime.date(2024, 1, 1))
    index("低保公示", "低保", kind="item", published_on=datetime.date(2025, 1, 1))
    response = client.get(reverse("search_public:search"), {"q": "低保", "page": "1"})
    html = response.content.decode()
    assert "?q=%E4%BD%8E%E4%BF%9D&amp;kind=policy" in html
    assert "year=2024" in html


def test_results_page_runs_a_fixed_number_of_queries(client, directory, django_assert_max_num_queries):
    for i in range(30):
        index(f"低保公示{i}", "低保", unit=directory.unit("市民政局"))
    # index window, segmented text of the candidates, hits page (with units), facet unit names, unit
    # choices of the form; on PostgreSQL also the newest id and up to a few widening recency windows
    # (bounded by their growth, never one per hit)
    with django_assert_max_num_queries(10):
        client.get(reverse("search_public:search"), {"q": "低保"})


def test_api_returns_hits_facets_and_pages(client, directory):
    index("低保标准", "全市低保标准", kind="policy", unit=directory.unit("市民政局"))
    data = client.get("/api/search/", {"q": "低保", "kind": "policy"}).json()
    assert data["total"] == 1 and data["relaxed"] is False
    hit = data["results"][0]
    assert hit["kind_label"] == "政策文件" and "<mark>低保</mark>" in hit["title_html"]
    assert hit["unit"]["name"] == "江门市民政局"
    assert data["facets"]["kind"][0] == {"value": "policy", "label": "政策文件", "count": 1, "selected": True}


def test_api_rejects_an_unknown_kind_with_a_message(client, db):
    response = client.get("/api/search/", {"q": "低保", "kind": "bad"})
    assert response.status_code == 400 and "kind" in response.json()


def test_api_includes_drafts_only_for_staff(client, directory):
    index("低保草稿", "低保", unit=directory.unit("市民政局"), is_public=False)
    assert client.get("/api/search/", {"q": "低保"}).json()["total"] == 0
    client.force_login(directory.user("mzj_jb"))
    data = client.get("/api/search/", {"q": "低保"}).json()
    assert data["total"] == 1 and data["results"][0]["is_public"] is False
