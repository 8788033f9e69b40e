import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.search.backends import backend
from gongkai.search.models import SearchDocument
from gongkai.search.selectors import search
from gongkai.search.services import search_document_delete, search_document_upsert

from .factories import index

pytestmark = pytest.mark.django_db


def keys(results):
    return [h.key for h in results.hits]


def test_a_two_character_word_finds_the_document_and_marks_it():
    key = index("江门市最低生活保障标准调整公告", "自2025年7月1日起，全市低保标准提高到每人每月1100元。")
    index("关于开展防汛演练的通知", "各镇街做好防汛准备。")
    results = search(query="低保")
    assert keys(results) == [key]
    assert "<mark>低保</mark>" in results.hits[0].snippet_html


def test_title_hit_ranks_above_body_hit():
    in_body = index("关于做好年度工作的通知", "本通知涉及社会救助资金的发放和管理。" * 2)
    in_title = index("江门市社会救助工作规程", "为规范有关工作，制定本规程。")
    assert keys(search(query="社会救助")) == [in_title, in_body]


def test_date_order_puts_newest_first_regardless_of_relevance():
    old = index("社会救助办法", "社会救助 社会救助", published_on=datetime.date(2020, 1, 1))
    new = index("关于通知", "涉及社会救助。", published_on=datetime.date(2025, 1, 1))
    assert keys(search(query="社会救助", order="date")) == [new, old]


def test_every_word_must_occur_and_only_when_none_has_all_the_search_is_relaxed():
    both = index("社会救助资金公示", "2025年社会救助资金")
    one = index("资金管理办法", "财政资金")
    results = search(query="社会救助 资金")
    assert keys(results) == [both] and not results.relaxed
    relaxed = search(query="资金 防汛")
    assert relaxed.relaxed
    assert set(keys(relaxed)) == {both, one}


def test_traditional_character_query_finds_simplified_text():
    key = index("江门市蓬江区民政局2025年政府信息公开工作年度报告", "本报告根据《中华人民共和国政府信息公开条例》编制。")
    results = search(query="蓬江區民政局")
    assert keys(results) == [key]
    assert "<mark>蓬江区民政局</mark>" in results.hits[0].title_html


def test_taiwan_wording_finds_mainland_wording():
    key = index("政府信息公开指南", "本指南说明申请方式。")
    results = search(query="政府資訊公開")
    assert keys(results) == [key] and not results.relaxed


def test_phrase_in_quotes_must_occur_exactly():
    exact = index("依申请公开办理规程", "依申请公开的办理期限为20个工作日。")
    apart = index("申请材料清单", "依法公开，申请人应当提交身份证明。")
    assert set(keys(search(query="申请 公开"))) == {exact, apart}
    assert keys(search(query='"依申请公开"')) == [exact]


def test_snippet_is_escaped_and_only_the_match_is_marked():
    index("关于<script>的说明", "正文含有<b>标签</b>与 & 符号：低保标准。")
    hit = search(query="低保").hits[0]
    assert "<script>" not in hit.title_html and "&lt;script&gt;" in hit.title_html
    assert "&amp;" in hit.snippet_html and "<mark>低保</mark>" in hit.snippet_html
    assert "<b>" not in hit.snippet_html


def test_long_body_snippet_is_cut_around_the_match():
    body = "前言部分。" * 60 + "本条规定了临时救助的申请条件。" + "附则部分。" * 60
    index("办法", body)
    snippet = search(query="临时救助").hits[0].snippet_html
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>临时救助</mark>" in snippet
    assert len(snippet) < 200


NASTY = [
    '"', '""', "'", "*", "NEAR", "NEAR(低保 救助, 2)", "低保*", "^低保", "title:低保", "低保 OR 救助",
    "低保 AND", "(", ")", "-低保", "低保 NOT 救助", "a:b:c", "{低保}", "低保 & 救助 | !x", "<->", "\\",
    "%", "_", "' OR 1=1 --", "\x00", "\x000", "低保\x00救助", "🙂", "　", "低保" * 200,
]


@pytest.mark.parametrize("query", NASTY)
def test_search_syntax_in_user_input_never_raises(query):
    index("低保标准公告", "低保 救助")
    results = search(query=query)
    assert results.total >= 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_any_text_is_a_valid_query(text):
    search(query=text)


