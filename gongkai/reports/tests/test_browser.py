"""In a real browser: the public platform shows a published report and its DOCX and PDF download."""

import io

import pytest

from gongkai.reports import services

from .factories import civil_affairs_2025
from .test_workflow import fill


@pytest.mark.browser
def test_public_report_page_and_downloads(page, live_server, transactional_db, directory):
    mzj = directory.unit("市民政局")
    civil_affairs_2025(mzj)
    jb, sh = directory.user("mzj_jb"), directory.user("mzj_sh")
    report = services.report_generate(unit=mzj, year=2025, by=jb)
    fill(report, jb)
    services.report_submit(report=report, by=jb)
    services.report_approve(report=report, by=sh)
    services.report_publish(report=report, by=jb)

    page.goto(f"{live_server.url}/ndbg/")
    page.get_by_role("link", name=report.title).click()
    assert page.get_by_role("heading", level=1).inner_text() == report.title
    corner = page.locator("#table-section3 thead th").first
    assert corner.get_attribute("rowspan") == "3" and corner.get_attribute("colspan") == "3"
    assert page.locator("#table-section3 td[data-cell='section3.new_received.total']").inner_text() == "9"
    assert page.locator("figure.report-chart img").count() == 4
    assert page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")

    with page.expect_download() as info:
        page.get_by_role("link", name="下载Word版").click()
    docx = info.value
    assert docx.suggested_filename.endswith(".docx")
    from docx import Document

    assert Document(docx.path()).paragraphs[0].text == report.title

    with page.expect_download() as info:
        page.get_by_role("link", name="下载PDF版").click()
    pdf = info.value
    assert pdf.suggested_filename == "江门市民政局2025年政府信息公开工作年度报告.pdf"
    import pdfplumber

    with pdfplumber.open(io.BytesIO(open(pdf.path(), "rb").read())) as doc:
        assert "本年新收政府信息公开申请数量" in "".join(p.extract_text() or "" for p in doc.pages)
