"""Generate the golden test documents in ``tests/data/`` (run from the repository root).

    .venv/bin/python -m gongkai.textparse.tests.make_fixtures

Our own plans in layouts the seeds do not show (other provinces and levels, 第一条 and
（一）1. numbering, units in parentheses and on their own lines, tables with deadline
columns and merged cells), written out as txt (UTF-8, GBK, UTF-16, traditional), docx,
xlsx, html and pdf. When ``../shared/seeds`` is present, docx/xlsx/html versions of two
seeds are made too. The generated files are committed; CI does not need to run this.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"

FREE_TEXT = """梅州市梅江区人民政府办公室

梅区府办〔2023〕15号

梅州市梅江区人民政府办公室关于印发梅江区2023年政务公开工作要点的通知

各镇人民政府、街道办事处，区直各单位：
　　现将《梅江区2023年政务公开工作要点》印发给你们，请认真抓好落实。

梅州市梅江区人民政府办公室
2023年3月10日

梅江区2023年政务公开工作要点

　　为深入贯彻落实国家、省、市关于政务公开工作的部署要求，结合我区实际，制定本要点。

一、总体要求
　　以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，持续深化政务公开。

二、重点任务
（一）加强政策解读。
　　1.严格落实政策文件与解读材料同步组织、同步审签、同步部署要求，全年解读率达到100%。（牵头单位：区政府办公室；责任单位：区直各单位）
　　2.区政府主要负责同志每年至少解读重要政策1次，各部门主要负责同志带头解读本部门政策。（牵头单位：区政府办公室；配合单位：区直各单位；完成时限：2023年6月底前）
（二）做好重点领域信息公开。
　　3.及时公开财政预决算信息，在人代会批准后20日内公开。（区财政局牵头，区直各单位落实）
　　4.加强乡村振兴领域信息公开，按季度公开衔接资金使用情况。（区农业农村局牵头，各镇人民政府、街道办事处落实；完成时限：每季度末）
　　5.做好义务教育招生入学信息公开，于8月31日前公布招生结果。
　　责任单位：区教育局
（三）加强平台建设。
　　6.规范政府网站和政务新媒体管理，每季度开展一次自查。
　　7.二〇二三年十二月底前完成政府信息公开专栏内容核查。
　　责任单位：区政务服务数据管理局，各镇人民政府、街道办事处
三、保障措施
（一）加强组织领导。各单位要把政务公开工作纳入重要议事日程，明确分管领导和工作人员。
（二）强化考核评估。区政府办公室将于第三季度前组织开展政务公开工作检查，检查结果纳入年度绩效考核。

附件：梅江区2023年政务公开重点任务分工表
"""

TABLE_TITLE = "惠东县2022年政务公开重点任务分工表"
TABLE_HEADER = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"]
# None marks a cell merged with the one above (blank in text versions).
TABLE_ROWS: list[list[str | None] | str] = [
    "一、深化重点领域信息公开",
    ["1", "推进财政信息公开", "全面公开县级部门预决算和“三公”经费。", "县财政局", "县直各部门", "2022年9月30日前"],
    ["2", None, "公开政府债务限额、余额等信息。", None, None, "持续推进"],
    ["3", "推进重大项目公开", "重大建设项目批准和实施信息公开。", "县发展和改革局", "县自然资源局、县住房和城乡建设局", "上半年"],
    "二、加强政策解读回应",
    ["4", "做好政策解读", "政策文件与解读材料同步组织、同步审签、同步部署。", "县政府办公室", "县直各部门", "长期坚持"],
    ["5", "回应社会关切", "及时回应涉及民生的热点问题，每月至少发布2条回应信息。", "县委宣传部", "县直各部门、各镇人民政府", "每月"],
    ["6", "加强舆情监测", "建立健全政务舆情监测和风险研判机制。", "县委网信办", "", "11月底前"],
]

ARTICLES = """龙门县龙城街道办事处2024年政务公开工作方案

