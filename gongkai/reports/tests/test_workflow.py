"""Generation, editing and the draft → review → approved → published workflow."""

import pytest

from gongkai.core.exceptions import DomainError
from gongkai.reports import selectors, services
from gongkai.reports.models import AnnualReport, ReportStatus

from .factories import civil_affairs_2025

TEXTS = {
    "section1_text": "（一）主动公开\n本年度围绕社会救助、养老服务等重点领域主动公开信息。",
    "section5_text": "一是政策解读形式较单一；二是部分栏目更新不够及时。下一步将加强解读和栏目巡查。",
    "section6_text": "本年度未收取信息处理费。",
}


def fill(report, by, **overrides):
    return services.report_update_texts(report=report, by=by, title=report.title, fee_cases=report.fee_cases,
                                        fee_amount_yuan=report.fee_amount_yuan, **{**TEXTS, **overrides})


@pytest.fixture
def mzj_report(directory):
    civil_affairs_2025(directory.unit("市民政局"))
    return services.report_generate(unit=directory.unit("市民政局"), year=2025, by=directory.user("mzj_jb"))


def test_a_generated_report_freezes_the_computed_tables_and_drafts_the_texts(mzj_report):
    r = mzj_report
    assert r.format == "2021" and r.scope == "unit" and r.status == ReportStatus.DRAFT
    assert r.title == "江门市民政局2025年政府信息公开工作年度报告"
    assert r.section3["new_received"]["total"] == 9 and r.section3["carried_forward"]["total"] == 3
    assert r.section4["reconsideration"]["total"] == 3
    assert "新收政府信息公开申请9件，上年结转2件" in r.section1_text
    assert (r.fee_cases, str(r.fee_amount_yuan)) == (1, "100.00")
    assert "收取信息处理费1件，共计100.00元" in r.section6_text
    assert r.events.get().action == "create"


def test_the_draft_prompts_block_approval_until_written(directory, mzj_report):
    services.report_submit(report=mzj_report, by=directory.user("mzj_jb"))
    with pytest.raises(DomainError, match="T2"):
        services.report_approve(report=mzj_report, by=directory.user("mzj_sh"))
    assert AnnualReport.objects.get(pk=mzj_report.pk).status == ReportStatus.IN_REVIEW


def test_the_full_workflow_publishes_on_the_public_platform(directory, mzj_report):
    jb, sh = directory.user("mzj_jb"), directory.user("mzj_sh")
    fill(mzj_report, jb)
    services.report_submit(report=mzj_report, by=jb)
    services.report_return(report=mzj_report, by=sh, note="请补充平台建设情况")
    assert mzj_report.status == ReportStatus.DRAFT
    services.report_submit(report=mzj_report, by=jb)
    services.report_approve(report=mzj_report, by=sh)
    services.report_publish(report=mzj_report, by=jb)
    assert mzj_report.status == ReportStatus.PUBLISHED and mzj_report.published_at is not None
    assert list(selectors.published_reports(unit=directory.unit("市民政局"))) == [mzj_report]
    assert [e.action for e in mzj_report.events.order_by("at", "id")] == [
        "create", "edit", "submit", "return", "submit", "approve", "publish"]
    with pytest.raises(DomainError, match="只有草稿可以修改"):
        fill(mzj_report, jb)


def test_an_inconsistent_report_cannot_be_approved_or_published(directory, mzj_report):
    jb, sh = directory.user("mzj_jb"), directory.user("mzj_sh")
    fill(mzj_report, jb)
    services.report_adjust_cells(report=mzj_report, by=jb, reason="补录纸质申请",
                                 section3={"new_received": {"natural_person": 5}}, section4={})
    assert mzj_report.section3["new_received"]["natural_person"] == 5
    assert mzj_report.section3_computed["new_received"]["natural_person"] == 4
    services.report_submit(report=mzj_report, by=jb)
    with pytest.raises(DomainError, match="R1"):
        services.report_approve(report=mzj_report, by=sh)
    # even if it reached 已审定 somehow, publishing re-checks
    AnnualReport.objects.filter(pk=mzj_report.pk).update(status=ReportStatus.APPROVED)
    mzj_report.refresh_from_db()
    with pytest.raises(DomainError, match="R1"):
        services.report_publish(report=mzj_report, by=jb)
    assert not selectors.published_reports().exists()


