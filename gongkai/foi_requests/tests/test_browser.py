"""End to end in Chromium: a citizen applies and tracks; staff register a letter and take one case
through 补正, third-party consultation, extension, fee, reply and delivery, downloading the letters."""

import datetime as dt
import io

import pytest
from django.test import Client

from gongkai.foi_requests import letters
from gongkai.foi_requests.models import FoiRequest, Letter, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff(directory, live_server):
    from gongkai.foi_requests import services
    from gongkai.organisations.services import user_create

    head = user_create(username="mzj_fzr", password=None, unit=directory.unit("市民政局"), roles=["reviewer"])
    services.agency_profile_set(unit=directory.unit("市民政局"), case_prefix="江民信公", office_head=head)
    return {"handler": directory.user("mzj_jb"), "reviewer": directory.user("mzj_sh"), "head": head}


def login(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])


def approve_latest(kind, staff):
    letter = Letter.objects.filter(kind=kind).latest("pk")
    for who in ("handler", "reviewer", "head"):
        letter = letters.letter_sign(letter=letter, by=staff[who])
    return letter


def send_letter(page, live_server, letter, day):
    page.goto(f"{live_server.url}/staff/foi/letters/{letter.pk}/")
    page.fill("#id_sent_on", day)
    page.click("button:has-text('发出')")
    assert page.locator(".messages").inner_text().find("已发出") >= 0


def open_action(page, summary):
    page.click(f"summary:has-text('{summary}')")


def test_citizen_applies_and_tracks(page, live_server, directory):
    page.goto(f"{live_server.url}/ysqgk/")
    page.select_option("#id_unit", label="市民政局")
    page.fill("#id_applicant_name", "陈志明")
    page.fill("#id_id_number", "440703199001011234")
    page.fill("#id_phone", "13800001111")
    page.fill("#id_address", "江门市蓬江区建设路1号")
    page.fill("#id_title", "2025年养老机构名录")
    page.click("button:has-text('提交申请')")
    code = page.locator("#tracking-code").inner_text()
    assert len(code) == 19
    page.click("a:has-text('查询办理进度')")
    assert "待工作人员确认" in page.locator("#public-status").inner_text()
    assert "陈志明" not in page.content()


def test_staff_take_a_letter_through_every_step(page, live_server, staff, directory):
    login(page, live_server, staff["handler"])
    page.goto(f"{live_server.url}/staff/foi/new/")
    page.select_option("#id_unit", label="市民政局")
    page.select_option("#id_channel", "registered_mail")
    page.fill("#id_arrived_on", "2026-11-02")
    page.fill("#id_signed_on", "2026-11-02")
    page.fill("#id_applicant_name", "广东邑法律师事务所")
    page.select_option("#id_applicant_category", "legal_service")
    page.fill("#id_phone", "0750-3000000")
    page.fill("#id_address", "江门市蓬江区某路2号")
    page.fill("#id_title", "某养老院运营补贴发放情况")
    page.click("button:has-text('登记')")
    assert "江民信公〔2026〕第1号" in page.locator("h1").inner_text()
    case = FoiRequest.objects.get()
    detail = page.url

    open_action(page, "开始审查")
    page.click("form button:has-text('开始审查')")
    open_action(page, "起草补正告知书")
    page.fill("#id_l-correction-items", "请写明所需补贴的年度")
    page.click("button:has-text('起草补正告知书')")
    send_letter(page, live_server, approve_latest("correction", staff), "2026-11-03")
    page.goto(detail)
    open_action(page, "收到补正")
    page.fill("#id_receive_correction-on", "2026-11-05")
    page.click("form button:has-text('收到补正')")
    open_action(page, "转入办理")
    page.click("form button:has-text('转入办理')")

    open_action(page, "起草征求意见函")
    page.fill("#id_l-consultation-party", "江门市某养老服务有限公司")
    page.click("button:has-text('起草征求意见函')")
    send_letter(page, live_server, approve_latest("consultation", staff), "2026-11-06")
    page.goto(detail)
    pause = case.pauses.get()
    page.fill(f"#rep-{pause.pk}", "2026-11-10")
    page.fill(f"#res-{pause.pk}", "同意公开")
    page.click("button:has-text('登记意见')")

    open_action(page, "起草延期答复告知书")
    page.fill("#id_l-extension-reason", "需协调多家养老机构核实数据")
    page.click("button:has-text('起草延期答复告知书')")
    send_letter(page, live_server, approve_latest("extension", staff), "2026-11-11")

    page.goto(detail)
    open_action(page, "起草收费通知书")
    page.select_option("#id_l-fee-method", "by_pages")
    page.fill("#id_l-fee-pages", "101")
    page.click("button:has-text('起草收费通知书')")
    assert "720元" in page.content()
    send_letter(page, live_server, approve_latest("fee", staff), "2026-11-12")
    page.goto(detail)
    open_action(page, "登记缴费")
    page.fill("#id_pay_fee-on", "2026-11-13")
    page.click("form button:has-text('登记缴费')")
    explanation = page.locator(".clock-explanation").inner_text()
    assert "征求第三方意见" in explanation and "延期20个工作日" in explanation and "缴纳信息处理费" in explanation

    open_action(page, "起草答复书")
    page.select_option("#id_l-reply-outcome", "granted")
    page.fill("#id_l-reply-summary", "随函提供补贴发放明细")
    page.click("button:has-text('起草答复书')")
    send_letter(page, live_server, approve_latest("reply_granted", staff), "2026-11-16")
    page.goto(detail)
    open_action(page, "登记送达")
    page.select_option("#id_deliver-method", "mail")
    page.fill("#id_deliver-posted_on", "2026-11-16")
    page.click("form button:has-text('登记送达')")
    case.refresh_from_db()
    assert case.status == Status.DELIVERED and case.delivered_on_time
    assert str(case.fee_amount_yuan) == "720.00" and case.outcome == "granted"
    assert case.concluded_on == dt.date(2026, 11, 16)

    with page.expect_download() as info:
        page.click("a:has-text('PDF') >> nth=-1")
    import pdfplumber

    text = pdfplumber.open(io.BytesIO(open(info.value.path(), "rb").read())).pages[0].extract_text()
    assert "答复书" in text
    with page.expect_download() as info:
        page.click("a:has-text('DOCX') >> nth=0")
    assert open(info.value.path(), "rb").read(2) == b"PK"
