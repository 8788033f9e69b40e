import warnings

import pytest

from gongkai.textparse import parse_bytes, parse_text
from gongkai.textparse.numbering import parse_numbering


def test_numbering_styles_have_fixed_ranks():
    ranks = {s: parse_numbering(s).rank for s in ("一、甲", "（一）甲", "(二) 甲", "1.甲", "1、甲", "（1）甲", "①甲", "第一条 甲")}
    assert ranks["一、甲"] < ranks["（一）甲"] == ranks["(二) 甲"] < ranks["1.甲"] == ranks["1、甲"] < ranks["（1）甲"] < ranks["①甲"]
    assert parse_numbering("2021年底前") is None and parse_numbering("12345热线") is None
    assert parse_numbering("1.5亿元") is None and parse_numbering("33.2022年底前完成").value == 33


def test_several_numbered_items_in_one_cell_share_the_unit_cell():
    html = ("<table><tr><th>工作任务</th><th>具体要求</th><th>责任单位</th></tr><tr><td>一、做好公开</td>"
            "<td><p>1.甲事项。</p><p>2.乙事项。</p></td><td>市财政局</td></tr></table>")
    plan = parse_bytes(html.encode(), filename="plan.html")
    assert [t.text for t in plan.tasks] == ["甲事项。", "乙事项。"]
    assert all(t.units.responsible == ["市财政局"] for t in plan.tasks)


@pytest.mark.parametrize("page", [
    # an XML export saved as .html: no <html> element, tags of its own
    '<?xml version="1.0" encoding="utf-8"?>\n<document><p>一、做好公开</p><p>1.甲事项。（市财政局负责）</p></document>',
    # a word processor's inline wrapper around the paragraphs
    '<html><body><font face="仿宋"><p>一、做好公开</p><p>1.甲事项。（市财政局负责）</p></font></body></html>',
])
def test_paragraphs_inside_an_inline_or_unknown_element_stay_paragraphs(page):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no "XML parsed as HTML" warning either
        plan = parse_bytes(page.encode(), filename="plan.html")
    assert [t.text for t in plan.tasks] == ["甲事项。"] and plan.tasks[0].units.responsible == ["市财政局"]


def test_an_empty_unit_cell_inherits_the_merged_cell_above():
    plan = parse_text("工作任务\t具体要求\t责任单位\n一、做好公开\t1.甲事项。\t市财政局\n\t2.乙事项。\t\n")
    assert plan.tasks[1].units.responsible == ["市财政局"] and plan.tasks[1].units_inherited


def test_headers_and_headings_repeated_at_page_breaks_do_not_duplicate():
    text = ("工作事项\t具体任务\t牵头及责任单位\n一、加强解读\t\t\n（一）深入解读。\t甲任务。\t市财政局\n"
            "工作事项\t具体任务\t牵头及责任单位\n（一）深入解读。\t乙任务。\t市审计局\n")
    plan = parse_text(text)
    assert [t.section for t in plan.tasks] == [["一、加强解读", "（一）深入解读"]] * 2


def test_units_on_their_own_line_belong_to_the_items_before_them():
    plan = parse_text("一、甲类\n1.甲事项。\n办公室、各股室\n2.乙事项。\n二、乙类\n1.丙事项。\n办公室\n")
    assert [t.units.responsible for t in plan.tasks] == [["办公室", "各股室"], ["办公室", "各股室"], ["办公室"]]
    assert plan.tasks[1].units_inherited


def test_free_text_paragraphs_are_tasks_when_nothing_is_numbered_below():
    plan = parse_text("一、重点任务\n（一）加强解读。落实同步解读要求。\n继续做好政策问答。\n（二）强化回应。及时回应关切。\n")
    assert [t.no for t in plan.tasks] == ["（一）", "（二）"]
    assert plan.tasks[0].text == "加强解读。落实同步解读要求。继续做好政策问答。"


def test_the_cover_letter_holds_no_tasks_but_gives_the_metadata():
    text = ("某某县人民政府办公室文件\n某府办〔2022〕8号\n某某县人民政府办公室关于印发某某县2022年政务公开工作要点的通知\n"
            "各乡镇：\n一、请认真贯彻落实。\n某某县人民政府办公室\n2022年3月1日\n某某县2022年政务公开工作要点\n"
            "一、加强解读\n（一）做好解读。\n")
    plan = parse_text(text)
    assert (plan.title, plan.issuer, plan.doc_number, plan.year) == (
        "某某县2022年政务公开工作要点", "某某县人民政府办公室", "某府办〔2022〕8号", 2022)
    assert [t.text for t in plan.tasks] == ["做好解读。"]


