"""Assignments, status workflow, progress reports with evidence, recurring checklists, deadlines."""

import datetime as dt
from unittest import mock

import pytest
from django.test import override_settings

from gongkai.core.exceptions import DomainError
from gongkai.core.workdays import WorkCalendar, YearSchedule
from gongkai.workplan import deadlines, services
from gongkai.workplan.evidence import sniff_attachment
from gongkai.workplan.models import (
    Assignment,
    AssignmentEvent,
    AssignmentStatus,
    PeriodChecklist,
    Recurrence,
    Task,
)
from gongkai.workplan.selectors import plan_execution_summary

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture
def plan(import_plan):
    return import_plan("000")


def _assignment(plan, directory, no="15", unit="市卫生健康局"):
    return Assignment.objects.get(task__plan=plan, task__no=no, unit=directory.unit(unit))


def _today(day):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


def test_monthly_duty_from_the_plan_text_becomes_a_checklist_needing_two_updates(plan, directory):
    a = _assignment(plan, directory)  # 15. …（专栏每月至少更新2条信息）
    assert a.task.recurrence == Recurrence.MONTHLY and a.task.recurrence_min_count == 2
    report_user = directory.user("gkb")
    with _today(dt.date(2021, 3, 31)):
        services.progress_report_create(assignment=a, by=report_user, text="3月更新疫情防控专栏2条",
                                        reported_on=dt.date(2021, 3, 5))
        services.progress_report_create(assignment=a, by=report_user, text="3月再更新1条", reported_on=dt.date(2021, 3, 20))
        services.progress_report_create(assignment=a, by=report_user, text="2月更新1条", reported_on=dt.date(2021, 2, 10))
    checklists = {c.period_key: c for c in PeriodChecklist.objects.filter(assignment=a)}
    assert set(checklists) == {"2021-01", "2021-02", "2021-03"}
    assert checklists["2021-03"].done_count == 2 and checklists["2021-03"].is_met
    assert checklists["2021-02"].done_count == 1 and not checklists["2021-02"].is_met
    assert checklists["2021-01"].done_count == 0
    a.refresh_from_db()
    assert a.status == AssignmentStatus.IN_PROGRESS and a.report_count == 3


def test_not_applicable_needs_a_reason_and_the_move_is_recorded(plan, directory):
    a = _assignment(plan, directory, no="3", unit="市商务局")
    with pytest.raises(DomainError, match="理由"):
        services.assignment_transition(assignment=a, to=AssignmentStatus.NOT_APPLICABLE, by=directory.user("gkb"))
    services.assignment_transition(assignment=a, to=AssignmentStatus.NOT_APPLICABLE, by=directory.user("gkb"),
                                   reason="本单位不负责市场准入负面清单")
    a.refresh_from_db()
    assert a.status_reason == "本单位不负责市场准入负面清单"
    event = AssignmentEvent.objects.filter(assignment=a, kind="status").get()
    assert (event.from_status, event.to_status) == ("not_started", "not_applicable")


def test_done_cannot_jump_to_overdue(plan, directory):
    a = _assignment(plan, directory, no="3", unit="市商务局")
    services.assignment_transition(assignment=a, to=AssignmentStatus.DONE, by=directory.user("gkb"))
    with pytest.raises(DomainError, match="不能从“已完成”改为“逾期”"):
        services.assignment_transition(assignment=a, to=AssignmentStatus.OVERDUE, by=None)


def test_report_with_done_flag_completes_on_the_report_date(plan, directory):
    a = _assignment(plan, directory, no="3", unit="市商务局")
    with _today(dt.date(2021, 6, 30)):
        services.progress_report_create(assignment=a, by=directory.user("gkb"), text="已公开负面清单",
                                        reported_on=dt.date(2021, 6, 1), marks_done=True,
                                        evidence_links=["https://www.jiangmen.gov.cn/a.html"])
    a.refresh_from_db()
    assert a.status == AssignmentStatus.DONE and a.completed_on == dt.date(2021, 6, 1)
    assert a.reports.get().has_evidence


def test_bad_evidence_is_refused_and_nothing_is_written(plan, directory):
    a = _assignment(plan, directory, no="3", unit="市商务局")
    with _today(dt.date(2021, 6, 30)), pytest.raises(DomainError, match="内容与扩展名不符"):
        services.progress_report_create(assignment=a, by=directory.user("gkb"), text="进展",
                                        reported_on=dt.date(2021, 6, 1),
                                        files=[services.Upload("证明.pdf", b"MZ\x90\x00 not a pdf")])
    assert a.reports.count() == 0
    with _today(dt.date(2021, 6, 30)), pytest.raises(DomainError, match="http"):
        services.progress_report_create(assignment=a, by=directory.user("gkb"), text="进展",
                                        reported_on=dt.date(2021, 6, 1), evidence_links=["javascript:alert(1)"])


