"""The consistency rules of §3.8 on the sample data of §3.10 and on broken tables."""

import copy

from gongkai.reports import formats, validation
from gongkai.reports.formats import ReportFormat
from gongkai.reports.statistics import empty_section3

FIXTURE_2021_TOTALS = {  # §3.10, 2021 format fixture [S14], 总计 column
    "new_received": 14069, "carried_over": 560, "granted": 5548, "partial": 2168,
    "denied_state_secret": 13, "denied_law_forbidden": 30, "denied_security": 11, "denied_third_party": 51,
    "denied_internal": 104, "denied_process": 85, "denied_enforcement": 286, "denied_admin_query": 150,
    "unable_not_held": 3222, "unable_need_creation": 180, "unable_unclear": 19,
    "np_petition": 203, "np_repeat": 148, "np_publication": 0, "np_massive": 101, "np_confirm": 5,
    "other_no_correction": 318, "other_no_fee": 203, "other_other": 965, "total_processed": 13810,
    "carried_forward": 819,
}
FIXTURE_2021_SECTION2 = {
    "rules": {"issued": 3, "repealed": 5, "in_force": 74},
    "normative": {"issued": 564, "repealed": 984, "in_force": 4185},
    "licensing": {"decisions": 11398889}, "penalty": {"decisions": 6937489}, "coercion": {"decisions": 166105},
    "fees": {"amount_wan": "316441"},
}
FIXTURE_2021_SECTION4 = {
    "reconsideration": {"upheld": 376, "corrected": 97, "other": 196, "pending": 121, "total": 790},
    "litigation_direct": {"upheld": 16, "corrected": 1, "other": 12, "pending": 27, "total": 56},
    "litigation_after_reconsideration": {"upheld": 74, "corrected": 1, "other": 30, "pending": 51, "total": 156},
}


def fixture_section3():
    """The fixture's 总计 column; the fixture gives no split by applicant, so 自然人 carries it all."""
    table = empty_section3(ReportFormat.F2021)
    for row, n in FIXTURE_2021_TOTALS.items():
        table[row]["total"] = table[row]["natural_person"] = n
    return table


def run(section3=None, section4=None, section2=None, fmt=ReportFormat.F2021, **kw):
    return validation.validate(
        fmt=fmt, section2=section2 or FIXTURE_2021_SECTION2, section3=section3 or fixture_section3(),
        section4=section4 or FIXTURE_2021_SECTION4, **kw,
    )


def test_the_2021_fixture_passes_r1_to_r4_and_r6():
    assert run() == []


def test_r1_catches_a_wrong_carry_forward():
    table = fixture_section3()
    table["carried_forward"]["total"] = table["carried_forward"]["natural_person"] = 818
    codes = [f.code for f in run(section3=table)]
    assert codes == ["R1", "R1"]  # 自然人 and 总计 columns: 14069 + 560 ≠ 13810 + 818


def test_r2_catches_a_total_that_is_not_the_sum_of_the_outcomes():
    table = fixture_section3()
    table["granted"]["natural_person"] = table["granted"]["total"] = 5549
    findings = run(section3=table)
    assert {f.code for f in findings} == {"R2"}
    assert "13811" in findings[0].message


def test_r3_catches_a_row_whose_total_is_not_the_sum_of_applicants():
    table = fixture_section3()
    table["partial"]["commercial"] = 1
    findings = run(section3=table)
    # 商业企业's （七） no longer adds up (R2) and the row's 总计 misses the new cell (R3)
    assert sorted(f.code for f in findings) == ["R2", "R3"]
    assert "section3.partial.total" in [c for f in findings for c in f.cells]


def test_r4_catches_a_remedy_total():
    section4 = copy.deepcopy(FIXTURE_2021_SECTION4)
    section4["litigation_direct"]["total"] = 55
    assert [f.code for f in run(section4=section4)] == ["R4"]


def test_r5_is_only_a_warning():
    previous = fixture_section3()
    previous["carried_forward"]["total"] = previous["carried_forward"]["natural_person"] = 559
    findings = run(previous_section3=previous)
    assert [(f.code, f.level) for f in findings] == [("R5", "warning"), ("R5", "warning")]
    assert validation.blocking(findings) == []


def test_r6_rejects_negative_and_non_integer_cells_but_accepts_a_decimal_fee_amount():
    table = fixture_section3()
    table["np_publication"]["research"] = -1
    section2 = copy.deepcopy(FIXTURE_2021_SECTION2)
    section2["fees"]["amount_wan"] = "1234.56"
    section2["licensing"]["decisions"] = 1.5
    findings = run(section3=table, section2=section2)
    assert [f.code for f in findings] == ["R6"]
    assert set(findings[0].cells) == {"section3.np_publication.research", "section2.licensing.decisions"}


def test_the_shanghai_2019_totals_satisfy_r1_and_its_remedy_table_r4():
    # §3.10: 上海市人民政府办公厅 2019, 总计 column 859 + 18 = 805 + 72; 复议 5/–/–/2/7; 直接起诉 8/–/–/1/9
    table = empty_section3(ReportFormat.F2019)
    for row, n in {"new_received": 859, "carried_over": 18, "total_processed": 805, "carried_forward": 72}.items():
        table[row]["total"] = table[row]["natural_person"] = n
    assert [f for f in validation.check_section3(fmt=ReportFormat.F2019, section3=table) if f.code == "R1"] == []
    section4 = {
        "reconsideration": {"upheld": 5, "corrected": 0, "other": 0, "pending": 2, "total": 7},
        "litigation_direct": {"upheld": 8, "corrected": 0, "other": 0, "pending": 1, "total": 9},
        "litigation_after_reconsideration": dict.fromkeys(formats.REMEDY_COLUMN_IDS, 0),
    }
    assert validation.check_section4(section4=section4) == []


def test_the_2019_format_allows_a_negative_change_of_items_and_text_procurement_amount():
    section2 = formats.empty_section2(ReportFormat.F2019)
    section2["licensing"]["change"] = -3
    section2["procurement"]["amount"] = "251000元"
    assert validation.check_structure(fmt=ReportFormat.F2019, section2=section2,
                                      section3=empty_section3(ReportFormat.F2019),
                                      section4=FIXTURE_2021_SECTION4) == []


def test_empty_sections_and_unfilled_prompts_block_publication():
    findings = run(texts={"section1_text": "（一）主动公开【请填写：主动公开情况】", "section5_text": " ", "section6_text": "无。"})
    assert sorted(f.code for f in findings) == ["T1", "T2"]
    assert all(f.blocking for f in findings)
