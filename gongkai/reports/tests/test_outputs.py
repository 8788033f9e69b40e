"""HTML, DOCX and PDF outputs reproduce the official tables with their merged cells, and embed the charts."""

import io

import pytest
from bs4 import BeautifulSoup

from gongkai.reports import docx_writer, render, services
from gongkai.reports.formats import ReportFormat

from .factories import civil_affairs_2025


@pytest.fixture
def report(directory):
    civil_affairs_2025(directory.unit("市民政局"))
    return services.report_generate(unit=directory.unit("市民政局"), year=2025, by=directory.user("mzj_jb"))


def soup_of(report):
    return BeautifulSoup(render.standalone_html(report), "html.parser")


def test_table_three_has_the_official_three_row_header_and_merged_labels(report):
    table = soup_of(report).find("table", id="table-section3")
    head = table.find("thead").find_all("tr")
    assert len(head) == 3
    corner = head[0].find("th")
    assert (corner["rowspan"], corner["colspan"]) == ("3", "3")
    assert corner.text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert head[0].find_all("th")[1].text == "申请人情况" and head[0].find_all("th")[1]["colspan"] == "7"
    assert [(th.text, th.get("rowspan"), th.get("colspan")) for th in head[1].find_all("th")] == [
        ("自然人", "2", None), ("法人或其他组织", None, "5"), ("总计", "2", None)]
    assert [th.text for th in head[2].find_all("th")] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    results = table.find("th", string="三、本年度办理结果")
    assert results["rowspan"] == "22"
    assert table.find("th", string="（三）不予公开")["rowspan"] == "8"
    assert table.find("th", string="（六）其他处理")["rowspan"] == "3"
    body = table.find("tbody").find_all("tr")
    assert len(body) == 25 and all(len(tr.find_all("td")) == 7 for tr in body)
    assert table.find("td", attrs={"data-cell": "section3.new_received.total"}).text == "9"


def test_the_2019_table_spans_twenty_rows_and_has_one_other_row(directory):
    civil_affairs_2025(directory.unit("市民政局"))
    report = services.report_generate(unit=directory.unit("市民政局"), year=2025, by=directory.user("mzj_jb"),
                                      fmt=ReportFormat.F2019)
    table = soup_of(report).find("table", id="table-section3")
    assert table.find("th", string="三、本年度办理结果")["rowspan"] == "20"
    other = table.find("th", string="（六）其他处理")
    assert other.get("rowspan") is None and other["colspan"] == "2"
    assert table.find("td", attrs={"data-cell": "section3.other.total"}).text == "2"
    section2 = soup_of(report).find("table", id="table-section2")
    assert section2.find("th", string="第二十条第（九）项") is not None  # 政府集中采购 exists only in 2019


def test_table_four_and_table_two_headers(report):
    soup = soup_of(report)
    four = soup.find("table", id="table-section4")
    head = four.find("thead").find_all("tr")
    assert [(th.text, th.get("colspan")) for th in head[0].find_all("th")] == [("行政复议", "5"), ("行政诉讼", "10")]
    assert [th.text for th in head[1].find_all("th")][-2:] == ["未经复议直接起诉", "复议后起诉"]
    assert len(head[2].find_all("th")) == 10
    assert [td.text for td in four.find("tbody").find_all("td")] == \
        ["1", "0", "1", "1", "3", "0", "1", "0", "0", "1", "0", "0", "0", "1", "1"]
    two = soup.find("table", id="table-section2")
    assert two.find("th", string="第二十条第（八）项")["colspan"] == "4"
    assert two.find("td", attrs={"data-cell": "section2.fees.amount_wan"})["colspan"] == "3"


def test_charts_are_embedded_with_their_data_as_alt_text(report):
    images = soup_of(report).select("figure.report-chart img")
    assert len(images) == 4
    assert all(img["src"].startswith("data:image/png;base64,") for img in images)
    assert "12月2件" in images[0]["alt"]


def test_the_docx_has_the_tables_with_merged_cells_cjk_fonts_and_charts(report):
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(docx_writer.docx_bytes(report)))
    assert doc.paragraphs[0].text == report.title
    assert len(doc.tables) == 3
    three = doc.tables[1]
    assert len(three.rows) == 28 and len(three.columns) == 10
    corner = three.cell(0, 0)
    assert corner.text.startswith("（本列数据的勾稽关系为") and corner is not None
    assert three.cell(2, 2)._tc is corner._tc  # rowspan 3 × colspan 3 merged into one cell
    assert three.cell(3, 3).text == "一、本年新收政府信息公开申请数量" or three.cell(3, 0).text.startswith("一、")
    assert three.cell(3, 9).text == "9"
    assert three.cell(5, 0)._tc is three.cell(26, 0)._tc  # 三、本年度办理结果 spans 22 rows
    assert len(doc.inline_shapes) == 4
    fonts = {r._element.rPr.rFonts.get(qn("w:eastAsia")) for p in doc.paragraphs for r in p.runs
             if r._element.rPr is not None}
    assert {"仿宋_GB2312", "黑体", "方正小标宋简体"} <= fonts


def test_the_pdf_uses_cjk_fonts_and_contains_the_tables_and_charts(report):
    import pdfplumber

    data = render.pdf_bytes(report)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        images = sum(len(page.images) for page in pdf.pages)
        fonts = {c["fontname"] for page in pdf.pages for c in page.chars}
    assert "江门市民政局2025年政府信息公开工作年度报告" in text
    assert "本年新收政府信息公开申请数量" in text and "结转下年度继续办理" in text
    assert images == 4
    assert any("CJK" in f for f in fonts)