def test_numbering_gaps_and_garbled_characters_are_reported():
    plan = parse_text("1.甲事项。\n2.乙事项。\n4.丁事项落實“六?!比蝿眨。\n")
    assert any("3" in w for w in plan.warnings)
    assert any("乱码" in w for w in plan.warnings)
    assert plan.tasks[2].text.startswith("丁事项落實“六?!")


def test_a_document_without_tasks_gives_an_empty_list_and_a_warning():
    plan = parse_text("这是一封普通的信。\n没有任何任务。\n")
    assert plan.tasks == [] and any("no recognisable tasks" in w for w in plan.warnings)


def test_resolver_results_are_stored_per_role():
    def resolver(name):
        return {"kind": "unit", "id": 1, "name": name} if name == "市财政局" else {"kind": "unresolved"}

    plan = parse_text("一、甲\n1.甲事项。（市财政局牵头，某某单位配合）\n", resolver=resolver)
    data = plan.to_dict()["tasks"][0]["resolved"]
    assert data["lead"][0]["kind"] == "unit" and data["cooperate"][0]["kind"] == "unresolved"
    assert any("某某单位" in w for w in plan.warnings)


def test_inline_yi_shi_list_makes_one_task_per_item_under_the_paragraph_heading():
    plan = parse_text("某县2023年政务公开工作要点\n一、加强平台建设\n"
                      "（一）规范政府网站。一是规范信息发布；二是年底前完成栏目整合；三是加强安全防护。\n")
    assert [(t.no, t.section[-1], t.text) for t in plan.tasks] == [
        ("一是", "（一）规范政府网站", "规范信息发布；"),
        ("二是", "（一）规范政府网站", "年底前完成栏目整合；"),
        ("三是", "（一）规范政府网站", "加强安全防护。"),
    ]
    assert plan.tasks[1].deadline is not None and plan.tasks[1].deadline.isoformat() == "2023-12-31"


def test_columns_separated_by_runs_of_spaces_are_table_cells():
    plan = parse_text("某市2022年政务公开任务分解表\n序号    工作任务    牵头单位    完成时限\n"
                      "1    公开年度报告。    市政府办公室    1月31日前\n")
    task = plan.tasks[0]
    assert (task.no, task.text, task.units.lead, task.deadline.isoformat()) == (
        "1", "公开年度报告。", ["市政府办公室"], "2022-01-31")


def test_a_signature_block_after_the_plan_is_not_a_unit_line():
    plan = parse_text("某镇2019年政务公开工作方案\n一、主要任务\n1、公开财政预决算。\n某镇人民政府\n2019年3月15日\n")
    assert plan.tasks[0].units.is_empty()


def test_a_unit_and_date_between_numbered_items_are_not_a_signature():
    plan = parse_text("某县2023年政务公开工作任务\n1.公开财政预决算。\n县财政局\n2023年6月30日\n"
                      "2.公开审计结果。\n县审计局\n")
    assert [t.units.responsible for t in plan.tasks] == [["县财政局"], ["县审计局"]]


def test_a_bracketed_deadline_on_its_own_line_keeps_the_item_above():
    plan = parse_text("某县2023年政务公开工作要点\n1.规范政府网站信息发布工作。\n（完成时限：2023年6月底前）\n"
                      "2.公开财政预决算信息。\n（县财政局牵头，各部门配合）\n")
    assert [t.text for t in plan.tasks] == ["规范政府网站信息发布工作。", "公开财政预决算信息。"]
    assert str(plan.tasks[0].deadline) == "2023-06-30"
    assert plan.tasks[1].units.lead == ["县财政局"] and plan.tasks[1].units.cooperate == ["各部门"]


def test_a_second_unit_label_line_adds_to_the_same_items():
    plan = parse_text("某局2025年政务公开工作要点\n一、依申请公开\n① 按时答复申请。\n② 每半年评查一次案卷。\n"
                      "牵头单位：办公室\n配合单位：法规科\n")
    assert [(t.units.lead, t.units.cooperate) for t in plan.tasks] == [(["办公室"], ["法规科"])] * 2


def test_wide_spacing_in_running_text_and_page_metadata_is_not_a_table():
    plan = parse_text("某市2023年政务公开工作要点\n发布时间：2023-03-01    来源：市政府办    浏览次数：12\n"
                      "一、加强政策解读\n（一）做好解读。各单位要  严格落实  同步解读要求。\n")
    assert [(t.no, t.text) for t in plan.tasks] == [("（一）", "做好解读。各单位要严格落实同步解读要求。")]


