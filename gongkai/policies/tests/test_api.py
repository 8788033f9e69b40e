"""The REST API (api.py): it writes through the services and refuses what they refuse, in Chinese."""

import datetime as dt

from gongkai.policies.models import DocumentStatus, PolicyEvent

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
