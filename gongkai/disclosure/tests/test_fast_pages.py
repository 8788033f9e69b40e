"""The item and column pages are assembled from a cached frame and hand-written reads (frames.py,
page_reads.py) for speed; they must say exactly what the ORM and a whole-template render would."""

import datetime as dt

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext, override_script_prefix
from django.utils.safestring import mark_safe

from gongkai.disclosure import page_reads, services
from gongkai.disclosure.frames import render_framed
from gongkai.disclosure.models import InformationItem, ReviewStep, Validity
from gongkai.disclosure.tests.factories import make_column, publish


@pytest.fixture
def column(directory):
    return make_column(directory.unit("市民政局"), slug="shjz", name="社会救助")


def test_framed_page_is_byte_for_byte_the_whole_template(column):
    request = RequestFactory().get("/xxgk/item/x/")
    context = {"unit": column.unit, "column": column, "ancestors": []}
    slots = {"title": "关于<低保>标准的通知 & 附件", "article": mark_safe("<p>正文</p>"), "page_url": "http://t/x?a=1&b=2"}
    framed = render_framed(request, "disclosure/public/item.html", frame_key="test", context=context, slots=slots)
    whole = render_to_string("disclosure/public/item.html", {**context, **slots}, request)
    assert framed.content.decode() == whole
    assert "关于&lt;低保&gt;标准的通知 &amp; 附件" in whole  # plain slots are escaped, SafeStrings are not


def test_items_of_one_column_share_its_frame(client, column, django_assert_num_queries):
    first = publish(column, "第一条", dt.date(2025, 3, 1))
    second = publish(column, "第二条", dt.date(2025, 3, 2), issuing_organ="江门市民政局")
    assert client.get(f"/xxgk/item/{first.index_number}/").status_code == 200
    # The frame (chrome, breadcrumbs, column link) is cached: the second item costs one read (row and attachments).
    with django_assert_num_queries(1):
        html = client.get(f"/xxgk/item/{second.index_number}/").content.decode()
    assert "第二条" in html and "社会救助" in html and "江门市民政局" in html and "第一条" not in html


def test_item_read_matches_the_orm(column, directory):
    handler, reviewer = directory.user("mzj_jb"), directory.user("mzj_sh")
    services.review_config_set(unit=column.unit, steps=[ReviewStep.FINAL])
    item = services.item_create(column=column, by=handler, title="关于调整低保标准的通知", body="正文。",
                                written_on=dt.date(2025, 3, 28), doc_number="江民〔2025〕7号",
                                topic="民政、扶贫、救灾\\社会救助")
    services.item_attachment_add(item=item, by=handler, name="正文.pdf", data=b"%PDF-1.4 x", is_original=True)
    services.item_attachment_add(item=item, by=handler, name="附件1.xlsx", data=b"PK\x03\x04 x", is_original=False)
    services.item_submit(item=item, by=handler)
    item = services.item_approve(item=item, by=reviewer, publish_on=dt.date(2025, 4, 1))
    fast = page_reads.item_for_page(item.index_number)
    orm = InformationItem.objects.get(pk=item.pk)
    for field in page_reads.ITEM_FIELDS:
        assert getattr(fast, field) == getattr(orm, field), field
    assert isinstance(fast.published_on, dt.date) and isinstance(fast.written_on, dt.date)
    assert [a.original_name for a in fast.page_attachments] == ["正文.pdf", "附件1.xlsx"]
    assert page_reads.item_for_page(str(item.pk)).pk == item.pk  # an item is also found by id
    assert page_reads.item_for_page("no-such-key") is None
    assert page_reads.unit_name(item.unit_id) == column.unit.name


def test_column_list_pages_by_keyset_like_the_orm(column):
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=n // 2) for n in range(7)]  # two items a day: ties on date
    items = [publish(column, f"第{n}条", day, validity=Validity.REPEALED if n == 3 else "")
             for n, day in enumerate(days)]
    expected = sorted(items, key=lambda i: (i.published_on, i.pk), reverse=True)
    first = page_reads.column_items(column.pk, after=None, limit=3)
    assert [r.id for r in first] == [i.pk for i in expected[:3]]
    rest = page_reads.column_items(column.pk, after=(first[-1].published_on, first[-1].id), limit=10)
    assert [r.id for r in rest] == [i.pk for i in expected[3:]]
    assert {r.id: r.validity for r in first + rest}[items[3].pk] == Validity.REPEALED
    assert page_reads.column_for_page(column.unit_id, "shjz", 1).pk == column.pk
    assert page_reads.column_for_page(column.unit_id, "nope", 1) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="server-side prepared statements are PostgreSQL's")
def test_page_reads_are_prepared_once_per_connection_on_postgresql(column):
    """Planning the item lookup costs more than running it at a million items: the page reads must run as
    prepared statements (which needs the connection's prepare_threshold set in settings)."""
    item = publish(column, "第一条", dt.date(2025, 3, 1))
    other = publish(column, "第二条", dt.date(2025, 3, 2))

    def prepared() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s",
                           ["%disclosure_informationitem%"])
            return [row[0] for row in cursor.fetchall()]

    before = prepared()
    with CaptureQueriesContext(connection) as queries:
        assert page_reads.item_for_page(item.index_number).pk == item.pk
    assert "disclosure_informationitem" in queries.captured_queries[0]["sql"]  # logged like any query
    assert page_reads.item_for_page(other.index_number).pk == other.pk
    after = prepared()
    assert len(after) == len(before) + 1  # one statement, prepared on first use and reused
    assert page_reads.column_items(column.pk, after=(other.published_on, other.pk), limit=5)[0].id == item.pk
    assert len(prepared()) == len(after) + 1


def test_column_list_shows_rows_escaped_with_validity_and_paging(client, column, settings):
    settings.GONGKAI_DISCLOSURE_PAGE_SIZE = 2
    publish(column, "A<b>&C", dt.date(2025, 5, 1), doc_number="江民〔2025〕1号")
    publish(column, "旧规定", dt.date(2025, 4, 1), validity=Validity.REPEALED)
    publish(column, "最早", dt.date(2025, 3, 1))
    html = client.get(f"/xxgk/{column.unit_id}/shjz/").content.decode()
    assert "A&lt;b&gt;&amp;C" in html and "江民〔2025〕1号" in html
    assert '<span class="tag danger">废止</span>' in html and '<span class="date">2025-05-01</span>' in html
    assert "最早" not in html and 'rel="next"' in html
    cursor = html.split('href="?after=')[1].split('"')[0]
    second = client.get(f"/xxgk/{column.unit_id}/shjz/?after={cursor}").content.decode()
    assert "最早" in second and "旧规定" not in second and "第一页" in second


def test_item_addresses_are_quoted_once_and_escaped_for_html():
    from gongkai.disclosure.views_public import _item_url_maker

    plain, for_html = _item_url_maker(), _item_url_maker(html=True)
    assert plain("11440700000000001E/2025-0000123") == "/xxgk/item/11440700000000001E/2025-0000123/"
    assert plain("甲&乙 1") == "/xxgk/item/%E7%94%B2%26%E4%B9%99%201/" == for_html("甲&乙 1")
    with override_script_prefix("/a&b/"):  # a deployment under an odd script prefix
        assert _item_url_maker(html=True)("X1") == "/a&amp;b/xxgk/item/X1/"
        assert _item_url_maker()("X1") == "/a&b/xxgk/item/X1/"
