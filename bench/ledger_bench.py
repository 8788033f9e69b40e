"""Benchmark of the task ledger: a 300-task plan over 60 units with 12 months of progress reports.

Prints the p95 latency of the ledger list page (/staff/plans/<id>/, every page and some filters, through
the Django test client with the full middleware stack) and the time to build a monthly bulletin.

Usage: python bench/ledger_bench.py [--db sqlite|pg] [--tasks 300] [--units 60] [--requests 100]
SQLite uses a throwaway file; with --db pg the PG* variables must name a scratch database (it is
migrated and filled; never point it at a real one).
"""

import argparse
import datetime as dt
import io
import os
import random
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def build(tasks: int, units_wanted: int, seed: int = 7):
    from gongkai.organisations import demo
    from gongkai.organisations.models import Unit, UnitKind
    from gongkai.organisations.services import unit_create
    from gongkai.workplan.models import Assignment, AssignmentStatus, Plan, ProgressReport, Section, Task

    demo.load(io.StringIO())
    city = Unit.objects.get(name="江门市人民政府")
    units = list(Unit.objects.filter(parent=city).exclude(kind=UnitKind.GOVERNMENT))
    n = 0
    while len(units) < units_wanted:
        n += 1
        units.append(unit_create(name=f"江门市基准测试局{n}", kind=UnitKind.DEPARTMENT, parent=city,
                                 short_name=f"市基准测试局{n}"))
    units = units[:units_wanted]
    rng = random.Random(seed)
    office = Unit.objects.get(short_name="市政府办公室")
    plan = Plan.objects.create(owner=office, title="江门市2026年政务公开工作要点分工方案（基准）", year=2026)
    sections = [Section.objects.create(plan=plan, path=[f"{i + 1}、第{i + 1}部分"], title=f"第{i + 1}部分", order=i)
                for i in range(16)]
    task_rows = Task.objects.bulk_create([
        Task(plan=plan, section=sections[i % 16], no=str(i + 1), order=i + 1,
             text=f"第{i + 1}项任务：做好重点领域信息公开，及时更新政府网站相关栏目并报送佐证材料。",
             deadline=dt.date(2026, 1 + i % 12, 28) if i % 3 else None, recurrence="monthly" if i % 10 == 0 else "",
             recurrence_min_count=2 if i % 10 == 0 else None)
        for i in range(tasks)
    ])
    statuses = [AssignmentStatus.DONE, AssignmentStatus.IN_PROGRESS, AssignmentStatus.NOT_STARTED,
                AssignmentStatus.OVERDUE, AssignmentStatus.NOT_APPLICABLE]
    assignments = []
    for task in task_rows:
        for j, unit in enumerate(rng.sample(units, rng.randint(2, 8))):
            status = rng.choices(statuses, weights=[45, 25, 10, 15, 5])[0]
            assignments.append(Assignment(
                task=task, unit=unit, role="lead" if j == 0 else rng.choice(["responsible", "cooperate"]), status=status,
                completed_on=dt.date(2026, rng.randint(1, 12), 10) if status == AssignmentStatus.DONE else None,
                status_reason="不涉及" if status == AssignmentStatus.NOT_APPLICABLE else "", report_count=12))
    assignments = Assignment.objects.bulk_create(assignments, batch_size=1000)
    reports = []
    for a in assignments:
        for month in range(1, 13):
            reports.append(ProgressReport(assignment=a, text=f"{month}月进展", reported_on=dt.date(2026, month, 15),
                                          period_key=f"2026-{month:02d}", has_evidence=month % 2 == 0))
    ProgressReport.objects.bulk_create(reports, batch_size=2000)
    return plan, len(assignments), len(reports)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "pg"], default="sqlite")
    parser.add_argument("--tasks", type=int, default=300)
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    if args.db == "pg":
        os.environ["DB"] = "pg"
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/ledger_bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from gongkai.organisations.models import Unit, User
    from gongkai.workplan import supervision

    start = time.perf_counter()
    plan, n_assignments, n_reports = build(args.tasks, args.units)
    setup = time.perf_counter() - start

    client = Client()
    client.force_login(User.objects.get(username="gkb"))
    pages = (args.tasks + 49) // 50
    some_unit = Unit.objects.filter(assignments__task__plan=plan).first()
    urls = [f"/staff/plans/{plan.pk}/?page={p}" for p in range(1, pages + 1)]
    urls += [f"/staff/plans/{plan.pk}/?status=overdue", f"/staff/plans/{plan.pk}/?unit={some_unit.pk}",
             f"/staff/plans/{plan.pk}/?q=重点领域"]
    client.get(urls[0])  # warm-up
    timings = []
    for i in range(args.requests):
        t0 = time.perf_counter()
        response = client.get(urls[i % len(urls)])
        timings.append(time.perf_counter() - t0)
        assert response.status_code == 200, response.status_code
    bulletin_times = []
    for _ in range(5):
        t0 = time.perf_counter()
        supervision.build_bulletin_data(plan=plan, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30), previous=None)
        bulletin_times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    bulletin = supervision.bulletin_create(plan=plan, kind="monthly", as_of=dt.date(2026, 11, 30), by=None)
    create_time = time.perf_counter() - t0
    from gongkai.workplan.documents import bulletin_docx

    bulletin_docx(bulletin)  # first call loads python-docx's template
    t0 = time.perf_counter()
    bulletin_docx(bulletin)
    docx_time = time.perf_counter() - t0

    print(f"db={args.db} tasks={args.tasks} units={args.units} assignments={n_assignments} reports={n_reports} "
          f"(setup {setup:.1f} s)")
    print(f"ledger list: {args.requests} requests over {len(urls)} URLs, p50 {statistics.median(timings) * 1000:.1f} ms, "
          f"p95 {p95(timings) * 1000:.1f} ms, max {max(timings) * 1000:.1f} ms")
    print(f"bulletin figures: median {statistics.median(bulletin_times) * 1000:.1f} ms, "
          f"max {max(bulletin_times) * 1000:.1f} ms; bulletin_create {create_time * 1000:.1f} ms; "
          f"DOCX {docx_time * 1000:.1f} ms")


if __name__ == "__main__":
    main()
