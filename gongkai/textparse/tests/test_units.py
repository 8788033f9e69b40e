import pytest

from gongkai.textparse.units import as_unit_list, parse_units, split_inline


@pytest.mark.parametrize(("raw", "lead", "responsible", "cooperate", "reference"), [
    ("A局牵头，B局配合；C政府参照落实", ["A局"], [], ["B局"], ["C政府"]),
    ("A局、B局按职责分工负责，各镇（街道）", [], ["A局", "B局", "各镇（街道）"], [], []),
    ("A局牵头，B局、C局等有关部门落实", ["A局"], ["B局", "C局"], [], []),
    ("区司法局牵头区直有关行政执法部门，各镇（街道）", ["区司法局"], ["区直有关行政执法部门", "各镇（街道）"], [], []),
    ("市政府办公室牵头，市政务服务数据管理局配合落实；各市（区）政府参照执行",
     ["市政府办公室"], [], ["市政务服务数据管理局"], ["各市（区）政府"]),
    ("市直各部门；市发展改革局、市财政局按照职责分工强化监管", [], ["市直各部门", "市发展改革局", "市财政局"], [], []),
    ("牵头单位：县政府办；责任单位：各乡镇；配合单位：县财政局", ["县政府办"], ["各乡镇"], ["县财政局"], []),
    ("区政府办公室(区网站管理中心)、区数据局牵头, 各镇(街道)", ["区政府办公室(区网站管理中心)", "区数据局"],
     ["各镇(街道)"], [], []),
    ("县教育局协助，县卫健局负责", [], ["县卫健局"], ["县教育局"], []),
])
def test_roles_are_split_from_the_printed_phrasing(raw, lead, responsible, cooperate, reference):
    units = parse_units(raw)
    assert (units.lead, units.responsible, units.cooperate, units.reference) == (lead, responsible, cooperate, reference)


def test_names_are_kept_exactly_as_printed_in_traditional_characters():
    units = as_unit_list("江門市蓬江區民政局牽頭，辦公室、各股室配合")
    assert units.lead == ["江門市蓬江區民政局"]
    assert units.cooperate == ["辦公室", "各股室"]


@pytest.mark.parametrize("text", ["加强行政执法信息公开。", "配合区政数局，按照省政府工作部署", "公告公示",
                                  "市财政局要做好业务指导。", "持续推进"])
def test_sentences_are_not_unit_lists(text):
    assert as_unit_list(text) is None


def test_units_in_parentheses_after_a_task_are_cut_from_its_text():
    text, units, deadline = split_inline("做好财政公开。（牵头单位：市财政局；责任单位：各县（市、区）政府；完成时限：6月底前）")
    assert text == "做好财政公开。"
    assert units.lead == ["市财政局"] and units.responsible == ["各县（市、区）政府"]
    assert deadline == "6月底前"


def test_a_parenthesis_that_is_not_a_unit_list_stays_in_the_text():
    text, units, _ = split_inline("做好重点领域信息更新（如养老服务、社会救助等）。")
    assert units is None and text.endswith("等）。")


@pytest.mark.parametrize(("raw", "lead", "responsible", "cooperate", "reference"), [
    ("区司法局（牵头）、区直有关单位", ["区司法局"], ["区直有关单位"], [], []),
    ("区政府办公室（牵头），区直各单位（配合）", ["区政府办公室"], [], ["区直各单位"], []),
    ("区政务服务数据管理局（牵头）；各镇（街）（参照执行）", ["区政务服务数据管理局"], [], [], ["各镇（街）"]),
    ("市政府办公室、市发改委牵头，各牵头部门落实", ["市政府办公室", "市发改委"], ["各牵头部门"], [], []),
    ("市审改办牵头，市直各部门配合；各县〔市、区〕人民政府参照执行", ["市审改办"], [], ["市直各部门"],
     ["各县〔市、区〕人民政府"]),
])
def test_roles_in_parentheses_role_words_inside_names_and_nested_brackets(raw, lead, responsible, cooperate, reference):
    units = parse_units(raw)
    assert (units.lead, units.responsible, units.cooperate, units.reference) == (lead, responsible, cooperate, reference)


@pytest.mark.parametrize("text", ["持续推进标准化规范化建设，指导各镇（街道）", "将公开要求传达到各区（县）",
                                  "及时公开惠民资金发放情况，督促各乡（镇）", "做好转载工作，各县（市、区）",
                                  "完善公开目录，覆盖所有村（社区）。"])
def test_a_division_in_parentheses_after_a_division_word_is_part_of_the_name(text):
    assert split_inline(text) == (text, None, None)


def test_a_unit_in_parentheses_after_other_words_is_still_a_unit_list():
    text, units, _ = split_inline("做好村务公开目录的更新工作（各镇）")
    assert text == "做好村务公开目录的更新工作" and units.responsible == ["各镇"]
