"""Reminders, bulletins (DOCX/XLSX), Excel progress import, assessment, cascade and 回头看."""

import datetime as dt
import io
import zipfile
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from docx import Document
from openpyxl import load_workbook

from gongkai.core.exceptions import DomainError
from gongkai.organisations.services import user_create
from gongkai.workplan import assessment, cascade, excel, lookback, services, supervision
from gongkai.workplan.documents import bulletin_docx
from gongkai.workplan.models import (
    Assignment,
    AssignmentStatus,
    Notification,
    Plan,
    ProgressReport,
    Task,
)
from gongkai.workplan.reminders import remind

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(import_plan):
    return import_plan("000")


def _today(day):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


def test_remind_is_idempotent_and_mails_after_commit(plan, directory, django_capture_on_commit_callbacks):
    task = plan.tasks.get(no="16")  # 市卫生健康局；各市（区）政府
    task.deadline = dt.date(2021, 11, 30)
    task.save()
    user_create(username="wjj", password="gongkai-demo-2026", unit=directory.unit("市卫生健康局"),
                roles=["liaison"], full_name="卫联络", email="wjj@example.gov.cn")
    with django_capture_on_commit_callbacks(execute=True):
        report = remind(today=dt.date(2021, 11, 25))
    notices = Notification.objects.filter(kind="due_soon", assignment__task=task)
    assert notices.count() == task.assignments.count() == 8  # 市卫生健康局 and the 7 市（区）政府
    assert report.notices >= 8
    assert any("wjj@example.gov.cn" in m.to for m in mail.outbox)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = remind(today=dt.date(2021, 11, 25))
    assert again.notices == 0 and len(mail.outbox) == sent
    with django_capture_on_commit_callbacks(execute=True):
        remind(today=dt.date(2021, 12, 1))
    assert set(task.assignments.values_list("status", flat=True)) == {"overdue"}
    assert Notification.objects.filter(kind="overdue", assignment__task=task).count() == task.assignments.count()


def _progress(plan, directory):
    done = Assignment.objects.get(task__plan=plan, task__no="3", unit=directory.unit("市商务局"))
    late = Assignment.objects.get(task__plan=plan, task__no="6", unit=directory.unit("市市场监管局"))
    late.task.deadline = dt.date(2021, 10, 31)
    late.task.save()
    with _today(dt.date(2021, 11, 30)):
        services.progress_report_create(assignment=done, by=directory.user("gkb"), text="已公开",
                                        reported_on=dt.date(2021, 11, 10), marks_done=True,
                                        evidence_links=["https://www.jiangmen.gov.cn/x.html"])
    return done, late


def test_monthly_bulletin_figures_and_changes_since_the_last(plan, directory):
    _, late = _progress(plan, directory)
    first = supervision.bulletin_create(plan=plan, kind="monthly", as_of=dt.date(2021, 11, 30), by=directory.user("gkb"))
    assert first.doc_number == "公开办通报〔2021〕1号"
    assert (first.period_start, first.period_end) == (dt.date(2021, 11, 1), dt.date(2021, 11, 30))
    units = {u["name"]: u for u in first.data["units"]}
    commerce = units["市商务局"]
    assert commerce["done"] == 1 and commerce["reports_in_period"] == 1
    assert commerce["rate"] == round(100 / commerce["total"], 1)
    assert {"unit": "市市场监管局", "task": "6. 加强反不正当竞争执法信息公开工作。"} in first.data["overdue"]
    assert "市商务局" not in first.data["no_report"] and "市市场监管局" in first.data["no_report"]
    assert first.data["changes"]["previous"] == ""
    with _today(dt.date(2021, 12, 31)):
        services.progress_report_create(assignment=late, by=directory.user("gkb"), text="已整改", marks_done=True,
                                        reported_on=dt.date(2021, 12, 3))
    second = supervision.bulletin_create(plan=plan, kind="monthly", as_of=dt.date(2021, 12, 31), by=None)
    assert second.doc_number == "公开办通报〔2021〕2号"
    changes = second.data["changes"]
    assert changes["previous"] == "公开办通报〔2021〕1号" and changes["newly_done"] == 1
    assert [c["name"] for c in changes["units"]] == ["市市场监管局"]


def test_publishing_notifies_every_unit_once(plan, directory):
    _progress(plan, directory)
    bulletin = supervision.bulletin_create(plan=plan, kind="weekly", as_of=dt.date(2021, 11, 30), by=None)
    supervision.bulletin_publish(bulletin=bulletin, by=directory.user("gkb"))
    assert Notification.objects.filter(bulletin=bulletin).count() == len(bulletin.data["units"])
    with pytest.raises(DomainError, match="已印发"):
        supervision.bulletin_publish(bulletin=bulletin, by=None)


