"""gongkai disclosure freshness|wordlists — the freshness monitor and word-list setup from the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.organisations.models import Unit, UnitKind
from gongkai.organisations.resolver import resolve_name

from ... import services
from ...exports import freshness_workbook
from ...selectors import freshness_report, undated_items


class Command(BaseCommand):
    help = "政府信息公开：栏目更新监测、错敏词表"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        fresh = sub.add_parser("freshness", help="栏目更新监测（国办秘函〔2019〕19号）")
        fresh.add_argument("--unit", help="单位名称（含下级单位）；缺省为全部")
        fresh.add_argument("--on", help="监测日期 YYYY-MM-DD，缺省为今天")
        fresh.add_argument("--xlsx", help="导出通报表到该文件")
        fresh.add_argument("--all", action="store_true", help="列出全部栏目（缺省只列问题）")
        words = sub.add_parser("wordlists", help="错敏词表")
        words.add_argument("--load-defaults", action="store_true", help="载入内置的敏感词和易错词表")

    def handle(self, *args, **options):
        if options["action"] == "wordlists":
            if options["load_defaults"]:
                self.stdout.write(f"已新建{services.wordlists_load_defaults()}个词表")
            return
        try:
            on = dt.date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError("日期格式应为 YYYY-MM-DD") from exc
        units = Unit.objects.filter(is_active=True).exclude(kind=UnitKind.OFFICE)
        if options["unit"]:
            match = resolve_name(options["unit"])
            unit = getattr(match, "unit", None)
            if unit is None:
                unit = Unit.objects.filter(name=options["unit"]).first() or \
                    Unit.objects.filter(short_name=options["unit"]).first()
            if unit is None:
                raise CommandError(f"找不到单位“{options['unit']}”")
            units = units.filter(path__startswith=unit.path)
        units = units.order_by("path")
        report = freshness_report(units=units, on=on)
        problems = 0
        for entry in report:
            shown = entry.rows if options["all"] else entry.problems
            if not shown and not entry.vetoes:
                continue
            self.stdout.write(entry.unit.name)
            for veto in entry.vetoes:
                self.stdout.write(f"  【单项否决】{veto}")
            for column, verdict in shown:
                problems += verdict.is_problem
                self.stdout.write(f"  {column.name}\t{verdict.status_label}\t{verdict.detail}")
        self.stdout.write(f"监测日期{on:%Y-%m-%d}：{sum(len(e.rows) for e in report)}个栏目，"
                          f"{sum(len(e.problems) for e in report)}个问题")
        if options["xlsx"]:
            path = Path(options["xlsx"])
            path.write_bytes(freshness_workbook(report, list(undated_items(units=units)), on))
            self.stdout.write(f"已导出 {path}")