第一条　加强街道政务公开标准化建设，动态调整基层政务公开标准目录，年底前完成目录更新。
责任单位：街道党政综合办公室
第二条　规范村（社区）务公开，一是每月更新村务公开栏；二是及时公开低保、特困救助等民生资金发放情况。
责任单位：街道社会事务办公室、各村（社区）
第三条　做好依申请公开工作，严格按照法定时限答复申请人，于2024年12月15日前完成年度依申请公开案卷归档。
牵头单位：街道党政综合办公室
配合单位：街道综合行政执法办公室
第四条　加强政务公开培训，每半年组织一次业务培训。
责任单位：街道党政综合办公室
"""

CELL_LINES = """韶关市浈江区2022年政务公开工作任务清单

序号
工作任务
责任单位
完成时限
1
做好政府信息公开年度报告编制发布工作。
区政府办公室
2022年1月31日前
2
加强政府网站内容保障，确保信息及时更新。
区政务服务数据管理局
持续推进
3
推进基层政务公开标准化规范化，动态调整公开目录。
各镇人民政府、区直有关部门
2022年6月底前
"""


def table_text() -> str:
    lines = [TABLE_TITLE, "", "\t".join(TABLE_HEADER)]
    for row in TABLE_ROWS:
        lines.append(row if isinstance(row, str) else "\t".join(c or "" for c in row))
    return "\n".join(lines) + "\n"


def write_txt_variants() -> None:
    (DATA / "plan_free.txt").write_text(FREE_TEXT, encoding="utf-8")
    (DATA / "plan_free.gbk.txt").write_bytes(FREE_TEXT.encode("gbk"))
    (DATA / "plan_free.utf16.txt").write_bytes(FREE_TEXT.encode("utf-16"))
    (DATA / "plan_free.utf16le-nobom.txt").write_bytes(FREE_TEXT.encode("utf-16-le"))
    import opencc

    trad = opencc.OpenCC("s2t").convert(FREE_TEXT)
    (DATA / "plan_free.trad.txt").write_text(trad, encoding="utf-8")
    (DATA / "plan_free.big5.txt").write_bytes(trad.encode("big5", errors="replace"))
    (DATA / "plan_table.txt").write_text(table_text(), encoding="utf-8")
    (DATA / "plan_articles.txt").write_text(ARTICLES, encoding="utf-8")
    (DATA / "plan_cells.txt").write_text(CELL_LINES, encoding="utf-8")


def _docx_paragraphs(text: str, path: Path) -> None:
    import docx

    d = docx.Document()
    for line in text.split("\n"):
        if line.strip():
            d.add_paragraph(line.strip())
    d.save(path)


def _docx_table(path: Path, title: str, header: list[str], rows: list) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph(title)
    body = [r for r in rows]
    table = d.add_table(rows=1 + len(body), cols=len(header))
    for c, h in enumerate(header):
        table.cell(0, c).text = h
    for r, row in enumerate(body, start=1):
        if isinstance(row, str):
            merged = table.cell(r, 0).merge(table.cell(r, len(header) - 1))
            merged.text = row
            continue
        for c, value in enumerate(row):
            if value is None:
                top = r - 1
                table.cell(top, c).merge(table.cell(r, c))
            else:
                table.cell(r, c).text = value
    d.save(path)


def _xlsx_table(path: Path, title: str, header: list[str], rows: list) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for row in rows:
        r = ws.max_row + 1
        if isinstance(row, str):
            ws.cell(r, 1, row)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(header))
            continue
        for c, value in enumerate(row, start=1):
            if value is None:
                # extend the merge from the cell above
                ws.merge_cells(start_row=r - 1, start_column=c, end_row=r, end_column=c)
            else:
                ws.cell(r, c, int(value) if value.isdigit() and c == 1 else value)
    wb.save(path)


def _html_table(path: Path, title: str, header: list[str], rows: list) -> None:
    out = [f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>", f"<h2>{title}</h2>",
           "<table border='1'>", "<tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr>"]
    spans: dict[tuple[int, int], int] = {}
    body = list(rows)
    for r, row in enumerate(body):
        if isinstance(row, str):
            continue
        for c, value in enumerate(row):
            if value is not None:
                n = 1
                while r + n < len(body) and not isinstance(body[r + n], str) and body[r + n][c] is None:
                    n += 1
                spans[(r, c)] = n
    for r, row in enumerate(body):
        if isinstance(row, str):
            out.append(f"<tr><td colspan='{len(header)}'><p>{row}</p></td></tr>")
            continue
        cells = []
        for c, value in enumerate(row):
            if value is None:
                continue
            rs = spans.get((r, c), 1)
            attr = f" rowspan='{rs}'" if rs > 1 else ""
            cells.append(f"<td{attr}><p>{value}</p></td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")


def _html_paragraphs(text: str, path: Path) -> None:
    body = "".join(f"<p>{line.strip()}</p>\n" for line in text.split("\n") if line.strip())
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='gbk'></head><body><div class='TRS_Editor'>\n{body}"
                    "</div><script>var x='<p>not text</p>';</script></body></html>", encoding="gbk")


def make_pdf(title: str, header: list[str], rows: list, path: Path) -> None:
    """A one-page PDF with a ruled table, drawn in the standard STSong-Light CID font (no embedding)."""
    ops: list[str] = []

    def text(x: float, y: float, s: str, size: int = 8) -> None:
        ops.append(f"BT /F1 {size} Tf {x} {y} Td <{s.encode('utf-16-be').hex().upper()}> Tj ET")

    text(40, 800, title, 12)
    widths = [28, 70, 180, 70, 100, 70]
    rowh, top = 26, 770
    grid = [header] + [[r] + [""] * (len(header) - 1) if isinstance(r, str) else [c or "" for c in r] for r in rows]
    y = top
    for row in grid:
        x = 30
        for w, cell in zip(widths, row, strict=True):
            # wrap long cells at the column width (8 pt characters)
            per = max(1, int((w - 4) // 8))
            for k in range(0, min(len(cell), per * 3), per):
                text(x + 2, y - 10 - (k // per) * 8, cell[k: k + per])
            x += w
        y -= rowh
    x0, x1 = 30, 30 + sum(widths)
    for k in range(len(grid) + 1):
        ops.append(f"{x0} {top - k * rowh} m {x1} {top - k * rowh} l S")
    x = x0
    for w in [0, *widths]:
        x += w
        ops.append(f"{x} {top} m {x} {y} l S")
    content = "\n".join(ops).encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 "
        b"/Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))


def seed_table(name: str) -> tuple[list[str], list[str], list] | None:
    """Header and rows of a seed's tab-separated table (for docx/xlsx/html versions)."""
    path = SEEDS / f"{name}.txt"
    if not path.exists():
        return None
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, ln in enumerate(lines) if "\t" in ln)
    before = [ln for ln in lines[:start] if ln.strip()]
    header = lines[start].split("\t")
    rows: list = []
    for ln in lines[start + 1:]:
        if "\t" not in ln:
            continue
        cells = [c.replace("<p>", "").replace("</p>", "").strip() for c in ln.split("\t")]
        if [c for c in cells] == header:
            continue
        cells = (cells + [""] * len(header))[: len(header)]
        if cells[0] and not any(cells[1:]):
            rows.append(cells[0])
        else:
            rows.append(cells)
    return before, header, rows