def test_filters_by_kind_year_topic_and_validity(directory):
    mzj = directory.unit("市民政局")
    policy = index("社会救助办法", "社会救助", kind="policy", unit=mzj, validity="有效",
                   topic="民政、扶贫、救灾\\社会救助", published_on=datetime.date(2024, 3, 1))
    repealed = index("社会救助暂行办法", "社会救助", kind="policy", unit=mzj, validity="废止",
                     published_on=datetime.date(2019, 3, 1))
    item = index("社会救助资金公示", "社会救助", kind="item", unit=directory.unit("市财政局"),
                 published_on=datetime.date(2024, 5, 1))
    assert set(keys(search(query="社会救助", kinds=["policy"]))) == {policy, repealed}
    assert set(keys(search(query="社会救助", year=2024))) == {policy, item}
    assert keys(search(query="社会救助", topic="民政、扶贫、救灾")) == [policy]
    assert keys(search(query="社会救助", validity="废止")) == [repealed]
    assert set(keys(search(query="社会救助", unit=mzj))) == {policy, repealed}
    # a government's filter covers its departments
    assert len(keys(search(query="社会救助", unit=directory.city))) == 3


def test_facets_count_kinds_units_and_years(directory):
    mzj = directory.unit("市民政局")
    index("社会救助办法", "", kind="policy", unit=mzj, published_on=datetime.date(2024, 3, 1))
    index("社会救助解读", "", kind="interpretation", unit=mzj, published_on=datetime.date(2024, 3, 2))
    index("社会救助公示", "", kind="item", unit=mzj, published_on=datetime.date(2023, 3, 2))
    facets = search(query="社会救助").facets
    assert {f.value: f.count for f in facets["kind"]} == {"policy": 1, "interpretation": 1, "item": 1}
    assert [(f.label, f.count) for f in facets["unit"]] == [(mzj.name, 3)]
    assert [(f.value, f.count) for f in facets["year"]] == [("2024", 2), ("2023", 1)]


def test_filters_alone_list_by_date_and_an_empty_request_lists_nothing(directory):
    index("甲", "", kind="policy", published_on=datetime.date(2024, 1, 1))
    b = index("乙", "", kind="policy", published_on=datetime.date(2025, 1, 1))
    assert search(query="").total == 0
    results = search(query="", kinds=["policy"])
    assert results.total == 2 and results.hits[0].key == b


def test_pagination():
    for i in range(25):
        index(f"低保公示第{i}期", "低保", published_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=i))
    first = search(query="低保", order="date", page_size=10)
    third = search(query="低保", order="date", page=3, page_size=10)
    assert first.total == 25 and first.num_pages == 3 and first.has_next
    assert len(third.hits) == 5 and not third.has_next
    assert not set(keys(first)) & set(keys(third))


# ------------------------------------------------------------------ scoping: drafts


def test_public_never_sees_drafts(directory):
    index("社会救助草稿", "社会救助", unit=directory.unit("市民政局"), is_public=False)
    published = index("社会救助办法", "社会救助", unit=directory.unit("市民政局"))
    assert keys(search(query="社会救助")) == [published]
    assert keys(search(query="社会救助", user=None)) == [published]


def test_staff_sees_only_drafts_of_visible_units(directory):
    city_draft = index("社会救助草稿（市）", "社会救助", unit=directory.unit("市民政局"), is_public=False)
    district_unit = directory.pengjiang.children.get(short_name="区民政局")
    district_draft = index("社会救助草稿（区）", "社会救助", unit=district_unit, is_public=False)
    published = index("社会救助办法", "社会救助", unit=directory.unit("市财政局"))

    city_handler = set(keys(search(query="社会救助", user=directory.user("mzj_jb"))))
    assert city_handler == {city_draft, published}
    district_liaison = set(keys(search(query="社会救助", user=directory.user("pjmz"))))
    assert district_liaison == {district_draft, published}
    other_department = set(keys(search(query="社会救助", user=directory.user("fgj"))))
    assert other_department == {published}
    hits = search(query="社会救助", user=directory.user("mzj_jb")).hits
    assert {h.key: h.is_public for h in hits}[city_draft] is False


def test_a_draft_without_unit_is_not_shown_to_staff(directory):
    index("无单位草稿", "社会救助", is_public=False)
    assert search(query="社会救助", user=directory.user("gkb")).total == 0