def test_attachment_checks():
    assert sniff_attachment(name="截图.PDF", data=PDF) == "application/pdf"
    with pytest.raises(DomainError, match="格式不允许"):
        sniff_attachment(name="run.exe", data=b"MZ")
    with pytest.raises(DomainError, match="超过"), mock.patch("gongkai.workplan.conf.attachment_max_bytes",
                                                             return_value=10):
        sniff_attachment(name="a.pdf", data=PDF)


def test_attachment_is_stored_outside_the_web_root(plan, directory, settings):
    a = _assignment(plan, directory, no="3", unit="市商务局")
    with _today(dt.date(2021, 6, 30)):
        report = services.progress_report_create(assignment=a, by=directory.user("gkb"), text="进展",
                                                 reported_on=dt.date(2021, 6, 1),
                                                 files=[services.Upload("证明.pdf", PDF)])
    stored = report.attachments.get()
    assert stored.size == len(PDF) and stored.content_type == "application/pdf"
    assert str(settings.MEDIA_ROOT) in stored.file.path
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))


def test_only_the_lead_unit_files_the_consolidated_report(plan, directory):
    coop = Assignment.objects.get(task__plan=plan, task__no="2", unit=directory.unit("市民政局"))
    with _today(dt.date(2021, 6, 30)), pytest.raises(DomainError, match="牵头单位"):
        services.progress_report_create(assignment=coop, by=directory.user("mzj_jb"), text="汇总",
                                        reported_on=dt.date(2021, 6, 1), consolidated=True)


def test_split_task_keeps_units_and_retires_the_original(plan, directory):
    task = plan.tasks.get(no="3")
    units = set(task.assignments.values_list("unit_id", flat=True))
    parts = services.task_split(task=task, parts=["公开负面清单", "", "及时更新发布"], by=directory.user("gkb"))
    assert [p.no for p in parts] == ["3-1", "3-2"]
    for part in parts:
        assert set(part.assignments.values_list("unit_id", flat=True)) == units
    task.refresh_from_db()
    assert not task.is_active and not task.assignments.filter(is_active=True).exists()


def test_add_and_remove_units(plan, directory):
    task = plan.tasks.get(no="6")
    audit = directory.unit("市审计局")
    a = services.assignment_add(task=task, unit=audit, role="cooperate", by=directory.user("gkb"))
    with pytest.raises(DomainError, match="已在"):
        services.assignment_add(task=task, unit=audit, role="lead", by=directory.user("gkb"))
    services.assignment_remove(assignment=a, by=directory.user("gkb"))
    assert not Assignment.objects.filter(pk=a.pk).exists()


# ----------------------------------------------------------------------------- deadlines


def test_periods_of_each_recurrence():
    day = dt.date(2026, 2, 14)
    assert deadlines.period_of("monthly", day).key == "2026-02"
    assert deadlines.period_of("monthly", day).end == dt.date(2026, 2, 28)
    assert deadlines.period_of("quarterly", day).key == "2026-Q1"
    assert deadlines.period_of("weekly", day) == deadlines.Period("2026-W07", dt.date(2026, 2, 9), dt.date(2026, 2, 15))
    assert [p.key for p in deadlines.periods_between("monthly", dt.date(2026, 1, 20), dt.date(2026, 3, 1))] == [
        "2026-01", "2026-02", "2026-03"]


# 2026 春节: 2月15日—23日 off; 2月14日 (Sat) and 2月28日 (Sat) are 调休 working days.
SPRING_2026 = WorkCalendar([YearSchedule(2026, frozenset(dt.date(2026, 2, d) for d in range(15, 24)),
                                         frozenset({dt.date(2026, 2, 14), dt.date(2026, 2, 28)}))])


def test_due_soon_in_working_days_skips_the_spring_festival():
    cal = SPRING_2026
    deadline = dt.date(2026, 2, 25)
    # Working days after 2月13日 up to 2月25日: 14 (调休), 24, 25 → 3.
    assert deadlines.days_left(deadline, dt.date(2026, 2, 13), working_days=True, calendar=cal) == 3
    assert deadlines.days_left(deadline, dt.date(2026, 2, 13), working_days=False) == 12
    assert deadlines.due_state(deadline, dt.date(2026, 2, 13), is_open=True, working_days=True, calendar=cal,
                               window=5) == "due_soon"
    assert deadlines.due_state(deadline, dt.date(2026, 2, 13), is_open=True, window=5) == "ok"
    assert deadlines.due_state(deadline, dt.date(2026, 2, 26), is_open=True) == "overdue"
    assert deadlines.due_state(deadline, dt.date(2026, 2, 26), is_open=False) == ""


