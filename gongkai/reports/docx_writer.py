"""The report as a Word document in the official layout: A4, 公文 fonts (East Asian font set on every run),
the three tables with their merged cells, and the charts."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from . import charts, conf, render
from .layout import Grid


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _paragraph(doc, text: str, font: str, size: float, *, bold=False, align=None, indent=True, space_after=0):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    fmt = p.paragraph_format
    fmt.first_line_indent = Pt(size * 2) if indent else None
    fmt.space_after = Pt(space_after)
    fmt.line_spacing = Pt(28) if size >= 14 else None
    _font(p.add_run(text), font, size, bold)
    return p


def _borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def _table(doc, grid: Grid, font: str) -> None:
    rows = len(grid.all_rows())
    table = doc.add_table(rows=rows, cols=grid.columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(table)
    size = 7.5 if grid.columns >= 15 else 9
    for r, c, cell in grid.placed():
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        para = target.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.LEFT if (cell.header and c < 3 and grid.name == "section3" and r >= 3) \
            else WD_ALIGN_PARAGRAPH.CENTER
        _font(para.add_run(cell.text), font, size, bold="block-caption" in cell.classes)


def docx_bytes(report) -> bytes:
    fonts = conf.docx_fonts()
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = fonts["body"]
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), fonts["body"])

    _paragraph(doc, report.title, fonts["title"], 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, space_after=12)
    _paragraph(doc, render.preamble(report), fonts["body"], 16)
    ctx = render.document_context(report)
    grids = ctx["grids"]
    chart_list = charts.report_charts(report)

    def text_section(key: str, paras):
        _paragraph(doc, ctx["headings"][key], fonts["heading"], 16)
        for p in paras:
            _paragraph(doc, p.text, fonts["subheading"] if p.heading else fonts["body"], 16, bold=False)

    text_section("1", ctx["section1"])
    _paragraph(doc, ctx["headings"]["2"], fonts["heading"], 16)
    _table(doc, grids["section2"], fonts["table"])
    _paragraph(doc, ctx["headings"]["3"], fonts["heading"], 16)
    _table(doc, grids["section3"], fonts["table"])
    for number, chart in enumerate(chart_list, start=1):
        doc.add_picture(io.BytesIO(chart.png), width=Cm(15))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _paragraph(doc, f"图{number}　{chart.title}", fonts["table"], 10.5, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(doc, ctx["headings"]["4"], fonts["heading"], 16)
    _table(doc, grids["section4"], fonts["table"])
    text_section("5", ctx["section5"])
    text_section("6", ctx["section6"])
    if report.published_at:
        _paragraph(doc, report.unit.name, fonts["body"], 16, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        _paragraph(doc, f"{report.published_at:%Y}年{report.published_at.month}月{report.published_at.day}日", fonts["body"],
                   16, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
