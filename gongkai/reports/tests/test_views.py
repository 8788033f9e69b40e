"""Staff and public pages, downloads, the CLI and the dashboard panels."""

import hashlib
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongkai.core.dashboard import panels_for
from gongkai.reports import services
from gongkai.reports.models import ReportStatus, UploadOutcome

from .factories import civil_affairs_2025
from .test_workflow import fill


@pytest.fixture
def published(directory):
    mzj = directory.unit("市民政局")
    civil_affairs_2025(mzj)
    jb, sh = directory.user("mzj_jb"), directory.user("mzj_sh")
    report = services.report_generate(unit=mzj, year=2025, by=jb)
    fill(report, jb)
    services.report_submit(report=report, by=jb)
    services.report_approve(report=report, by=sh)
    services.report_publish(report=report, by=jb)
    return report


def test_the_public_platform_lists_and_shows_published_reports_only(client, directory, published):
    draft = services.report_generate(unit=directory.unit("市财政局"), year=2025, by=directory.user("gkb"))
    page = client.get("/ndbg/").content.decode()
    assert published.title in page and draft.title not in page
    detail = client.get(f"/ndbg/{published.pk}/")
    assert detail.status_code == 200 and "三、本年度办理结果" in detail.content.decode()
    assert client.get(f"/ndbg/{draft.pk}/").status_code == 404
    docx = client.get(f"/ndbg/{published.pk}/download/docx/")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert "filename*=UTF-8''" in docx["Content-Disposition"]
    chart = client.get(f"/ndbg/{published.pk}/chart/monthly.png")
    assert chart.content[:4] == b"\x89PNG"
    assert client.get(f"/ndbg/{published.pk}/download/json/").status_code == 404


def test_staff_generate_edit_and_review_through_the_pages(client, directory):
    civil_affairs_2025(directory.unit("市民政局"))
    client.force_login(directory.user("mzj_jb"))
    response = client.post(reverse("reports:generate"), {"unit": directory.unit("市民政局").pk, "year": 2025})
    report = directory.unit("市民政局").annual_reports.get()
    assert response.url == reverse("reports:detail", args=[report.pk])
    page = client.get(response.url).content.decode()
    assert "T2" in page and "人工调整表三、表四" in page
    client.post(reverse("reports:section2", args=[report.pk]), {"penalty__decisions": "abc"})
    report.refresh_from_db()
    assert report.section2["penalty"]["decisions"] == 0
    client.post(reverse("reports:section2", args=[report.pk]), {"penalty__decisions": "15", "fees__amount_wan": "3.2"})
    report.refresh_from_db()
    assert report.section2["penalty"]["decisions"] == 15
    client.post(reverse("reports:adjust", args=[report.pk]), {"section3.granted.natural_person": "3", "reason": "测试"})
    report.refresh_from_db()
    assert report.overrides["section3"]["granted"] == {"natural_person": 3}
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "cell-error" in page and "R2" in page
    client.post(reverse("reports:transition", args=[report.pk, "submit"]))
    client.force_login(directory.user("mzj_sh"))
    client.post(reverse("reports:transition", args=[report.pk, "approve"]))
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_REVIEW  # refused: R2/R3 and prompts


def test_other_units_staff_cannot_see_a_report(client, directory, published):
    client.force_login(directory.user("fgj"))
    assert client.get(reverse("reports:detail", args=[published.pk])).status_code == 404
    client.force_login(directory.user("leader"))
    assert client.get(reverse("reports:detail", args=[published.pk])).status_code == 200


def test_table_two_import_checks_before_writing(client, directory, published):
    gkb = directory.user("gkb")
    report = services.report_generate(unit=directory.unit("市财政局"), year=2025, by=gkb)
    client.force_login(gkb)
    bad = io.BytesIO("项目,数值\n行政处罚,12\n行政强制,很多\n".encode())
    bad.name = "t.csv"
    page = client.post(reverse("reports:section2", args=[report.pk]), {"file": bad}).content.decode()
    assert "第3行" in page
    report.refresh_from_db()
    assert report.section2["penalty"]["decisions"] == 0
    good = io.BytesIO("项目,数值\n行政处罚,12\n行政事业性收费,1.5\n行政许可,2\n".encode("gb18030"))
    good.name = "t.csv"
    client.post(reverse("reports:section2", args=[report.pk]), {"file": good})
    report.refresh_from_db()
    assert report.section2["penalty"]["decisions"] == 12 and report.section2["fees"]["amount_wan"] == "1.5"
    assert report.section2["licensing"]["decisions"] == 2


