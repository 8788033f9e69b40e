"""The demo fills the platform; public pages render it without JavaScript; staff pages work per role."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.disclosure import demo, selectors, services
from gongkai.disclosure.models import Column, InformationItem, ItemStatus
from gongkai.organisations.models import Unit


@pytest.fixture
def demo_platform(directory):
    demo.load(io.StringIO())
    return directory


def test_demo_is_idempotent_and_has_stale_blank_undated_and_in_review_content(demo_platform):
    counts = (Column.objects.count(), InformationItem.objects.count())
    demo.load(io.StringIO())
    assert (Column.objects.count(), InformationItem.objects.count()) == counts
    ndrc = demo_platform.unit("市发展改革局")
    report = selectors.freshness_report(units=[ndrc], on=timezone.localdate())[0]
    statuses = {column.slug: verdict.status for column, verdict in report.rows}
    assert statuses["gzdt"] == "stale" and statuses["tzgg"] == "stale"
    assert statuses["ghjh"] == "blank" and statuses["xxgkzn"] == "ok"
    finance = selectors.freshness_report(units=[demo_platform.unit("市财政局")], on=timezone.localdate())[0]
    assert dict((c.slug, f.status) for c, f in finance.rows)["rsxx"] == "undated"
    assert InformationItem.objects.filter(status=ItemStatus.IN_REVIEW).count() == 3


def test_public_pages_render_platform_column_item_and_catalogue(client, demo_platform):
    city = demo_platform.city
    response = client.get("/xxgk/")
    assert response.status_code == 200
    page = response.content.decode()
    for part in ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开"]:
        assert part in page
    assert "（二）机构职能" in page and "市民政局" in page  # 第二十条 grouping and the department platforms
    assert "<script" not in page
    civil = demo_platform.unit("市民政局")
    column_page = client.get(f"/xxgk/{civil.pk}/shjz/").content.decode()
    item = InformationItem.objects.filter(column__unit=civil, column__slug="shjz", status="published").first()
    assert item.title in column_page
    detail = client.get(f"/xxgk/item/{item.index_number}/")
    assert detail.status_code == 200
    html = detail.content.decode()
    for label in ["索引号", "主题分类", "发文机关", "成文日期", "发文字号", "发布日期", "有效性", item.index_number]:
        assert label in html
    attachment = item.attachments.first()
    download = client.get(reverse("disclosure_public:file", args=[attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(f"/xxgk/{civil.pk}/catalogue/").status_code == 200
    assert client.get(f"/xxgk/{city.pk}/gzdt/feed/")["Content-Type"].startswith("application/atom+xml")


def test_drafts_and_their_files_are_not_public(client, demo_platform):
    column = Column.objects.get(unit=demo_platform.unit("市民政局"), slug="tzgg")
    draft = services.item_create(column=column, title="尚未审核的通知", body="草稿", by=None)
    attachment = services.item_attachment_add(item=draft, by=None, name="草稿.docx", data=b"PK draft")
    assert client.get(f"/xxgk/item/{draft.pk}/").status_code == 404
    assert client.get(reverse("disclosure_public:file", args=[attachment.pk])).status_code == 404
    client.force_login(demo_platform.user("mzj_sh"))  # staff of the unit may open the draft's file
    assert client.get(reverse("disclosure:attachment_download", args=[attachment.pk])).status_code == 200


def test_withdrawn_item_url_answers_410_gone(client, demo_platform):
    item = InformationItem.objects.filter(status=ItemStatus.PUBLISHED).first()
    services.item_withdraw(item=item, by=None, reason="内容已过时")
    response = client.get(f"/xxgk/item/{item.index_number}/")
    assert response.status_code == 410 and "已撤回" in response.content.decode()


def _next_link(html: str) -> str:
    """The href of the page's 下一页 link (?after=<date>_<id>)."""
    return re.search(r'<a href="(\?after=[^"]+)" rel="next">', html).group(1)


