"""Official-document (公文) DOCX output of bulletins, laid out after GB/T 9704-2012 《党政机关公文格式》:
A4, margins 37/35/28/26 mm, 发文机关标志 in red 小标宋, 发文字号 centred under it above a red rule,
title in 2号小标宋, body in 3号仿宋 with 28-point line spacing, first-level headings in 黑体.

Chinese font names go into w:eastAsia (Word ignores font.name for CJK text); the font table lists a
Noto CJK altName for each so LibreOffice and machines without 仿宋/黑体 still render CJK glyphs.
"""

from __future__ import annotations

import io
import zipfile

from django.conf import settings
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

FONTS = getattr(settings, "GONGKAI_WORKPLAN_DOCX_FONTS", {
    "body": ("仿宋_GB2312", "Noto Serif CJK SC"),
    "heading": ("黑体", "Noto Sans CJK SC"),
    "title": ("方正小标宋简体", "Noto Serif CJK SC"),
    "table": ("仿宋_GB2312", "Noto Serif CJK SC"),
})
RED = RGBColor(0xC0, 0x00, 0x00)


def _font(run, role: str, size_pt: float, bold: bool = False, color: RGBColor | None = None) -> None:
    east_asia, fallback = FONTS[role]
    run.font.name = fallback
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), fallback)
    fonts.set(qn("w:hAnsi"), fallback)


def _para(doc, text: str, role: str = "body", size: float = 16, align=None, bold=False, color=None, indent=True,
          space_after: float = 0):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(0)
    if align is not None:
        p.alignment = align
    elif indent:
        fmt.first_line_indent = Pt(size * 2)  # 首行缩进两字
    _font(p.add_run(text), role, size, bold, color)
    return p


def _red_rule(doc) -> None:
    p = doc.add_paragraph()
    p_pr = p._element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "12"), ("space", "1"), ("color", "C00000")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    p_pr.append(border)


def _set_default_fonts(doc) -> None:
    r_pr = doc.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if r_pr is None:
        return
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    east_asia, fallback = FONTS["body"]
    for key in ("eastAsia", "ascii", "hAnsi"):
        fonts.attrib.pop(qn(f"w:{key}Theme"), None)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), fallback)
    fonts.set(qn("w:hAnsi"), fallback)


def _with_font_fallbacks(docx_bytes: bytes) -> bytes:
    """Add each CJK font to word/fontTable.xml with its Noto altName (the substitute Word/LibreOffice use)."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            blob = source.read(item.filename)
            if item.filename == "word/fontTable.xml":
                entries = "".join(
                    f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/></w:font>'
                    for name, alt in dict(FONTS.values()).items()
                )
                text = blob.decode("utf-8")
                blob = text.replace("</w:fonts>", entries + "</w:fonts>").encode("utf-8")
            target.writestr(item, blob)
    return out.getvalue()


def _table_styles(doc):
    """Paragraph styles for table cells, so fonts are set once rather than on every run (fast for long tables)."""
    styles = {}
    for name, role, bold in (("通报表头", "heading", False), ("通报表格", "table", False)):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.font.size = Pt(12)
        style.font.bold = bold
        east_asia, fallback = FONTS[role]
        style.font.name = fallback
        r_pr = style.element.get_or_add_rPr()
        fonts = r_pr.find(qn("w:rFonts"))
        fonts.set(qn("w:eastAsia"), east_asia)
        style.paragraph_format.space_after = Pt(0)
        styles[role] = style
    return styles


def _table(doc, header: list[str], rows: list[list], widths_mm: list[float]) -> None:
    styles = doc._gk_table_styles
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, width in enumerate(widths_mm):
        table.columns[i].width = Mm(width)
    cells = table._cells  # all cells row by row, computed once (row.cells recomputes the grid every time)
    ncols = len(header)
    for r, values in enumerate([header, *rows]):
        for cell, value in zip(cells[r * ncols:(r + 1) * ncols], values, strict=False):
            p = cell.paragraphs[0]
            p._p.style = styles["heading" if r == 0 else "table"].style_id  # by id: avoids a style lookup per cell
            if r == 0:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run("" if value is None else str(value))


def bulletin_docx(bulletin) -> bytes:
    data = bulletin.data
    plan = bulletin.plan
    issuer = plan.issuer or f"{plan.owner.name}办公室"
    doc = Document()
    _set_default_fonts(doc)
    doc._gk_table_styles = _table_styles(doc)
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    _para(doc, f"{issuer}", "title", 26, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED)  # 发文机关标志
    _para(doc, bulletin.doc_number, "body", 16, align=WD_ALIGN_PARAGRAPH.CENTER)  # 发文字号
    _red_rule(doc)
    _para(doc, bulletin.title, "title", 22, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=14)
    _para(doc, "各有关单位：", "body", 16, indent=False)
    totals = data["totals"]
    start, end = data["period_start"], data["period_end"]
    _para(doc, (
        f"根据《{plan.title}》的分工，现将截至{_cn_date(end)}（统计期间{_cn_date(start)}至{_cn_date(end)}）"
        f"政务公开重点工作推进情况通报如下。本方案共{totals['tasks']}项任务、{totals['assignments']}项分工，"
        f"已完成{totals['done']}项，完成率{totals['rate']}%；逾期未完成{totals['overdue']}项。"
    ))
    _para(doc, "一、各单位完成情况", "heading", 16)
    _table(doc, ["序号", "单位", "分工数", "已完成", "完成率", "逾期", "本期报送"],
           [[i, u["name"], u["total"], u["done"], f"{u['rate']}%", u["overdue"], u["reports_in_period"]]
            for i, u in enumerate(data["units"], start=1)], [14, 50, 18, 18, 20, 16, 20])
    _para(doc, "二、逾期未完成任务", "heading", 16)
    if data["overdue"]:
        _table(doc, ["序号", "单位", "任务"], [[i, o["unit"], o["task"]] for i, o in enumerate(data["overdue"], start=1)],
               [14, 45, 98])
    else:
        _para(doc, "本期无逾期未完成任务。")
    _para(doc, "三、本期未报送进展的单位", "heading", 16)
    _para(doc, "、".join(data["no_report"]) + "。" if data["no_report"] else "各单位均已报送进展。")
    _para(doc, "四、与上期相比的变化", "heading", 16)
    changes = data["changes"]
    if not changes["previous"]:
        _para(doc, "本期为首期通报。")
    else:
        _para(doc, f"与上期（{changes['previous']}）相比，新完成{changes['newly_done']}项，"
                   f"新增逾期{len(changes['newly_overdue'])}项。")
        if changes["units"]:
            _table(doc, ["单位", "新完成", "上期完成率", "本期完成率"],
                   [[c["name"], c["done_delta"], "—" if c["rate_before"] is None else f"{c['rate_before']}%",
                     f"{c['rate_after']}%"] for c in changes["units"]], [60, 25, 35, 35])
    _para(doc, "五、工作要求", "heading", 16)
    _para(doc, bulletin.remarks or "请逾期单位于5个工作日内完成整改并报送进展，未报送单位及时在台账中报送工作情况和佐证材料。")
    _para(doc, "", indent=False)
    _para(doc, issuer, "body", 16, align=WD_ALIGN_PARAGRAPH.RIGHT)
    published = bulletin.published_at.date().isoformat() if bulletin.published_at else end
    _para(doc, _cn_date(published), "body", 16, align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.save(out)
    return _with_font_fallbacks(out.getvalue())


def _cn_date(iso: str) -> str:
    year, month, day = (int(x) for x in iso.split("-"))
    return f"{year}年{month}月{day}日"