def test_text_search_and_the_filter_listing_show_each_user_the_same_documents(directory):
    """Words are matched with visibility and the unit subtree as index tags, filters alone on the documents
    table: both take what a user may see from one place (`_visible`) and a unit's sub-units from
    organisations.selectors.subtree, so they agree for every kind of user and unit filter."""
    district_unit = directory.pengjiang.children.get(short_name="区民政局")
    units = [directory.unit("市民政局"), directory.unit("市财政局"), directory.pengjiang, district_unit, None]
    for n, unit in enumerate(units):
        for is_public in (True, False):
            index(f"社会救助{n}", "社会救助", unit=unit, is_public=is_public)
    superuser, inactive = directory.user("fgj"), directory.user("mzj_jb")
    superuser.is_superuser, inactive.is_active = True, False
    users = [None, directory.user("mzj_jb"), directory.user("pjmz"), directory.user("gkb"), superuser, inactive]
    unit_filters = [None, directory.city, directory.unit("市民政局"), directory.pengjiang, str(district_unit.pk), "999999"]
    for user in users:
        for unit in unit_filters:
            listed = set(keys(search(query="", user=user, unit=unit, kinds=["item"], page_size=100)))
            found = set(keys(search(query="社会救助", user=user, unit=unit, kinds=["item"], page_size=100)))
            assert found == listed, (user, unit)
    assert len(set(keys(search(query="社会救助", user=superuser, page_size=100)))) == 10
    assert len(set(keys(search(query="社会救助", user=inactive, page_size=100)))) == 5
    assert len(set(keys(search(query="社会救助", user=superuser, unit=directory.pengjiang, page_size=100)))) == 4


def test_a_search_reads_the_newest_id_once_however_many_attempts_it_makes(monkeypatch):
    """PostgreSQL lays its windows out down from the newest id: one read per request, not one per attempt
    (the words as written, their mainland variant, any of the words)."""
    key = index("低保标准", "低保")
    be_class = type(backend())
    windows = []
    original = be_class.window

    def counted(self, *args, **kwargs):
        windows.append(kwargs.get("below"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(be_class, "window", counted)
    with CaptureQueriesContext(connection) as ctx:
        results = search(query="資訊公開 低保")
    assert results.relaxed and keys(results) == [key]
    assert len(windows) == 3
    reads = [q["sql"] for q in ctx.captured_queries if "max(" in q["sql"].lower()]
    assert len(reads) == (1 if connection.vendor == "postgresql" else 0), reads


# ------------------------------------------------------------------ the index stays in step with the services


def test_upsert_replaces_the_indexed_words():
    index("低保标准", "旧的内容", key="disclosure.item:1")
    index("特困供养标准", "新的内容", key="disclosure.item:1")
    assert search(query="低保").total == 0
    assert keys(search(query="特困供养")) == ["disclosure.item:1"]
    assert SearchDocument.objects.count() == 1


def test_publishing_a_draft_makes_it_public():
    index("低保标准", "", key="k:1", is_public=False)
    assert search(query="低保").total == 0
    index("低保标准", "", key="k:1", is_public=True)
    assert search(query="低保").total == 1


def test_delete_removes_the_document_from_search():
    index("低保标准", "", key="k:1")
    search_document_delete(key="k:1")
    search_document_delete(key="k:1")  # deleting twice is harmless
    assert search(query="低保").total == 0
    assert not SearchDocument.objects.exists()


def test_html_body_is_indexed_as_text():
    index("公告", "<p>低保<strong>标准</strong></p><p>第二段</p>")
    doc = SearchDocument.objects.get()
    assert "<" not in doc.body and "低保标准" in doc.body
    assert search(query="strong").total == 0


def test_doc_number_is_searchable():
    key = index("关于印发社会救助办法的通知", "", doc_number="江府〔2024〕3号")
    assert keys(search(query="江府")) == [key]


@pytest.mark.django_db(transaction=True)
def test_index_rolls_back_with_the_callers_transaction():
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        search_document_upsert(key="k:9", kind="item", title="低保标准", body="", url="/x")
        raise RuntimeError
    assert search(query="低保").total == 0
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH '\"低保\"'")
            assert cursor.fetchone()[0] == 0


def test_fts_integrity_after_updates_and_deletes():
    if connection.vendor != "sqlite":
        pytest.skip("FTS5 integrity check is SQLite-only")
    for i in range(5):
        index(f"低保{i}", "内容", key=f"k:{i}")
    index("特困", "内容", key="k:1")
    search_document_delete(key="k:2")
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES('integrity-check', 1)")


def test_very_large_result_sets_stop_counting_and_rank_the_most_recent_matches(settings):
    settings.GONGKAI_SEARCH_COUNT_LIMIT = 3
    settings.GONGKAI_SEARCH_RANK_WINDOW = 2
    oldest = index("低保标准 低保", "低保")
    for i in range(3):
        index(f"低保公示{i}", "低保")
    newest = index("低保", "低保")
    results = search(query="低保")
    assert results.total == 3 and results.total_is_lower_bound and results.ranked_recent_only
    assert oldest not in keys(results) and newest in keys(results)
    assert results.facets == {}
