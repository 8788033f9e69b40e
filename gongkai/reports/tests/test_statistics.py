"""Tables 三 and 四 computed from FOI cases whose tables were worked out by hand, cell by cell."""

from gongkai.foi_requests.outcomes import ReplyOutcome
from gongkai.reports import formats, statistics
from gongkai.reports.formats import ReportFormat

from .factories import D, case, civil_affairs_2025

COLS = formats.COLUMN_IDS


def expected_table(fmt, cells):
    table = {row.id: dict.fromkeys(COLS, 0) for row in formats.section3_rows(fmt)}
    for (row, column), n in cells.items():
        table[row][column] = n
    return table


# 市民政局 2025 by hand (case letters in factories.civil_affairs_2025):
# 一 new: 自然人 D E H J = 4, 商业企业 L, 科研机构 G, 社会公益组织 I, 法律服务机构 F, 其他 K → 9
# 二 carried over: 自然人 A, 商业企业 B → 2
# 三 concluded in 2025: A D granted, L partial, E 第三方, F 不掌握, G 重复, H 逾期未缴费, I 其他 → 8
# 四 open on 12-31: B, J (concluded 2026), K → 3.   R1: 9 + 2 = 8 + 3.
HAND_2021 = {
    ("new_received", "natural_person"): 4, ("new_received", "commercial"): 1, ("new_received", "research"): 1,
    ("new_received", "public_interest"): 1, ("new_received", "legal_service"): 1, ("new_received", "other_org"): 1,
    ("new_received", "total"): 9,
    ("carried_over", "natural_person"): 1, ("carried_over", "commercial"): 1, ("carried_over", "total"): 2,
    ("granted", "natural_person"): 2, ("granted", "total"): 2,
    ("partial", "commercial"): 1, ("partial", "total"): 1,
    ("denied_third_party", "natural_person"): 1, ("denied_third_party", "total"): 1,
    ("unable_not_held", "legal_service"): 1, ("unable_not_held", "total"): 1,
    ("np_repeat", "research"): 1, ("np_repeat", "total"): 1,
    ("other_no_fee", "natural_person"): 1, ("other_no_fee", "total"): 1,
    ("other_other", "public_interest"): 1, ("other_other", "total"): 1,
    ("total_processed", "natural_person"): 4, ("total_processed", "commercial"): 1,
    ("total_processed", "research"): 1, ("total_processed", "public_interest"): 1,
    ("total_processed", "legal_service"): 1, ("total_processed", "total"): 8,
    ("carried_forward", "natural_person"): 1, ("carried_forward", "commercial"): 1,
    ("carried_forward", "other_org"): 1, ("carried_forward", "total"): 3,
}


def test_every_outcome_of_the_foi_module_has_exactly_one_row_of_table_three():
    assert set(ReplyOutcome.values) == set(formats.outcome_rows(ReportFormat.F2021))
    assert len(formats.section3_rows(ReportFormat.F2021)) == 25  # 175 numeric cells with 7 columns
    assert len(formats.section3_rows(ReportFormat.F2019)) == 23


def test_table_three_of_a_department_matches_the_hand_computed_cells(directory):
    mzj = directory.unit("市民政局")
    civil_affairs_2025(mzj, other_unit=directory.unit("市财政局"))
    result = statistics.compute_section3(unit_ids=[mzj.pk], year=2025, fmt=ReportFormat.F2021)
    assert result.table == expected_table(ReportFormat.F2021, HAND_2021)
    assert result.concluded_without_outcome == 0


def test_the_2019_format_folds_the_three_other_rows_into_one(directory):
    mzj = directory.unit("市民政局")
    civil_affairs_2025(mzj)
    cells = {k: v for k, v in HAND_2021.items() if not k[0].startswith("other_")}
    cells.update({("other", "natural_person"): 1, ("other", "public_interest"): 1, ("other", "total"): 2})
    result = statistics.compute_section3(unit_ids=[mzj.pk], year=2025, fmt=ReportFormat.F2019)
    assert result.table == expected_table(ReportFormat.F2019, cells)