def test_a_consistent_hand_adjustment_needs_a_reason_and_then_passes(directory, mzj_report):
    jb = directory.user("mzj_jb")
    adjust = {"new_received": {"natural_person": 5, "total": 10}, "carried_forward": {"natural_person": 2, "total": 4}}
    with pytest.raises(DomainError, match="调整说明"):
        services.report_adjust_cells(report=mzj_report, by=jb, section3=adjust, section4={}, reason="")
    services.report_adjust_cells(report=mzj_report, by=jb, section3=adjust, section4={}, reason="补录1件纸质申请")
    fill(mzj_report, jb)
    assert [f.code for f in selectors.report_findings(mzj_report) if f.blocking] == []
    assert mzj_report.is_overridden("section3", "new_received", "total")


def test_only_the_units_staff_or_the_coordinator_may_compose(directory):
    mzj = directory.unit("市民政局")
    for username in ("fgj", "leader", "mzj_sh"):
        with pytest.raises(DomainError, match="无权"):
            services.report_generate(unit=mzj, year=2025, by=directory.user(username))
    with pytest.raises(DomainError, match="无权"):
        services.report_generate(unit=directory.city, year=2025, by=directory.user("mzj_jb"))
    report = services.report_generate(unit=directory.city, year=2025, by=directory.user("gkb"))
    assert report.scope == "consolidated"
    with pytest.raises(DomainError, match="已存在"):
        services.report_generate(unit=directory.city, year=2025, by=directory.user("gkb"))


def test_table_two_entries_are_checked_cell_by_cell(directory, mzj_report):
    jb = directory.user("mzj_jb")
    with pytest.raises(DomainError, match="行政处罚.*整数"):
        services.report_update_section2(report=mzj_report, by=jb, cells={"penalty": {"decisions": "十二"}})
    services.report_update_section2(report=mzj_report, by=jb, cells={
        "penalty": {"decisions": "1,203"}, "fees": {"amount_wan": "12.50"}})
    assert mzj_report.section2["penalty"]["decisions"] == 1203
    assert mzj_report.section2["fees"]["amount_wan"] == "12.50"


def test_rows_taken_from_the_policy_library_cannot_be_overwritten(directory, mzj_report):
    assert mzj_report.section2_sources == {"rules": "policies", "normative": "policies"}  # contract 5 present
    with pytest.raises(DomainError, match="取自政策文件库"):
        services.report_update_section2(report=mzj_report, by=directory.user("mzj_jb"),
                                        cells={"rules": {"issued": "2"}})


def test_withdrawal_takes_the_report_off_the_platform(directory, mzj_report):
    jb, sh, gkb = directory.user("mzj_jb"), directory.user("mzj_sh"), directory.user("gkb")
    fill(mzj_report, jb)
    services.report_submit(report=mzj_report, by=jb)
    services.report_approve(report=mzj_report, by=sh)
    services.report_publish(report=mzj_report, by=jb)
    with pytest.raises(DomainError, match="只有公开办管理员"):
        services.report_withdraw(report=mzj_report, by=jb, note="更正")
    services.report_withdraw(report=mzj_report, by=gkb, note="更正表二数据")
    assert mzj_report.status == ReportStatus.DRAFT and not selectors.published_reports().exists()


def test_copied_passages_are_flagged_but_the_platforms_own_sentences_are_not(directory):
    from gongkai.reports import similarity

    civil_affairs_2025(directory.unit("市民政局"))
    jb = directory.user("mzj_jb")
    old = services.report_generate(unit=directory.unit("市民政局"), year=2024, by=jb)
    copied = "一是政策解读形式较为单一，图解、视频等多元化解读占比不高；二是部分栏目更新不够及时。"
    fill(old, jb, section5_text=copied + "下一步将加强培训，提升2024年信息发布质量。")
    new = services.report_generate(unit=directory.unit("市民政局"), year=2025, by=jb)
    fill(new, jb, section5_text=copied + "今年新增的问题是答复说理不足。", section1_text=new.section1_text)
    result = selectors.report_similarity(new)
    flagged = [new.section5_text[m.start:m.end] for m in result.matches]
    assert "一是政策解读形式较为单一，图解、视频等多元化解读占比不高；" in flagged
    assert not any(m.section == "section1_text" for m in result.matches)  # generated 依申请公开 paragraph
    assert result.comparisons[0].label == "本单位2024年度报告"
    runs = similarity.highlight(new.section5_text, [m for m in result.matches if m.section == "section5_text"])
    assert "".join(text for text, _ in runs) == new.section5_text