def test_column_list_uses_keyset_pages_without_counting(client, directory, django_assert_max_num_queries):
    from .factories import make_column, publish

    unit = directory.unit("市民政局")
    column = make_column(unit)
    start = dt.date(2026, 1, 1)
    for n in range(45):
        publish(column, f"通知第{n:02d}号", start + dt.timedelta(days=n // 2))
    with django_assert_max_num_queries(6):
        first = client.get(f"/xxgk/{unit.pk}/tzgg/")
    body = first.content.decode()
    assert "通知第44号" in body and "通知第25号" in body and "通知第24号" not in body
    second = client.get(f"/xxgk/{unit.pk}/tzgg/{_next_link(body)}").content.decode()
    assert "通知第24号" in second and "通知第25号" not in second and "通知第05号" in second
    third = client.get(f"/xxgk/{unit.pk}/tzgg/{_next_link(second)}").content.decode()
    assert "通知第00号" in third and 'rel="next"' not in third


@pytest.mark.parametrize("username", ["gkb", "mzj_jb", "mzj_sh", "leader", "fgj"])
def test_staff_pages_open_for_every_role(client, demo_platform, username):
    client.force_login(demo_platform.user(username))
    for name in ["item_list", "column_list", "catalogue_list", "freshness", "wordlists"]:
        assert client.get(reverse(f"disclosure:{name}")).status_code == 200, name
    item = InformationItem.objects.filter(unit=demo_platform.unit("市民政局")).first()
    expected = 200 if username in ("gkb", "mzj_jb", "mzj_sh", "leader") else 403
    assert client.get(reverse("disclosure:item_detail", args=[item.pk])).status_code == expected


def test_reviewer_sees_findings_highlighted_and_approves_through_the_form(client, demo_platform):
    reviewer = demo_platform.user("mzj_sh")
    client.force_login(reviewer)
    queue = client.get(reverse("disclosure:review_queue")).content.decode()
    item = InformationItem.objects.get(title="关于做好2027年元旦春节期间困难群众走访慰问工作的通知")
    assert item.title in queue
    page = client.get(reverse("disclosure:item_review", args=[item.pk])).content.decode()
    assert '<mark class="finding"' in page and "党史学习教育" in page and "王建国的职务应为“市长”" in page
    response = client.post(reverse("disclosure:item_review", args=[item.pk]), {"decision": "approve", "note": ""})
    assert response.status_code == 200 and "请逐条核对" in response.content.decode()
    response = client.post(reverse("disclosure:item_review", args=[item.pk]),
                           {"decision": "approve", "acknowledge_findings": "on"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.current_step == "second"


def test_handler_creates_uploads_and_submits_through_the_editor(client, demo_platform):
    handler = demo_platform.user("mzj_jb")
    client.force_login(handler)
    column = Column.objects.get(unit=demo_platform.unit("市民政局"), slug="tzgg")
    response = client.post(reverse("disclosure:item_create"), {
        "column": column.pk, "kind": "notice", "title": "关于公布养老机构名录的通知", "body": "名录见附件。",
        "validity": "", "written_on": "2026-01-05"})
    assert response.status_code == 302
    item = InformationItem.objects.get(title="关于公布养老机构名录的通知")
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(reverse("disclosure:attachment_upload", args=[item.pk]),
                {"file": SimpleUploadedFile("名录.xlsx", b"PK\x03\x04data"), "is_original": "on"})
    assert item.attachments.get().original_name == "名录.xlsx"
    client.post(reverse("disclosure:item_submit", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_REVIEW


def test_freshness_export_is_an_xlsx_in_the_bulletin_format(client, demo_platform):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(demo_platform.user("gkb"))
    response = client.get(reverse("disclosure:freshness_export"))
    book = load_workbook(BytesIO(response.content))
    sheet = book["问题清单"]
    assert [c.value for c in sheet[1]] == ["单位", "栏目/账号", "问题类型", "问题描述", "发现时间"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert any(r[0] == "江门市发展和改革局" and r[1] == "工作动态" and r[2] == "未及时更新" for r in rows)
    assert any(r[2] == "未注明发布时间" for r in rows)


def test_unit_platform_aggregates_sub_platforms(client, demo_platform):
    pengjiang = Unit.objects.get(name="江门市蓬江区人民政府")
    html = client.get(f"/xxgk/{pengjiang.pk}/").content.decode()
    assert "区民政局" in html and "白沙街道" in html