def test_bulletin_docx_is_an_official_document_with_cjk_fonts(plan, directory):
    _progress(plan, directory)
    bulletin = supervision.bulletin_create(plan=plan, kind="monthly", as_of=dt.date(2021, 11, 30), by=None)
    data = bulletin_docx(bulletin)
    doc = Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "江门市人民政府办公室" and texts[1] == "公开办通报〔2021〕1号"
    assert bulletin.title in texts
    assert doc.sections[0].top_margin.mm == pytest.approx(37, abs=0.1)
    east_asia = doc.paragraphs[2 + 1].runs[0]._element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert east_asia == "方正小标宋简体"
    font_table = zipfile.ZipFile(io.BytesIO(data)).read("word/fontTable.xml").decode()
    assert 'w:name="仿宋_GB2312"><w:altName w:val="Noto Serif CJK SC"/>' in font_table
    assert any("市商务局" in c.text for t in doc.tables for row in t.rows for c in row.cells)


def test_bulletin_xlsx_has_the_four_sheets(plan, directory):
    _progress(plan, directory)
    bulletin = supervision.bulletin_create(plan=plan, kind="monthly", as_of=dt.date(2021, 11, 30), by=None)
    wb = load_workbook(io.BytesIO(excel.bulletin_xlsx(bulletin)))
    assert wb.sheetnames == ["单位完成情况", "逾期任务", "未报送单位", "与上期相比"]
    overdue = [(row[1], row[2]) for row in wb["逾期任务"].iter_rows(min_row=2, values_only=True)]
    assert ("市市场监管局", "6. 加强反不正当竞争执法信息公开工作。") in overdue
    assert len(overdue) == len(bulletin.data["overdue"])


# ----------------------------------------------------------------------------- Excel