def test_prose_and_page_metadata_after_a_spaced_table_are_not_its_rows():
    # After the header row every line of three or more spaced parts could be a row. Prose
    # is not: no part reads as what its column holds. Page metadata is not either, though
    # its last part reads as a date under 完成时限: its parts are labelled values (来源：…).
    plan = parse_text("某市2023年政务公开工作要点\n一、重点任务\n序号  工作任务  责任单位  完成时限\n"
                      "1  公开年度报告。  市政府办公室  1月31日前\n"
                      "二、工作要求\n（一）做好解读。各单位要  严格落实  同步解读要求。\n"
                      "来源：市政府办    浏览次数：12    发布时间：2023年3月1日\n")
    assert [(t.no, t.text, t.deadline.isoformat() if t.deadline else None) for t in plan.tasks] == [
        ("1", "公开年度报告。", "2023-01-31"),
        ("（一）", "做好解读。各单位要严格落实同步解读要求。", None),
    ]


def test_a_spaced_table_without_a_number_column_keeps_its_unnumbered_rows():
    plan = parse_text("某市2023年政务公开任务清单\n工作任务    责任单位    完成时限\n"
                      "做好年报解读。    市政府办公室    2月底前\n加强政策解读。    市司法局牵头，各部门配合    持续推进\n")
    assert [(t.text, t.units.lead + t.units.responsible, t.deadline_text) for t in plan.tasks] == [
        ("做好年报解读。", ["市政府办公室"], "2月底前"),
        ("加强政策解读。", ["市司法局"], "持续推进"),
    ]


@pytest.mark.parametrize(("lines", "lead", "cooperate"), [
    (["（县财政局牵头，", "各部门配合）"], ["县财政局"], ["各部门"]),
    (["（牵头单位：县财政局；", "配合单位：县直各部门、", "各乡镇）"], ["县财政局"], ["县直各部门", "各乡镇"]),
])
def test_a_units_parenthesis_wrapped_over_lines_is_read_as_one(lines, lead, cooperate):
    # The lines after the first read as unit lines of their own, were they not inside the
    # parenthesis the item opened: the lead would be lost and "（县财政局牵头，" left in the text.
    text = ("某县2023年政务公开工作要点\n一、加强重点领域信息公开\n"
            f"1.做好财政预决算信息公开，预决算批复后20日内在县政府门户网站集中公开{lines[0]}\n"
            + "".join(f"{line}\n" for line in lines[1:])
            + "2.推进重大建设项目批准和实施信息公开，年底前完成专栏内容更新。\n县发展改革局\n")
    plan = parse_text(text)
    assert [(t.no, t.text, t.units.lead, t.units.responsible, t.units.cooperate) for t in plan.tasks] == [
        ("1", "做好财政预决算信息公开，预决算批复后20日内在县政府门户网站集中公开", lead, [], cooperate),
        ("2", "推进重大建设项目批准和实施信息公开，年底前完成专栏内容更新。", [], ["县发展改革局"], []),
    ]


def test_a_bracketed_deadline_wrapped_onto_the_next_line_stays_with_its_item():
    plan = parse_text("某县2024年政务公开工作要点\n一、加强政策解读\n"
                      "1.围绕群众关切开展政策问答，及时更新政策问答库（完成时限：\n2024年6月底前）\n"
                      "2.做好政策解读材料发布工作。\n县政府办公室\n")
    assert [(t.text, t.deadline_text) for t in plan.tasks] == [
        ("围绕群众关切开展政策问答，及时更新政策问答库", "2024年6月底前"), ("做好政策解读材料发布工作。", None)]
    assert str(plan.tasks[0].deadline) == "2024-06-30"


def test_a_division_in_parentheses_at_a_lines_end_is_part_of_the_unit_name():
    # "各镇（街道）" ending a line is one unit name wrapped with the sentence, not a units
    # parenthesis naming 街道 that closes the item.
    plan = parse_text("某区2023年政务公开工作要点\n一、推进基层政务公开标准化规范化\n"
                      "1.持续推进基层政务公开标准化规范化建设，指导各镇（街道）\n"
                      "完善政务公开事项目录，年底前实现全覆盖。\n区政府办公室牵头，各镇（街道）负责\n"
                      "2.规范村（居）务公开，推动各乡（镇）\n及时公开惠民资金发放情况。\n区民政局\n")
    assert [(t.text, t.units.lead, t.units.responsible) for t in plan.tasks] == [
        ("持续推进基层政务公开标准化规范化建设，指导各镇（街道）完善政务公开事项目录，年底前实现全覆盖。",
         ["区政府办公室"], ["各镇（街道）"]),
        ("规范村（居）务公开，推动各乡（镇）及时公开惠民资金发放情况。", [], ["区民政局"]),
    ]
