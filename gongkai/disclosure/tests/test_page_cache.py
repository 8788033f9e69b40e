"""The public page cache: a repeated anonymous request costs no query, and every change the public must see
(publish, withdraw, 有效性 stamped by the policies library, column changes) shows on the next request."""

import datetime as dt

import pytest
from django.test import Client

from gongkai.disclosure import services
from gongkai.disclosure.models import ItemStatus

from .factories import make_column, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def column(directory):
    column = make_column(directory.unit("市民政局"))
    publish(column, "关于低保标准调整的通知", dt.date(2026, 3, 2))
    return column


def _item_url(item):
    return f"/xxgk/item/{item.index_number}/"


def test_second_anonymous_request_is_served_without_queries(client, column, django_assert_num_queries):
    item = column.items.get()
    for url in [f"/xxgk/{column.unit_id}/", f"/xxgk/{column.unit_id}/tzgg/", _item_url(item),
                f"/xxgk/{column.unit_id}/catalogue/"]:
        first = client.get(url)
        assert first.status_code == 200 and first["X-Page-Cache"] == "miss", url
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.status_code == 200 and second["X-Page-Cache"] == "hit", url
        assert second.content == first.content
        assert second["Content-Type"].startswith("text/html")


def test_publishing_shows_on_the_next_request(client, column, directory):
    url = f"/xxgk/{column.unit_id}/tzgg/"
    assert "城乡医疗救助" not in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    services.review_config_set(unit=column.unit, steps=["final"])
    draft = services.item_create(column=column, title="关于城乡医疗救助的通知", body="正文。", by=None)
    services.item_submit(item=draft, by=None)
    assert "城乡医疗救助" not in client.get(url).content.decode()  # a draft is not public
    services.item_approve(item=draft, by=None, publish_on=dt.date(2026, 3, 5))
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "关于城乡医疗救助的通知" in response.content.decode()
    draft.refresh_from_db()
    assert "关于城乡医疗救助的通知" in client.get(f"/xxgk/{column.unit_id}/").content.decode()  # latest list


def test_withdrawing_removes_the_item_from_the_list_and_its_page(client, column):
    item = column.items.get()
    list_url, page_url = f"/xxgk/{column.unit_id}/tzgg/", _item_url(item)
    for url in (list_url, page_url, list_url, page_url):
        assert client.get(url).status_code == 200
    services.item_withdraw(item=item, by=None, reason="内容有误")
    assert "关于低保标准调整的通知" not in client.get(list_url).content.decode()
    gone = client.get(page_url)
    assert gone.status_code == 410 and "X-Page-Cache" not in gone  # 410 is never cached
    assert client.get(page_url).status_code == 410


def test_validity_change_of_a_public_item_is_stamped_at_once(client, column):
    item = column.items.get()
    url = _item_url(item)
    assert "已废止" not in client.get(url).content.decode()
    services.item_set_validity(item=item, validity="repealed", by=None)
    assert "已废止" in client.get(url).content.decode()


def test_policy_repeal_stamps_the_item_page(client, directory):
    from gongkai.policies.services import policy_document_repeal
    from gongkai.policies.tests.factories import make_document
    from gongkai.policies.tests.factories import publish as publish_document

    document = publish_document(make_document(directory.unit("市民政局")), dt.date(2024, 3, 10))
    document.item.refresh_from_db()
    url = _item_url(document.item)
    first = client.get(url).content.decode()
    assert "社会救助家庭经济状况核对办法" in first and "已废止" not in first
    assert client.get(url)["X-Page-Cache"] == "hit"
    policy_document_repeal(document=document, on=dt.date(2025, 1, 1), reason="上位法已修改")
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "已废止" in response.content.decode()


def test_column_rename_shows_on_the_next_request(client, column):
    url = f"/xxgk/{column.unit_id}/"
    assert "通知公告" in client.get(url).content.decode()
    services.column_update(column=column, name="通知和公告")
    assert "通知和公告" in client.get(url).content.decode()


def test_unit_rename_shows_in_breadcrumbs_and_headings(client, column):
    url = f"/xxgk/{column.unit_id}/tzgg/"
    client.get(url)
    unit = column.unit
    unit.name = "江门市民政和社会事务局"
    unit.save()
    assert "江门市民政和社会事务局" in client.get(url).content.decode()
    city = unit.parent
    assert "江门市政府" not in client.get(url).content.decode()
    city.name = "江门市政府"
    city.save()
    assert "江门市政府" in client.get(url).content.decode()  # breadcrumbs of ancestors too


