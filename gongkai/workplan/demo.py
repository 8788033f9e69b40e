"""Demo ledger: 江门市's 2026 plan (seed 000's layout with its dates moved to 2026) imported, reviewed and
assigned, with progress, overdue work, a published monthly bulletin and an assessment; seed 000 itself
(2021) as the earlier plan whose unfinished tasks are carried into 2026 (回头看); and seed 001 as
蓬江区民政局's own plan, a child of the city plan for the coverage check. Idempotent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from gongkai.organisations.models import Unit, User

from . import assessment, lookback, services, supervision
from .models import Assignment, AssignmentStatus, Plan, ReviewList

DATA = Path(__file__).resolve().parent / "demo_data"
SHARED_SEEDS = Path("/work/shared/seeds")
CURRENT_FILE = "jiangmen_2026.txt"
LAST_FILE = "000_999b1c3bf9057d29.txt"
CHILD_FILE = "001_0b33f68d6bab1fb5.txt"


def _seed(name: str) -> tuple[str, bytes]:
    shared = SHARED_SEEDS / name
    path = shared if shared.exists() else DATA / name
    return path.name, path.read_bytes()


def _import(*, owner: Unit, filename: str, user: User, edit=None) -> Plan:
    name, data = _seed(filename)
    draft = services.draft_import_create(owner=owner, filename=name, data=data, by=user)
    if draft.parse.get("error"):
        raise RuntimeError(draft.parse["error"])
    if edit is not None:
        tasks = draft.review["tasks"]
        edit(tasks)
        services.draft_import_update(draft=draft, header={}, tasks=tasks, mapping={})
    return services.draft_import_confirm(draft=draft, by=user, skip_unresolved=True)


def _reporter(unit: Unit, fallback: User) -> User:
    return User.objects.filter(unit=unit, groups__name__in=["liaison", "handler"]).first() or fallback


def load(stdout) -> None:
    city = Unit.objects.filter(name="江门市人民政府").first()
    if city is None:
        stdout.write("台账演示数据：缺少组织机构演示数据，跳过")
        return
    if Plan.objects.filter(owner__short_name="市政府办公室", year=2026).exists():
        stdout.write("台账演示数据：已存在，跳过")
        return
    gkb = User.objects.get(username="gkb")
    office = Unit.objects.get(short_name="市政府办公室")
    today = timezone.localdate()

    last = _import(owner=office, filename=LAST_FILE, user=gkb)
    # 2021: most work was done; a few tasks remain open for 回头看.
    for a in Assignment.objects.filter(task__plan=last).select_related("task").order_by("task__order", "id"):
        if a.task.order % 7 == 3 and a.unit.kind == "government":
            services.progress_report_create(assignment=a, by=gkb, reported_on=dt.date(2021, 10, 15),
                                            text="已完成部分工作，剩余工作结转下年度继续推进。")
            continue
        services.assignment_transition(assignment=a, to=AssignmentStatus.DONE, by=None, on=dt.date(2021, 12, 10))

    def set_deadlines(tasks):
        # The coordinator fills in deadlines the plan leaves as 持续推进 while reviewing.
        for task, offset in ((0, -40), (6, -10), (10, 4), (13, 20), (20, 60)):
            tasks[task]["deadline"] = (today + dt.timedelta(days=offset)).isoformat()
            tasks[task]["deadline_text"] = "公开办核定时限"

    current = _import(owner=office, filename=CURRENT_FILE, user=gkb, edit=set_deadlines)
    start = max(dt.date(today.year, 1, 1), today - dt.timedelta(days=300))
    assignments = list(Assignment.objects.filter(task__plan=current).select_related("task", "unit")
                       .order_by("task__order", "unit__path"))
    for i, a in enumerate(assignments):
        reporter = _reporter(a.unit, gkb)
        if i % 5 == 0:
            continue  # never reported
        day = min(today, start + dt.timedelta(days=(i * 37) % 280))
        done = i % 3 == 0
        services.progress_report_create(
            assignment=a, by=reporter, reported_on=day, marks_done=done,
            text=f"{a.unit}已按分工推进：{a.task.text[:20]}……" + ("，已完成。" if done else "，正在推进。"),
            evidence_links=[f"https://www.jiangmen.gov.cn/zwgk/demo/{a.pk}.html"] if i % 2 else [],
        )
        if a.task.recurrence == "monthly" and i % 2:
            for month in range(1, today.month):
                for n in (5, 18):
                    services.progress_report_create(assignment=a, by=reporter, reported_on=dt.date(today.year, month, n),
                                                    text=f"{month}月更新专栏信息")
    services.assignments_mark_overdue(today=today)
    for a in Assignment.objects.filter(task__plan=current, unit__short_name="市审计局")[:1]:
        services.assignment_transition(assignment=a, to=AssignmentStatus.NOT_APPLICABLE, by=gkb,
                                       reason="本单位无相关职能，已报市政府办公室同意")

    if not ReviewList.objects.filter(plan=current, source_plan=last).exists():
        lookback.review_list_create(plan=current, source_plan=last, by=gkb)

    previous_month_end = today.replace(day=1) - dt.timedelta(days=1)
    bulletin = supervision.bulletin_create(plan=current, kind="monthly", as_of=previous_month_end, by=gkb,
                                           remarks="请逾期单位于5个工作日内完成整改，并在台账中报送佐证材料。")
    supervision.bulletin_publish(bulletin=bulletin, by=gkb)
    supervision.bulletin_create(plan=current, kind="weekly", as_of=today, by=gkb)

    rubric = assessment.rubric_for(current)
    audit = Unit.objects.filter(short_name="市发展改革局").first()
    if audit is not None:
        assessment.score_adjustment_create(rubric=rubric, unit=audit, kind="bonus", points=Decimal("2"),
                                           reason="政策解读做法被省政务公开办通报推广", by=gkb)

    bureau = Unit.objects.filter(short_name="区民政局").first()
    pj = User.objects.filter(username="pj_gkb").first()
    if bureau is not None and pj is not None:
        child = _import(owner=bureau, filename=CHILD_FILE, user=pj)
        child.parent = last
        child.save(update_fields=["parent"])

    stdout.write(f"台账演示数据：{Plan.objects.count()}个方案，{Assignment.objects.count()}项分工，"
                 f"通报{bulletin.doc_number}已印发")