def test_table_two_uploads_are_kept_rejected_or_imported(client, directory):
    gkb = directory.user("gkb")
    report = services.report_generate(unit=directory.unit("市财政局"), year=2025, by=gkb)
    client.force_login(gkb)
    rejected_bytes = "项目,数值\n行政强制,很多\n".encode()
    imported_bytes = "项目,数值\n行政处罚,12\n".encode("gb18030")
    for name, data in (("初稿.csv", rejected_bytes), ("定稿.csv", imported_bytes)):
        upload = io.BytesIO(data)
        upload.name = name
        client.post(reverse("reports:section2", args=[report.pk]), {"file": upload})
    kept = {u.original_name: u for u in report.section2_uploads.all()}
    assert kept["初稿.csv"].outcome == UploadOutcome.REJECTED and "第2行" in kept["初稿.csv"].message
    assert kept["定稿.csv"].outcome == UploadOutcome.IMPORTED and kept["定稿.csv"].uploaded_by == gkb
    assert kept["初稿.csv"].sha256 == hashlib.sha256(rejected_bytes).hexdigest()
    page = client.get(reverse("reports:section2", args=[report.pk])).content.decode()
    assert "导入记录" in page and "初稿.csv" in page and "未通过校验" in page
    url = reverse("reports:section2_upload", args=[report.pk, kept["初稿.csv"].pk])
    assert b"".join(client.get(url).streaming_content) == rejected_bytes  # exactly as received
    client.force_login(directory.user("mzj_jb"))  # another department's staff
    assert client.get(url).status_code == 404
    client.force_login(directory.user("leader"))  # may read the report, not compose it
    assert client.get(url).status_code == 403


def test_cli_json_keys_every_cell_by_row_and_column_ids(directory, capsys):
    civil_affairs_2025(directory.unit("市民政局"))
    call_command("report", "annual", "--year", "2025", "--unit", "江门市民政局", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert data["section3"]["new_received"]["total"] == 9
    assert data["section3"]["other_no_fee"]["natural_person"] == 1
    assert set(data["section3"]["granted"]) == {"natural_person", "commercial", "research", "public_interest",
                                                "legal_service", "other_org", "total"}
    assert data["section4"]["reconsideration"] == {"upheld": 1, "corrected": 0, "other": 1, "pending": 1, "total": 3}
    assert data["section2"]["fees"] == {"amount_wan": 0}


def test_cli_writes_docx_and_pdf_of_a_stored_report(directory, published, tmp_path):
    out = tmp_path / "r.pdf"
    call_command("report", "annual", "--year", "2025", "--unit", str(published.unit_id), "--format", "pdf", "-o", str(out))
    assert out.read_bytes()[:5] == b"%PDF-"
    out = tmp_path / "r.docx"
    call_command("report", "annual", "--year", "2025", "--unit", "市民政局", "--format", "docx", "-o", str(out))
    assert out.read_bytes()[:2] == b"PK"


def test_reminders_before_the_statutory_dates(directory, published, capsys):
    call_command("report", "reminders", "--on", "2026-01-20", "--unit", "江门市人民政府")
    out = capsys.readouterr().out
    assert "江门市财政局\t2026-01-31前\t未编制\t剩余11天" in out
    assert "江门市民政局" not in out  # published
    assert "江门市人民政府\t" not in out  # 70 days left: beyond the 30-day reminder window
    call_command("report", "reminders", "--on", "2026-03-10", "--unit", "江门市人民政府")
    out = capsys.readouterr().out
    assert "江门市人民政府\t2026-03-31前\t未编制\t剩余21天" in out
    assert "江门市财政局\t2026-01-31前\t未编制\t已逾期38天" in out


def test_dashboard_panels_by_role(directory, published, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: dt.date(2026, 1, 20))
    gkb_panels = {p.title: p for p in panels_for(directory.user("gkb"))}
    progress = gkb_panels["2025年度报告发布进度"]
    assert ("已发布", "1", "") in progress.rows and progress.tone == "warn"
    fgj_panels = {p.title: p for p in panels_for(directory.user("fgj"))}
    own = fgj_panels["2025年度政府信息公开工作年度报告"]
    assert ("报告状态", "未编制", "/staff/reports/") in own.rows and ("距期限", "11天", "") in own.rows


def test_api_tables(client, directory, published):
    client.force_login(directory.user("gkb"))
    data = client.get(f"/api/reports/annual/{published.pk}/tables/").json()
    assert data["section3"]["carried_forward"]["total"] == 3 and data["findings"] == []


def test_list_pages_do_not_grow_queries_with_reports(client, directory, published, django_assert_max_num_queries):
    gkb = directory.user("gkb")
    for short in ("市财政局", "市教育局", "市审计局"):
        services.report_generate(unit=directory.unit(short), year=2025, by=gkb)
    with django_assert_max_num_queries(6):
        assert client.get("/ndbg/").status_code == 200
    client.force_login(gkb)
    with django_assert_max_num_queries(40):  # constant: session, roles, the generate form's units, progress
        assert client.get("/staff/reports/?year=2025").status_code == 200
