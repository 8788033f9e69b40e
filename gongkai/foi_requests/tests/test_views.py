"""Staff and public pages: permissions, privacy masking and access logging, N+1 guards, import."""

import datetime as dt
import io
import json

import pytest
from django.urls import reverse

from gongkai.core.models import AccessLog
from gongkai.foi_requests import services
from gongkai.foi_requests.intake import Channel
from gongkai.foi_requests.models import FoiRequest, Status
from gongkai.foi_requests.services import Application

D = dt.date


@pytest.fixture
def case(directory):
    return services.foi_request_register(
        unit=directory.unit("市民政局"), channel=Channel.IN_PERSON, arrived_on=D(2025, 1, 20), by=None,
        application=Application(applicant_name="张三丰", id_number="440703199001011234", phone="13800001111",
                                title="低保资金发放明细"))


def test_public_application_returns_a_tracking_code_and_tracking_shows_no_personal_data(client, directory):
    unit = directory.unit("市民政局")
    response = client.post(reverse("foi_requests_public:apply"), {
        "unit": unit.pk, "applicant_category": "natural_person", "applicant_name": "李四", "id_type": "id_card",
        "id_number": "440703198001011234", "phone": "13900002222", "title": "2025年养老机构名录",
        "form_of_provision": "electronic", "obtain_by": "email", "email": "lisi@example.com"})
    assert response.status_code == 302
    case = FoiRequest.objects.get(applicant_name="李四")
    assert case.status == Status.PENDING_CONFIRMATION and case.received_on is None
    receipt = client.get(reverse("foi_requests_public:receipt"))
    assert case.tracking_code in receipt.content.decode()
    page = client.get(reverse("foi_requests_public:track"), {"code": case.tracking_code.lower().replace("-", "")})
    text = page.content.decode()
    assert "待工作人员确认" in text and "李四" not in text and "13900002222" not in text
    assert "查询码不正确" in client.get(reverse("foi_requests_public:track"), {"code": "AAAA-BBBB"}).content.decode()


def test_the_public_form_reports_missing_fields_in_chinese(client, directory):
    response = client.post(reverse("foi_requests_public:apply"), {"unit": directory.unit("市民政局").pk,
                                                                  "obtain_by": "mail"})
    assert response.status_code == 200
    assert "选择邮寄的，请填写通信地址" in response.content.decode()
    assert not FoiRequest.objects.exists()


def test_tracking_codes_are_unguessable_and_distinct():
    from gongkai.foi_requests.models import new_tracking_code

    codes = {new_tracking_code() for _ in range(2000)}
    assert len(codes) == 2000 and all(len(c) == 19 for c in codes)


def test_personal_data_is_shown_and_logged_for_the_unit_and_masked_for_a_coordinator_elsewhere(client, directory, case):
    client.force_login(directory.user("mzj_jb"))
    page = client.get(reverse("foi_requests:detail", args=[case.pk])).content.decode()
    assert "张三丰" in page and "13800001111" in page
    assert AccessLog.objects.filter(object_id=str(case.pk), user=directory.user("mzj_jb")).count() == 1
    assert "期限 2025-02-21" in page

    client.force_login(directory.user("leader"))  # government-wide read-only: masked
    page = client.get(reverse("foi_requests:detail", args=[case.pk])).content.decode()
    assert "张三丰" not in page and "张**" in page and "138****1111" in page
    assert AccessLog.objects.filter(object_id=str(case.pk)).count() == 1

    client.force_login(directory.user("fgj"))  # another department: not visible at all
    assert client.get(reverse("foi_requests:detail", args=[case.pk])).status_code == 404


def test_the_queue_page_does_not_grow_queries_with_cases(client, directory, case, django_assert_max_num_queries):
    for _ in range(15):
        services.foi_request_register(unit=directory.unit("市民政局"), channel=Channel.IN_PERSON,
                                      arrived_on=D(2025, 1, 21), by=None, application=Application(
                                          applicant_name="王五", phone="1", title="某信息"))
    client.force_login(directory.user("mzj_jb"))
    with django_assert_max_num_queries(25):
        assert client.get(reverse("foi_requests:index")).status_code == 200