# Generalisation case in several formats: a 6-column 分工表 whose 具体措施 cells hold several
# （1）（2） items (one per line in docx/xlsx/html, run together on one line in the text copy),
# with the 重点任务 and 配合单位 cells merged down independently of each other.
GEN_TABLE_NAME = "gen10_city_table_merged_items"
GEN_TABLE_TITLE = "东莞市2019年政务公开工作要点任务分工表"
GEN_TABLE_HEADER = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"]
GEN_TABLE_ROWS: list[list[str | None] | str] = [
    "一、推进决策公开",
    ["1", "重大决策预公开", "（1）制定并公开年度重大行政决策事项目录。\n（2）决策草案公开征求意见时间不少于30日。",
     "市司法局", "市直各部门", "2019年6月底前"],
    ["2", None, "（3）落实政府常务会议开放制度，邀请利益相关方列席。", "市政府办公室", None, "持续推进"],
    "二、推进执行和结果公开",
    ["3", "重点工作落实情况公开", "（4）按季度公开政府工作报告重点任务进展。", "市政府办公室", "各牵头单位", "每季度"],
    ["4", "审计结果公开", "（5）公开审计工作报告和审计发现问题整改情况。", "市审计局", "无", "11月底前"],
]


def write_generalisation_variants() -> None:
    out = DATA / "generalisation"
    out.mkdir(exist_ok=True)
    lines = [GEN_TABLE_TITLE, "", "\t".join(GEN_TABLE_HEADER)]
    for row in GEN_TABLE_ROWS:
        lines.append(row if isinstance(row, str) else "\t".join((c or "").replace("\n", "") for c in row))
    (out / f"{GEN_TABLE_NAME}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _docx_table(out / f"{GEN_TABLE_NAME}.docx", GEN_TABLE_TITLE, GEN_TABLE_HEADER, GEN_TABLE_ROWS)
    _xlsx_table(out / f"{GEN_TABLE_NAME}.xlsx", GEN_TABLE_TITLE, GEN_TABLE_HEADER, GEN_TABLE_ROWS)
    _html_table(out / f"{GEN_TABLE_NAME}.html", GEN_TABLE_TITLE, GEN_TABLE_HEADER,
                [r if isinstance(r, str) else [c.replace("\n", "</p><p>") if c else c for c in r]
                 for r in GEN_TABLE_ROWS])


def write_binary_variants() -> None:
    _docx_paragraphs(FREE_TEXT, DATA / "plan_free.docx")
    _html_paragraphs(FREE_TEXT, DATA / "plan_free.html")
    rows = TABLE_ROWS
    _docx_table(DATA / "plan_table.docx", TABLE_TITLE, TABLE_HEADER, rows)
    _xlsx_table(DATA / "plan_table.xlsx", TABLE_TITLE, TABLE_HEADER, rows)
    _html_table(DATA / "plan_table.html", TABLE_TITLE, TABLE_HEADER, rows)
    make_pdf(TABLE_TITLE, TABLE_HEADER, rows, DATA / "plan_table.pdf")
    for seed in ("000_999b1c3bf9057d29", "003_179f6169358b91c8"):
        got = seed_table(seed)
        if got is None:
            print(f"skip seed {seed}: ../shared/seeds not found", file=sys.stderr)
            continue
        before, header, srows = got
        title = before[-1]
        # blank unit cells under a filled one are merged cells in the original
        mrows = [r if isinstance(r, str) else [c if c or k != len(header) - 1 else None for k, c in enumerate(r)]
                 for r in srows]
        for k, r in enumerate(mrows):
            if not isinstance(r, str) and r[0] == "":
                prev = mrows[k - 1] if k else None
                r[0] = None if prev is not None and not isinstance(prev, str) else ""
        _docx_table(DATA / f"seed{seed[:3]}.docx", title, header, mrows)
        _xlsx_table(DATA / f"seed{seed[:3]}.xlsx", title, header, mrows)
        _html_table(DATA / f"seed{seed[:3]}.html", title, header, mrows)
    # bad input
    (DATA / "bad_empty.txt").write_bytes(b"")
    (DATA / "bad_binary.bin").write_bytes(bytes(range(256)) * 40)
    good = (DATA / "plan_table.docx").read_bytes()
    (DATA / "bad_truncated.docx").write_bytes(good[: len(good) // 2])
    (DATA / "bad_corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n" + b"\x00garbage" * 50)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512
    (DATA / "bad_encrypted.docx").write_bytes(ole)
    buf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "not a plan")
    (DATA / "bad_archive.zip").write_bytes(buf.getvalue())


def main() -> int:
    DATA.mkdir(parents=True, exist_ok=True)
    write_txt_variants()
    write_binary_variants()
    write_generalisation_variants()
    print(f"wrote {len(list(DATA.iterdir()))} files to {DATA}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
