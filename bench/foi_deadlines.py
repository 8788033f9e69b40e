"""Benchmark: register N FOI cases and recompute all open deadlines (as after a holiday-table change).

Usage: python bench/foi_deadlines.py [--db sqlite|pg] [--cases 500]
Uses a throwaway database (a temp SQLite file, or the PG* database's test_ copy is NOT used: pass a
scratch PGDATABASE)."""

import argparse
import datetime as dt
import io
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "pg"], default="sqlite")
    parser.add_argument("--cases", type=int, default=500)
    args = parser.parse_args()
    if args.db == "pg":
        os.environ["DB"] = "pg"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from gongkai.foi_requests import services
    from gongkai.foi_requests.deadlines import recompute_open_cases
    from gongkai.foi_requests.intake import Channel
    from gongkai.organisations import demo
    from gongkai.organisations.models import Unit

    demo.load(io.StringIO())
    unit = Unit.objects.get(short_name="市民政局")
    start = time.perf_counter()
    for i in range(args.cases):
        services.foi_request_register(
            unit=unit, channel=Channel.IN_PERSON, arrived_on=dt.date(2026, 1, 5) + dt.timedelta(days=i % 300), by=None,
            application=services.Application(applicant_name=f"申请人{i}", phone="1", title=f"信息{i}"))
    register = time.perf_counter() - start
    start = time.perf_counter()
    recompute_open_cases(years=[2026])
    recompute = time.perf_counter() - start
    print(f"db={args.db} cases={args.cases}")
    print(f"register: {register:.2f} s ({register / args.cases * 1000:.1f} ms/case)")
    print(f"recompute_open_cases: {recompute:.2f} s ({recompute / args.cases * 1000:.2f} ms/case)")


if __name__ == "__main__":
    main()
