"""The REST API (api.py): it writes through the services and refuses what they refuse, in Chinese."""

import datetime as dt

from django.urls import reverse

from gongkai.policies.models import DocumentStatus, GazetteIssue, PolicyEvent
from gongkai.policies.services import gazette_issue_create

from .factories import make_document, publish

D = dt.date


def test_a_document_cannot_be_repealed_by_a_document_of_another_government(client, directory):
    document = publish(make_document(directory.unit("市民政局"), title="江门市临时救助办法"), D(2024, 3, 8))
    district = publish(make_document(directory.unit("区民政局"), title="蓬江区关于废止有关文件的决定",
                                     doc_number="蓬民〔2024〕9号"), D(2024, 3, 8))
    client.force_login(directory.user("gkb"))  # the city's coordinator sees the district's documents too
    for action, what in (("repeal", "废止文件"), ("amend", "修改文件")):
        response = client.post(f"/api/policies/documents/{document.pk}/{action}/",
                               {"on": "2025-01-06", "related_document": district.pk}, content_type="application/json")
        assert response.status_code == 400
        assert response.json()["detail"] == f"{what}须是江门市人民政府的文件，不能关联其他人民政府的文件"
    document.refresh_from_db()
    assert document.status == DocumentStatus.IN_FORCE
    assert not PolicyEvent.objects.filter(related_document=district).exists()


def test_the_api_lists_the_same_gazette_issues_as_the_gazette_page_for_every_user(client, directory):
    gazette_issue_create(government=directory.city, year=2025, number=1, issued_on=D(2025, 1, 25))
    gazette_issue_create(government=directory.pengjiang, year=2025, number=1, issued_on=D(2025, 1, 28))
    # A row filed under a department (the service refuses it; an import or a data fix could write it): the pages
    # show only issues of 人民政府, and so must the API.
    GazetteIssue.objects.create(government=directory.unit("市民政局"), year=2025, number=2, issued_on=D(2025, 2, 1))
    for username in ("gkb", "pj_gkb", "leader", "mzj_jb", "gkb_jb"):
        client.force_login(directory.user(username))
        page = {issue.pk for issue in client.get(reverse("policies:gazette")).context["issues"]}
        api = {issue["id"] for issue in client.get("/api/policies/gazette/").json()["results"]}
        assert api == page, username


def test_a_related_document_the_user_may_not_see_is_not_found_and_not_named(client, directory):
    document = publish(make_document(directory.unit("市民政局"), title="江门市临时救助办法"), D(2024, 3, 8))
    draft = make_document(directory.unit("市发展改革局"), title="江门市某项尚未公开的办法", doc_number="江发改〔2024〕9号")
    client.force_login(directory.user("mzj_jb"))  # 市民政局's liaison: same government, another unit's draft
    url = f"/api/policies/documents/{document.pk}"
    missing = client.post(f"{url}/repeal/", {"on": "2025-01-06", "related_document": 999999},
                          content_type="application/json")
    for action in ("repeal", "amend"):
        response = client.post(f"{url}/{action}/", {"on": "2025-01-06", "related_document": draft.pk},
                               content_type="application/json")
        assert response.status_code == 400 and response.json() == missing.json(), action
        assert response.json() == {"related_document": "没有这份文件，或您无权查看"}
        assert draft.title not in response.content.decode()
    document.refresh_from_db()
    assert document.status == DocumentStatus.IN_FORCE


def test_a_public_document_of_another_unit_may_still_repeal_through_the_api(client, directory):
    document = publish(make_document(directory.unit("市民政局"), title="江门市临时救助办法"), D(2024, 3, 8))
    decision = publish(make_document(directory.city, title="江门市人民政府关于废止部分规范性文件的决定",
                                     doc_number="江府〔2024〕20号"), D(2024, 12, 20))
    client.force_login(directory.user("mzj_jb"))  # does not see the city government's drafts, but this one is public
    response = client.post(f"/api/policies/documents/{document.pk}/repeal/",
                           {"on": "2025-01-06", "related_document": decision.pk}, content_type="application/json")
    assert response.status_code == 200 and response.json()["validity"] == "废止"