def test_the_previous_year_ends_where_this_one_begins(directory):
    mzj = directory.unit("市民政局")
    civil_affairs_2025(mzj)
    t2024 = statistics.compute_section3(unit_ids=[mzj.pk], year=2024, fmt=ReportFormat.F2021).table
    # 2024: received A B C; concluded C (partial); open on 2024-12-31: A, B.
    assert t2024["new_received"]["total"] == 3
    assert t2024["partial"]["natural_person"] == 1 and t2024["total_processed"]["total"] == 1
    assert t2024["carried_forward"] == {**dict.fromkeys(COLS, 0), "natural_person": 1, "commercial": 1, "total": 2}
    t2025 = statistics.compute_section3(unit_ids=[mzj.pk], year=2025, fmt=ReportFormat.F2021).table
    assert t2025["carried_over"] == t2024["carried_forward"]  # R5


def test_table_four_counts_remedies_decided_in_the_year_and_those_pending_at_its_end(directory):
    mzj = directory.unit("市民政局")
    civil_affairs_2025(mzj)
    table = statistics.compute_section4(unit_ids=[mzj.pk], year=2025)
    assert table == {
        "reconsideration": {"upheld": 1, "corrected": 0, "other": 1, "pending": 1, "total": 3},
        "litigation_direct": {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1},
        "litigation_after_reconsideration": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
    }


def test_consolidated_scope_adds_the_governments_departments(directory):
    mzj, czj = directory.unit("市民政局"), directory.unit("市财政局")
    civil_affairs_2025(mzj, other_unit=czj)
    ids = statistics.report_unit_ids(directory.city, "consolidated")
    assert mzj.pk in ids and czj.pk in ids and directory.pengjiang.pk in ids
    table = statistics.compute_section3(unit_ids=ids, year=2025, fmt=ReportFormat.F2021).table
    assert table["granted"]["commercial"] == 1 and table["granted"]["total"] == 3
    assert table["new_received"]["total"] == 10


def test_a_department_report_counts_its_internal_offices_but_not_other_units(directory):
    pj_mz = directory.unit("区民政局")
    office = pj_mz.children.get(name="社会救助股")
    ids = statistics.report_unit_ids(pj_mz, "unit")
    assert set(ids) == {pj_mz.pk, *pj_mz.children.values_list("pk", flat=True)}
    assert statistics.report_unit_ids(directory.pengjiang, "unit") == [directory.pengjiang.pk]
    case(office, "natural_person", D(2025, 3, 1), "granted", D(2025, 3, 10))
    table = statistics.compute_section3(unit_ids=ids, year=2025, fmt=ReportFormat.F2021).table
    assert table["granted"]["natural_person"] == 1


def test_a_concluded_case_without_outcome_is_reported_not_hidden(directory):
    mzj = directory.unit("市民政局")
    case(mzj, "natural_person", D(2025, 3, 1), "", D(2025, 3, 10))
    result = statistics.compute_section3(unit_ids=[mzj.pk], year=2025, fmt=ReportFormat.F2021)
    assert result.concluded_without_outcome == 1
    assert result.table["new_received"]["total"] == 1 and result.table["total_processed"]["total"] == 0


def test_months_and_fees(directory):
    mzj = directory.unit("市民政局")
    civil_affairs_2025(mzj)
    months = statistics.monthly_received(unit_ids=[mzj.pk], year=2025)
    assert months == [0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 2]
    assert statistics.fee_summary(unit_ids=[mzj.pk], year=2025) == (1, "100.00")


def test_table_three_is_three_aggregate_queries(directory, django_assert_num_queries):
    mzj = directory.unit("市民政局")
    civil_affairs_2025(mzj)
    with django_assert_num_queries(3):
        statistics.compute_section3(unit_ids=[mzj.pk], year=2025, fmt=ReportFormat.F2021)
