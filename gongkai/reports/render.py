"""A report as a document: the context shared by the web pages, the standalone HTML and the PDF."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string

from . import charts, conf, formats, layout
from .formats import ReportFormat

_SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]\S{0,24}$")


@dataclass
class Paragraph:
    text: str
    heading: bool = False


def paragraphs(text: str) -> list[Paragraph]:
    out = []
    for line in (text or "").splitlines():
        line = line.strip()
        if line:
            out.append(Paragraph(line, bool(_SUBHEADING.match(line))))
    return out


def preamble(report) -> str:
    notice = ("《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）"
              if report.format == ReportFormat.F2021 else
              "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）")
    return (f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{notice}要求编制。"
            f"本报告中所列数据的统计期限为{report.year}年1月1日至{report.year}年12月31日。"
            f"本报告电子版可在{settings.GONGKAI_SITE_NAME}“政府信息公开年报”栏目查阅或下载。")


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


def grids(report, *, marks: dict[str, list[str]] | None = None) -> dict[str, layout.Grid]:
    result = {
        "section2": layout.section2_grid(report.format, report.section2),
        "section3": layout.section3_grid(report.format, report.section3),
        "section4": layout.section4_grid(report.section4),
    }
    adjusted: dict[str, list[str]] = {}
    for section, rows in (report.overrides or {}).items():
        for row, cells in rows.items():
            for column in cells:
                adjusted.setdefault(f"{section}.{row}.{column}", []).append("adjusted")
    for key, classes in (marks or {}).items():
        adjusted.setdefault(key, []).extend(classes)
    layout.mark_cells(list(result.values()), adjusted)
    return result


def document_context(report, *, chart_url=None, marks=None) -> dict:
    """`chart_url(name)` gives a chart's src; without it charts are embedded as data URIs."""
    chart_list = charts.report_charts(report)
    images = [{"name": c.name, "title": c.title, "alt": c.alt,
               "src": chart_url(c.name) if chart_url else data_uri(c.png)} for c in chart_list]
    return {
        "report": report,
        "preamble": preamble(report),
        "headings": formats.SECTION_HEADINGS,
        "section1": paragraphs(report.section1_text),
        "section5": paragraphs(report.section5_text),
        "section6": paragraphs(report.section6_text),
        "grids": grids(report, marks=marks),
        "charts": images,
        "unit_name": report.unit.name,
    }


def standalone_html(report) -> str:
    return render_to_string("reports/print.html", {**document_context(report), "font_stack": conf.pdf_font_stack(),
                                                   "SITE_NAME": settings.GONGKAI_SITE_NAME})


def pdf_bytes(report) -> bytes:
    from weasyprint import HTML

    return HTML(string=standalone_html(report)).write_pdf()


def filename(report, ext: str) -> str:
    return f"{report.unit.name}{report.year}年政府信息公开工作年度报告.{ext}"