def test_staff_register_a_letter_and_act_on_it(client, directory):
    client.force_login(directory.user("mzj_jb"))
    response = client.post(reverse("foi_requests:register"), {
        "unit": directory.unit("市民政局").pk, "channel": Channel.PLAIN_LETTER, "arrived_on": "2025-03-03",
        "applicant_category": "commercial", "applicant_name": "江门某公司", "id_type": "credit_code",
        "phone": "0750-1234567", "title": "企业补贴名单", "form_of_provision": "paper", "obtain_by": "mail",
        "address": "江门市蓬江区某路1号"})
    case = FoiRequest.objects.get(applicant_name="江门某公司")
    assert response.status_code == 302 and case.status == Status.PENDING_CONFIRMATION
    client.post(reverse("foi_requests:act", args=[case.pk, "confirm"]), {"confirm-on": "2025-03-03"})
    case.refresh_from_db()
    assert case.status == Status.REGISTERED and case.due_on == D(2025, 3, 31)
    response = client.post(reverse("foi_requests:act", args=[case.pk, "deliver"]), {"deliver-method": "mail"})
    case.refresh_from_db()
    assert case.status == Status.REGISTERED  # refused, nothing changed


def test_import_is_all_or_nothing_with_row_errors(client, directory):
    from gongkai.foi_requests.transfer import export_xlsx, foi_import

    unit = directory.unit("市民政局")
    rows = [
        {"received_on": "2024-03-01", "applicant_category": "自然人", "title": "甲", "outcome": "予以公开",
         "concluded_on": "2024-03-20"},
        {"received_on": "2024-03-02", "applicant_category": "火星人", "title": "乙", "outcome": "属于国家秘密",
         "concluded_on": "2024-02-01"},
    ]
    with pytest.raises(Exception) as info:
        foi_import(unit=unit, data=json.dumps(rows).encode(), filename="old.json")
    assert "第2条" in info.value.message and "火星人" in info.value.message and "办结日期早于" in info.value.message
    assert not FoiRequest.objects.exists()
    rows[1]["applicant_category"], rows[1]["concluded_on"] = "商业企业", "2024-03-25"
    created = foi_import(unit=unit, data=json.dumps(rows).encode(), filename="old.json")
    assert [c.outcome for c in created] == ["granted", "denied_state_secret"]
    data = export_xlsx(FoiRequest.objects.all())
    again = foi_import(unit=directory.unit("市财政局"), data=data, filename="back.xlsx")
    assert len(again) == 2


def test_letters_download_as_docx_and_pdf(client, directory, case):
    from gongkai.foi_requests import letters

    letter = letters.letter_draft(request=case, kind="receipt", by=None)
    client.force_login(directory.user("mzj_jb"))
    docx = client.get(reverse("foi_requests:letter_download", args=[letter.pk, "docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    pdf = client.get(reverse("foi_requests:letter_download", args=[letter.pk, "pdf"]))
    import pdfplumber

    text = pdfplumber.open(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "登记回执" in text and "张三丰" in text


def test_api_lists_only_visible_cases_masks_and_runs_transitions(client, directory, case):
    client.force_login(directory.user("fgj"))
    assert client.get("/api/foi/requests/").json()["count"] == 0
    client.force_login(directory.user("leader"))
    data = client.get(f"/api/foi/requests/{case.pk}/").json()
    assert data["applicant"]["masked"] and data["applicant"]["applicant_name"] == "张**"
    assert client.post(f"/api/foi/requests/{case.pk}/transition/start_review/", {}).status_code == 403
    client.force_login(directory.user("mzj_jb"))
    response = client.post(f"/api/foi/requests/{case.pk}/transition/deliver/", {"method": "mail"},
                           content_type="application/json")
    assert response.status_code == 409 and "不能登记送达" in response.json()["detail"]
    response = client.post(f"/api/foi/requests/{case.pk}/transition/start_review/", {}, content_type="application/json")
    assert response.json()["status"] == "reviewing"
    assert client.get("/api/schema/").status_code == 200


def test_dashboard_panels_show_overdue_cases_for_the_handler(directory, case):
    from gongkai.foi_requests.dashboard import panels

    titles = {p.title: p for p in panels(directory.user("mzj_jb"))}
    assert dict((label, value) for label, value, _ in titles["依申请公开"].rows)["已逾期"] == "1"
    assert "文书签批" in {p.title for p in panels(directory.user("mzj_sh"))}
    assert panels(directory.user("fgj"))[0].rows[0][1] == "0"
