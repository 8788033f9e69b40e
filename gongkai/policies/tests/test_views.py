"""The staff workspace (views.py): what each page reads, and what its POST paths write or refuse."""

import datetime as dt
import html
import re
from urllib.parse import parse_qs, urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.policies.services import cleanup_batch_create

from .factories import make_document, publish

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