def test_the_due_soon_window_in_working_days_runs_up_to_the_next_working_day():
    # From 2月12日 (Thu) the working days are 13 (Fri), 14 (Sat, 调休), then after the holiday 24, 25, 26,
    # 27 and 28 (Sat, 调休): the 7th; 3月1日 is a Sunday and 3月2日 (Mon) the 8th. 7 calendar days: 2月19日.
    today = dt.date(2026, 2, 12)
    assert deadlines.due_soon_until(today, window=7, working_days=True, calendar=SPRING_2026) == dt.date(2026, 3, 1)
    assert deadlines.due_soon_until(today, window=7) == dt.date(2026, 2, 19)
    for deadline, state in [(dt.date(2026, 2, 27), "due_soon"), (dt.date(2026, 3, 1), "due_soon"),
                            (dt.date(2026, 3, 2), "ok")]:
        assert deadlines.due_state(deadline, today, is_open=True, working_days=True, calendar=SPRING_2026,
                                   window=7) == state, deadline


def test_a_working_day_deadline_is_overdue_the_day_after_even_with_no_working_day_between():
    # 2026年3月6日 is a Friday: on Saturday no working day has passed since, but the deadline has (the 逾期
    # filter lists it, so the label must say so too).
    assert deadlines.due_state(dt.date(2026, 3, 6), dt.date(2026, 3, 7), is_open=True, working_days=True,
                               calendar=SPRING_2026) == "overdue"


@override_settings(GONGKAI_WORKPLAN_DUE_SOON_DAYS=3)
def test_task_due_state_counts_as_the_plan_says_with_the_configured_window():
    # From 2月12日 the 3rd working day is 2月24日 (13, 14 调休, then 24 after 春节); 2月25日 is the 4th.
    today = dt.date(2026, 2, 12)
    task = Task(deadline=dt.date(2026, 2, 24), deadline_in_working_days=True)
    assert deadlines.task_due_state(task, today, is_open=True, calendar=SPRING_2026) == "due_soon"
    task.deadline = dt.date(2026, 2, 25)
    assert deadlines.task_due_state(task, today, is_open=True, calendar=SPRING_2026) == "ok"
    task.deadline, task.deadline_in_working_days = dt.date(2026, 2, 15), False  # 3 calendar days
    assert deadlines.task_due_state(task, today, is_open=True, calendar=SPRING_2026) == "due_soon"
    assert deadlines.task_due_state(task, today, is_open=False, calendar=SPRING_2026) == ""


def test_remind_marks_a_working_day_task_overdue_the_day_after_its_deadline(plan, directory):
    from gongkai.workplan.reminders import remind

    task = plan.tasks.get(no="6")
    task.deadline, task.deadline_in_working_days = dt.date(2026, 3, 6), True  # a Friday
    task.save()
    remind(today=dt.date(2026, 3, 7))
    assert set(task.assignments.values_list("status", flat=True)) == {AssignmentStatus.OVERDUE}
    assert set(task.assignments.values_list("notifications__kind", flat=True)) == {"overdue"}


def test_overdue_marking_is_idempotent(plan, directory):
    task = plan.tasks.get(no="6")
    task.deadline = dt.date(2021, 10, 30)
    task.save()
    changed = services.assignments_mark_overdue(today=dt.date(2021, 11, 1))
    assert len(changed) == task.assignments.count()
    assert services.assignments_mark_overdue(today=dt.date(2021, 11, 1)) == []
    assert set(task.assignments.values_list("status", flat=True)) == {"overdue"}


def test_plan_execution_summary_for_the_annual_report(plan, directory):
    unit = directory.unit("市商务局")
    mine = Assignment.objects.filter(unit=unit, task__plan=plan)
    total = mine.count()
    first, second = list(mine.order_by("task__order")[:2])
    services.assignment_transition(assignment=first, to=AssignmentStatus.DONE, by=None)
    services.assignment_transition(assignment=second, to=AssignmentStatus.NOT_APPLICABLE, by=None, reason="不涉及")
    summary = plan_execution_summary(unit=unit, year=2021)
    assert summary["tasks_assigned"] == total
    assert summary["completed"] == 1 and summary["not_applicable"] == 1
    assert summary["completion_rate"] == round(100 / (total - 1), 1)
    assert len(summary["unfinished"]) == total - 2
    assert plan_execution_summary(unit=unit, year=2022)["tasks_assigned"] == 0


def test_task_bound_to_a_disclosure_column_gets_its_freshness_as_evidence(plan, directory):
    from gongkai.disclosure.models import Column
    from gongkai.workplan.evidence import column_choices

    health = directory.unit("市卫生健康局")
    column = Column.objects.create(unit=health, name="疫情防控专栏", slug="yqfk", opened_on=dt.date(2021, 1, 1))
    a = _assignment(plan, directory)
    assert (column.pk, "市卫生健康局 · 疫情防控专栏") in column_choices([health.pk])
    services.task_update(task=a.task, by=directory.user("gkb"), column_id=column.pk)
    with _today(dt.date(2021, 8, 31)):
        report = services.progress_report_create(assignment=a, by=directory.user("gkb"), text="专栏已更新",
                                                 reported_on=dt.date(2021, 8, 31))
    assert report.auto_evidence["column"] == "疫情防控专栏"
    assert report.auto_evidence["status"] == "blank" and report.auto_evidence["checked_on"] == "2021-08-31"
    assert report.has_evidence is False  # an empty column proves nothing
