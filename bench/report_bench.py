"""Time to compute the annual report's table 三 over 1,000,000 FOI cases.

    .venv/bin/python bench/report_bench.py --db sqlite            # a throwaway SQLite file under /tmp
    DB=pg PGHOST=… PGPORT=… PGUSER=… PGPASSWORD=… PGDATABASE=… .venv/bin/python bench/report_bench.py --db pg

Fills the demo directory's units with N cases (default 1,000,000) received 2016–2025, a fifth of them at
江门市民政局, about 1% never concluded, then times table 三 (two aggregate queries) for one department and
for the city consolidated over its whole subtree, for 2025 and 2020. Never touches var/gongkai.sqlite3.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup(db: str, path: str | None) -> None:
    if db == "sqlite":
        var = path or os.path.join(tempfile.gettempdir(), "gongkai-report-bench")
        os.makedirs(var, exist_ok=True)
        os.environ["GONGKAI_VAR_DIR"] = var  # the SQLite file is <var>/gongkai.sqlite3
        os.environ.pop("DB", None)
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DB"] = "pg"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill(n: int, batch: int) -> None:
    from django.db import connection, transaction

    from gongkai.foi_requests.models import FoiRequest
    from gongkai.foi_requests.outcomes import ApplicantCategory, ReplyOutcome
    from gongkai.organisations import demo
    from gongkai.organisations.models import Unit, UnitKind

    demo.load(io.StringIO())
    have = FoiRequest.objects.count()
    if have == n:
        print(f"已有 {have:,} 件申请，跳过生成")
        return
    if have:
        FoiRequest.objects.all()._raw_delete(FoiRequest.objects.db)
    units = list(Unit.objects.exclude(kind=UnitKind.OFFICE).values_list("pk", flat=True))
    civil = Unit.objects.get(short_name="市民政局").pk
    rng = random.Random(1)
    categories = ApplicantCategory.values
    weights = [70, 12, 3, 3, 6, 6]
    outcomes = ReplyOutcome.values
    start, days = dt.date(2016, 1, 1), (dt.date(2025, 12, 31) - dt.date(2016, 1, 1)).days + 1
    # Raw executemany in batches: every other column gets its model default, computed once.
    from django.utils import timezone

    varying = {"unit": None, "applicant_category": None, "received_on": None, "outcome": None, "concluded_on": None,
               "tracking_code": None}
    fields = [f for f in FoiRequest._meta.concrete_fields if not f.primary_key]
    constants = {}
    now = timezone.now()
    for f in fields:
        if f.name in varying:
            continue
        value = now if f.name in ("created_at", "updated_at") else f.get_default()
        constants[f.column] = f.get_db_prep_save(value, connection)
    columns = [f.column for f in fields]
    sql = (f"INSERT INTO {FoiRequest._meta.db_table} ({', '.join(columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    t0 = time.perf_counter()
    made = 0
    while made < n:
        size = min(batch, n - made)
        rows = []
        for i in range(made, made + size):
            received = start + dt.timedelta(days=rng.randrange(days))
            open_case = rng.random() < 0.01
            values = {
                "unit_id": civil if rng.random() < 0.2 else rng.choice(units),
                "applicant_category": rng.choices(categories, weights)[0],
                "received_on": received,
                "outcome": "" if open_case else rng.choice(outcomes),
                "concluded_on": None if open_case else received + dt.timedelta(days=rng.randrange(1, 45)),
                "tracking_code": f"B{i:018d}",
            }
            rows.append([values[c] if c in values else constants[c] for c in columns])
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        made += size
        print(f"\r已生成 {made:,} / {n:,} 件（{time.perf_counter() - t0:.0f} 秒）", end="", flush=True)
    print()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE foi_requests_foirequest")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def timed(label: str, func, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - t0)
    best = min(times)
    total = result.table["new_received"]["total"], result.table["total_processed"]["total"]
    flag = "✓" if best <= 1.0 else "✗ 超过1秒"
    print(f"{label:<34} 最快 {best:.3f} 秒（中位 {statistics.median(times):.3f} 秒）  新收 {total[0]:,}  办结 {total[1]:,}  {flag}")
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "pg"], default="sqlite")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=50_000)
    parser.add_argument("--var", help="directory of the SQLite file (default: the system temp dir)")
    args = parser.parse_args(argv)
    setup(args.db, args.var)

    from django.db import connection

    from gongkai.foi_requests.models import FoiRequest
    from gongkai.organisations.models import Unit
    from gongkai.reports import statistics as report_statistics
    from gongkai.reports.formats import format_for_year

    fill(args.cases, args.batch)
    print(f"数据库：{connection.vendor}，申请 {FoiRequest.objects.count():,} 件")
    civil = Unit.objects.get(short_name="市民政局")
    city = Unit.objects.get(name="江门市人民政府")
    worst = 0.0
    for unit, scope in ((civil, "unit"), (city, "consolidated")):
        ids = report_statistics.report_unit_ids(unit, scope)
        for year in (2025, 2020):
            label = f"表三 {unit.short_name or unit.name}（{len(ids)}个单位）{year}"
            worst = max(worst, timed(label, lambda ids=ids, year=year: report_statistics.compute_section3(
                unit_ids=ids, year=year, fmt=format_for_year(year))))
    print(f"最慢 {worst:.3f} 秒；目标 ≤ 1 秒：{'达到' if worst <= 1.0 else '未达到'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
