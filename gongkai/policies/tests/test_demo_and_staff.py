import io

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.policies import demo
from gongkai.policies.models import DocumentStatus, GazetteIssue, PolicyDocument
from gongkai.policies.selectors import evaluation_alerts, interpretation_backlog


@pytest.fixture
def demo_library(directory):
    demo.load(io.StringIO())
    return directory


def test_demo_covers_every_status_and_is_idempotent(demo_library):
    statuses = set(PolicyDocument.objects.values_list("status", flat=True))
    assert {DocumentStatus.IN_FORCE, DocumentStatus.AMENDED, DocumentStatus.REPEALED, DocumentStatus.EXPIRED,
            DocumentStatus.DRAFT} <= statuses
    count = PolicyDocument.objects.count()
    demo.load(io.StringIO())
    assert PolicyDocument.objects.count() == count
    today = timezone.localdate()
    assert "江门市困难群众价格临时补贴暂行办法" in [d.title for d in evaluation_alerts(PolicyDocument.objects.all(), on=today)]
    late = [d.title for d, t in interpretation_backlog(PolicyDocument.objects.all(), today=today) if t.published_on]
    assert late == ["江门市政府信息公开工作规程"]
    assert GazetteIssue.objects.get().pdf


def test_staff_pages_render_for_each_role(client, demo_library):
    document = PolicyDocument.objects.get(title="江门市临时救助实施办法（试行）")
    batch_urls = [reverse("policies:documents"), reverse("policies:document", args=[document.pk]),
                  reverse("policies:alerts"), reverse("policies:gazette"), reverse("core:workspace")]
    for username in ("gkb", "mzj_jb", "mzj_sh", "leader"):
        client.force_login(demo_library.user(username))
        for url in batch_urls:
            assert client.get(url).status_code == 200, (username, url)
    client.force_login(demo_library.user("gkb"))
    for url in (reverse("policies:cleanups"), reverse("policies:cleanup_create"), reverse("policies:scheme"),
                reverse("policies:gazette_issue", args=[GazetteIssue.objects.get().pk])):
        assert client.get(url).status_code == 200, url


def test_another_units_liaison_cannot_open_the_document(client, demo_library):
    document = PolicyDocument.objects.get(title="江门市临时救助实施办法（试行）")
    client.force_login(demo_library.user("fgj"))
    assert client.get(reverse("policies:document", args=[document.pk])).status_code == 404


def test_staff_can_record_and_register_a_document_through_the_forms(client, demo_library):
    client.force_login(demo_library.user("mzj_jb"))
    response = client.post(reverse("policies:document_create"), {
        "unit": demo_library.unit("市民政局").pk, "kind": "normative", "title": "江门市社会救助协理员管理办法",
        "doc_number": "江民[2025]40号", "written_on": "2025-09-01", "contact_name": "社会救助科",
        "contact_phone": "0750-3501234", "body": "第一条 …", "needs_interpretation": "on",
    })
    document = PolicyDocument.objects.get(title="江门市社会救助协理员管理办法")
    assert response.status_code == 302 and document.doc_number == "江民〔2025〕40号"
    client.post(reverse("policies:document_action", args=[document.pk, "register"]), {"on": "2025-09-02"})
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFT  # a handler may not register: coordinators do 统一登记
    client.force_login(demo_library.user("gkb"))
    client.post(reverse("policies:document_action", args=[document.pk, "register"]), {"on": "2025-09-02"})
    document.refresh_from_db()
    assert document.status == DocumentStatus.REGISTERED and document.registration_number.startswith("JMFG—2025—")


def test_bad_doc_number_is_reported_in_chinese_and_nothing_is_saved(client, demo_library):
    client.force_login(demo_library.user("mzj_jb"))
    before = PolicyDocument.objects.count()
    response = client.post(reverse("policies:document_create"), {
        "unit": demo_library.unit("市民政局").pk, "kind": "normative", "title": "某办法", "doc_number": "江民2025年40号",
        "written_on": "2025-09-01",
    })
    assert response.status_code == 200 and "无法识别发文字号" in response.content.decode()
    assert PolicyDocument.objects.count() == before


def test_api_lists_scoped_documents_and_repeals_through_the_service(client, demo_library):
    client.force_login(demo_library.user("pjmz"))
    titles = [d["title"] for d in client.get("/api/policies/documents/").json()["results"]]
    assert titles == ["蓬江区困难残疾人生活补贴实施细则"]
    client.force_login(demo_library.user("gkb"))
    document = PolicyDocument.objects.get(title="江门市临时救助实施办法（试行）")
    response = client.post(f"/api/policies/documents/{document.pk}/repeal/", {"on": "2025-12-01"},
                           content_type="application/json")
    assert response.status_code == 400 and "废止须指明" in response.json()["detail"]
    response = client.post(f"/api/policies/documents/{document.pk}/repeal/", {"on": "2025-12-01", "reason": "已整合"},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["validity"] == "废止"
    assert client.get("/api/policies/gazette/").json()["results"][0]["pdf_url"]
    assert client.get("/api/schema/").status_code == 200


def test_interpretation_backlog_reads_the_calendar_once_whatever_the_number_of_documents(demo_library):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    today = timezone.localdate()
    with CaptureQueriesContext(connection) as queries:
        rows = interpretation_backlog(PolicyDocument.objects.all(), today=today)
    calendar_reads = [q for q in queries.captured_queries if "core_holidayschedule" in q["sql"]]
    assert PolicyDocument.objects.filter(needs_interpretation=True).count() > 2
    assert len(calendar_reads) <= 2, len(calendar_reads)  # one freshness check (and a load after a change)
    assert all(timing.on_time is False for _, timing in rows)