def test_staff_with_a_session_always_get_a_fresh_page(client, column, directory):
    url = f"/xxgk/{column.unit_id}/tzgg/"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    client.force_login(directory.user("mzj_jb"))
    response = client.get(url)
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_unknown_query_parameters_and_404_bypass_the_cache(client, column, django_assert_max_num_queries):
    url = f"/xxgk/{column.unit_id}/tzgg/"
    for _ in range(2):
        response = client.get(url + "?utm_source=x")
        assert response.status_code == 200 and "X-Page-Cache" not in response
    for _ in range(2):
        missing = client.get(f"/xxgk/{column.unit_id}/nosuch/")
        assert missing.status_code == 404 and "X-Page-Cache" not in missing
    missing_item = client.get("/xxgk/item/NOSUCH/")
    assert missing_item.status_code == 404
    with django_assert_max_num_queries(5):
        assert client.get("/xxgk/item/NOSUCH/").status_code == 404  # rendered again, not served from cache


def test_cached_page_sets_no_cookie_and_carries_no_csrf_token(column):
    client = Client(enforce_csrf_checks=True)
    url = f"/xxgk/{column.unit_id}/tzgg/"
    first, second = client.get(url), client.get(url)
    for response in (first, second):
        assert not response.cookies
        assert "csrfmiddlewaretoken" not in response.content.decode()
    assert 'method="get"' in second.content.decode()  # the search box is a GET form


def test_generation_survives_eviction_without_reviving_old_pages(client, column):
    from gongkai.disclosure.pagecache import GENERATION_KEY, page_cache

    url = f"/xxgk/{column.unit_id}/tzgg/"
    client.get(url)
    page_cache().delete(GENERATION_KEY)  # evicted or cache restarted
    assert client.get(url)["X-Page-Cache"] == "miss"
    item = column.items.get()
    assert item.status == ItemStatus.PUBLISHED


def test_cache_can_be_switched_off(client, column, settings):
    settings.GONGKAI_DISCLOSURE_PAGE_CACHE = False
    url = f"/xxgk/{column.unit_id}/tzgg/"
    client.get(url)
    assert "X-Page-Cache" not in client.get(url)


@pytest.fixture
def two_workers(settings):
    """Two worker processes as production runs them: each with its own in-memory page cache, both reading
    the generation from one shared cache. Returns a function that makes worker 'a' or 'b' the current one."""
    from django.core.cache import caches

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
        "pages-a": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "worker-a"},
        "pages-b": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "worker-b"},
    }
    settings.GONGKAI_DISCLOSURE_GENERATION_CACHE_ALIAS = "default"

    def become(worker: str) -> None:
        settings.GONGKAI_DISCLOSURE_PAGE_CACHE_ALIAS = f"pages-{worker}"

    yield become
    for alias in settings.CACHES:
        caches[alias].clear()


def test_a_publication_in_one_worker_retires_the_pages_of_another(client, column, two_workers):
    two_workers("a")
    url = f"/xxgk/{column.unit_id}/tzgg/"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    two_workers("b")  # another worker publishes: its services bump the shared generation
    publish(column, "关于临时救助的通知", dt.date(2026, 3, 5))
    two_workers("a")
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "关于临时救助的通知" in response.content.decode()


def test_a_page_reads_the_generation_once(client, column, settings, monkeypatch):
    from gongkai.disclosure import pagecache

    reads = []
    real = pagecache._read_generation
    monkeypatch.setattr(pagecache, "_read_generation", lambda: reads.append(1) or real())
    item = column.items.get()
    for url in [f"/xxgk/{column.unit_id}/tzgg/", _item_url(item)]:
        first = client.get(url)  # builds the column's frame, stores the page
        pagecache.page_cache().delete(pagecache._page_key(first.wsgi_request, real()))
        reads.clear()
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert len(reads) == 1, url


@pytest.mark.parametrize(("generation", "pages", "expected"), [
    ("locmem.LocMemCache", "locmem.LocMemCache", {"disclosure.W001"}),
    ("filebased.FileBasedCache", "locmem.LocMemCache", set()),
    ("filebased.FileBasedCache", "filebased.FileBasedCache", {"disclosure.W002"}),
])
def test_deploy_check_wants_a_shared_generation_and_no_file_based_pages(settings, tmp_path, generation, pages,
                                                                        expected):
    from gongkai.disclosure.checks import page_cache_shared

    def cache(backend, name):
        return {"BACKEND": f"django.core.cache.backends.{backend}", "LOCATION": str(tmp_path / name)}

    settings.CACHES = {"default": cache(generation, "generation"), "pages": cache(pages, "pages")}
    settings.GONGKAI_DISCLOSURE_PAGE_CACHE_ALIAS = "pages"
    assert {w.id for w in page_cache_shared(None)} == expected