def _filled(plan, rows: dict[int, list]) -> bytes:
    wb = load_workbook(io.BytesIO(excel.ledger_xlsx(plan)))
    ws = wb[excel.FILL_SHEET]
    for line, values in rows.items():
        for col, value in enumerate(values, start=8):
            ws.cell(line, col, value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _line_of(plan, assignment) -> int:
    wb = load_workbook(io.BytesIO(excel.ledger_xlsx(plan)))
    for i, row in enumerate(wb[excel.FILL_SHEET].iter_rows(values_only=True), start=1):
        if row[0] == assignment.pk:
            return i
    raise AssertionError


def test_ledger_export_has_the_office_columns(plan):
    wb = load_workbook(io.BytesIO(excel.ledger_xlsx(plan)))
    ws = wb["工作台账"]
    assert [c.value for c in ws[1]] == excel.LEDGER_HEADER
    assert ws.max_row == 56
    assert ws["C2"].value.startswith("各级人民政府要主动公开")


def test_progress_import_rejects_the_whole_file_on_any_bad_row(plan, directory):
    a = Assignment.objects.get(task__plan=plan, task__no="3", unit=directory.unit("市商务局"))
    b = Assignment.objects.get(task__plan=plan, task__no="4", unit=directory.unit("市发展改革局"))
    data = _filled(plan, {
        _line_of(plan, a): ["已完成", "", "已公开负面清单", "https://www.jiangmen.gov.cn/1.html", "2021-06-01"],
        _line_of(plan, b): ["不适用", "", "", "", ""],
    })
    with _today(dt.date(2021, 6, 30)), pytest.raises(excel.ProgressImportRejected) as exc:
        excel.progress_import(data=data, plan=plan, user=directory.user("gkb"), today=dt.date(2021, 6, 30))
    assert exc.value.errors == [f"第{_line_of(plan, b)}行：标记为不适用时必须填写理由"]
    assert ProgressReport.objects.count() == 0
    a.refresh_from_db()
    assert a.status == AssignmentStatus.NOT_STARTED


def test_progress_import_applies_all_rows(plan, directory):
    a = Assignment.objects.get(task__plan=plan, task__no="3", unit=directory.unit("市商务局"))
    b = Assignment.objects.get(task__plan=plan, task__no="4", unit=directory.unit("市发展改革局"))
    data = _filled(plan, {
        _line_of(plan, a): ["已完成", "", "已公开负面清单", "https://www.jiangmen.gov.cn/1.html", "2021-06-01"],
        _line_of(plan, b): ["不适用", "已由省统一公开", "", "", ""],
    })
    with _today(dt.date(2021, 6, 30)):
        count = excel.progress_import(data=data, plan=plan, user=directory.user("gkb"), today=dt.date(2021, 6, 30))
    assert count == 2
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.status == "done" and a.completed_on == dt.date(2021, 6, 1)
    assert b.status == "not_applicable" and b.status_reason == "已由省统一公开"


def test_progress_import_refuses_units_the_user_does_not_act_for(plan, directory):
    a = Assignment.objects.get(task__plan=plan, task__no="3", unit=directory.unit("市商务局"))
    data = _filled(plan, {_line_of(plan, a): ["推进中", "", "进展", "", ""]})
    with pytest.raises(excel.ProgressImportRejected) as exc:
        excel.progress_import(data=data, plan=plan, user=directory.user("mzj_jb"), today=dt.date(2021, 6, 30))
    assert "无权为市商务局报送" in exc.value.errors[0]


# ----------------------------------------------------------------------------- assessment


def test_scores_are_computed_line_by_line_by_hand(plan, directory):
    unit = directory.unit("市商务局")
    mine = list(Assignment.objects.filter(task__plan=plan, unit=unit).select_related("task").order_by("task__order"))
    n = len(mine)
    t1, t2 = mine[0].task, mine[1].task
    t1.deadline = dt.date(2021, 6, 30)
    t1.save()
    t2.deadline = dt.date(2021, 5, 31)
    t2.save()
    with _today(dt.date(2021, 12, 31)):
        services.progress_report_create(assignment=mine[0], by=None, text="完成", marks_done=True,
                                        reported_on=dt.date(2021, 6, 1), evidence_links=["https://a.gov.cn/1"])
        services.progress_report_create(assignment=mine[1], by=None, text="完成（逾期）", marks_done=True,
                                        reported_on=dt.date(2021, 6, 15))
    services.assignment_transition(assignment=mine[2], to="not_applicable", by=None, reason="不涉及")
    rubric = assessment.rubric_for(plan)
    assessment.rubric_update(rubric=rubric, completion=Decimal(60), timeliness=Decimal(25), evidence=Decimal(15),
                             pass_mark=Decimal(60))
    assessment.score_adjustment_create(rubric=rubric, unit=unit, kind="deduction", points=Decimal(2),
                                       reason="政策解读形式单一", by=directory.user("gkb"))
    assessment.score_adjustment_create(rubric=rubric, unit=unit, kind="bonus", points=Decimal("1.5"),
                                       reason="经验被省通报表扬", by=directory.user("gkb"))
    scores = {s.unit_name: s for s in assessment.compute_scores(plan=plan, as_of=dt.date(2021, 12, 31))}
    s = scores["市商务局"]
    base = n - 1  # one 不适用
    c = (Decimal(60) * 2 / base).quantize(Decimal("0.01"))
    t = (Decimal(25) * 1 / base).quantize(Decimal("0.01"))
    e = (Decimal(15) * 1 / base).quantize(Decimal("0.01"))
    assert [line.points for line in s.lines] == [c, t, e, Decimal("-2.00"), Decimal("1.50")]
    assert s.lines[0].explanation == f"已完成2项 / 应完成{base}项（1项不适用不计） × 60.00分 = {c}分"
    assert s.total == c + t + e - 2 + Decimal("1.5")
    assert s.grade == ("合格" if s.total >= 60 else "不合格")


def test_veto_ranks_last_whatever_the_score(plan, directory):
    rubric = assessment.rubric_for(plan)
    unit = directory.unit("市商务局")
    for a in Assignment.objects.filter(task__plan=plan, unit=unit):
        services.assignment_transition(assignment=a, to="done", by=None, on=dt.date(2021, 1, 5))
    assessment.score_adjustment_create(rubric=rubric, unit=unit, kind="veto", points=Decimal(0),
                                       reason="网站首页两周未更新", by=directory.user("gkb"))
    scores = assessment.compute_scores(plan=plan, as_of=dt.date(2021, 12, 31))
    assert scores[-1].unit_name == "市商务局" and scores[-1].grade == "不合格（一票否决）"
    with pytest.raises(DomainError, match="理由"):
        assessment.score_adjustment_create(rubric=rubric, unit=unit, kind="bonus", points=Decimal(1), reason=" ",
                                           by=None)
    with pytest.raises(DomainError, match="之和应为100"):
        assessment.rubric_update(rubric=rubric, completion=Decimal(50), timeliness=Decimal(25), evidence=Decimal(15),
                                 pass_mark=Decimal(60))


def test_scores_export_lists_every_line(plan, directory):
    scores = assessment.compute_scores(plan=plan, as_of=dt.date(2021, 12, 31))
    wb = load_workbook(io.BytesIO(assessment.scores_xlsx(plan=plan, scores=scores)))
    assert wb["得分明细"].max_row == 1 + sum(len(s.lines) for s in scores)


# ----------------------------------------------------------------------------- cascade and 回头看


def test_child_plan_of_seed_001_covers_most_parent_tasks_of_seed_000(import_plan, directory):
    parent = import_plan("000")
    bureau = directory.unit("区民政局")
    child = import_plan("001", owner=bureau, user="pj_gkb")
    rows = cascade.coverage(parent=parent, child=child)
    relevant = cascade.relevant_parent_tasks(parent=parent, unit=bureau)
    assert len(rows) == len(relevant) > 30  # every task given to 各市（区）政府 falls to the district's bureau
    by_no = {r.parent_task.no: r for r in rows}
    # 000 task 2 (十一五至十三五规划归集) ↔ 001 task 1 (第十一五至第十三五民政事业规划归集) despite traditional script
    assert by_no["2"].covered and "規劃的歸集整理" in by_no["2"].child_task.text
    # 000 task 5 (加强行政执法信息公开) ↔ 001 (加強行政執法信息公開)
    assert by_no["5"].covered and by_no["5"].cosine > 0.9
    # 000 task 6 (反不正当竞争执法) has no counterpart in the 民政局 plan
    assert not by_no["6"].covered
    covered = sum(r.covered for r in rows)
    assert 0.4 * len(rows) < covered < len(rows)


def test_cascade_drafts_a_unit_plan_with_the_unit_responsible(import_plan, directory):
    parent = import_plan("000")
    civil = directory.unit("市民政局")
    draft = cascade.child_plan_draft(parent=parent, unit=civil, by=directory.user("mzj_jb"))
    assert draft.status == "draft" and draft.parent == parent and draft.owner == civil
    expected = Task.objects.filter(plan=parent, assignments__unit=civil).distinct().count()
    assert draft.tasks.count() == expected
    assert set(Assignment.objects.filter(task__plan=draft).values_list("unit_id", "role")) == {(civil.pk, "responsible")}
    assert all(r.covered for r in cascade.coverage(parent=parent, child=draft, unit=civil))


def test_lookback_carries_unfinished_tasks_with_their_history(import_plan, directory):
    last = import_plan("000")
    this = Plan.objects.create(owner=directory.city, title="江门市2022年政务公开工作要点分工方案", year=2022)
    a = Assignment.objects.get(task__plan=last, task__no="3", unit=directory.unit("市商务局"))
    with _today(dt.date(2021, 12, 31)):
        services.progress_report_create(assignment=a, by=None, text="已完成一半", reported_on=dt.date(2021, 9, 1))
    for other in Assignment.objects.filter(task__plan=last).exclude(task__no="3"):
        services.assignment_transition(assignment=other, to="done", by=None)
    rows = lookback.lookback_rows(last)
    assert sum(not r.finished for r in rows) == 1
    review = lookback.review_list_create(plan=this, source_plan=last, by=directory.user("gkb"))
    item = review.items.get()
    assert item.source_task.no == "3"
    assert set(item.carried_task.assignments.values_list("unit__short_name", flat=True)) == set(
        Assignment.objects.filter(task=item.source_task).exclude(status="done").values_list("unit__short_name",
                                                                                             flat=True))
    商务 = next(x for x in item.history_snapshot["assignments"] if x["unit"] == "市商务局")
    assert 商务["reports"] == [{"on": "2021-09-01", "text": "已完成一半"}]
    with pytest.raises(DomainError, match="已经"):
        lookback.review_list_create(plan=this, source_plan=last, by=None)


def test_remind_command_runs_twice_without_sending_twice(plan):
    from django.core.management import call_command

    task = plan.tasks.get(no="16")
    task.deadline = dt.date(2021, 11, 30)
    task.save()
    first, second = io.StringIO(), io.StringIO()
    call_command("remind", "--date", "2021-11-25", stdout=first)
    call_command("remind", "--date", "2021-11-25", stdout=second)
    assert "发出提醒0条" not in first.getvalue()
    assert "标记逾期0项，发出提醒0条，邮件0封" in second.getvalue()
