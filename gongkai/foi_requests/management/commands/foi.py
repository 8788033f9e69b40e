"""`gongkai foi …`: statutory fee checks, overdue sweeps, deadline recomputation, import and export."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "依申请公开：信息处理费计算、逾期处理、期限重算、历史案件导入导出"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        fee = sub.add_parser("fee", help="计算信息处理费（元）")
        group = fee.add_mutually_exclusive_group(required=True)
        group.add_argument("--by-item", type=int, metavar="K", help="按件：本自然月第K件申请的费用")
        group.add_argument("--pages", type=int, metavar="P", help="按量：一件申请P页的费用")
        sub.add_parser("recompute", help="重算全部未办结申请的期限").add_argument("--years", type=int, nargs="*", default=[])
        sweep = sub.add_parser("sweep", help="处理逾期未补正、逾期未缴费的申请（视为放弃）")
        sweep.add_argument("--today", type=dt.date.fromisoformat, default=None)
        imp = sub.add_parser("import", help="导入历史案件（XLSX 或 JSON，全部成功或全部不导入）")
        imp.add_argument("path")
        imp.add_argument("--unit", required=True, help="受理机关简称或全称")
        exp = sub.add_parser("export", help="导出申请台账为 XLSX")
        exp.add_argument("path")
        exp.add_argument("--unit", default="")
        exp.add_argument("--year", type=int, default=None)

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")(**options)

    def do_fee(self, *, by_item, pages, **_):
        from gongkai.foi_requests.fees import fee_by_item, fee_by_pages

        try:
            value = fee_by_item(by_item) if by_item is not None else fee_by_pages(pages)
        except ValueError:
            raise CommandError("件数须从1开始，页数不能为负数")
        self.stdout.write(str(value))

    def do_recompute(self, *, years, **_):
        from gongkai.foi_requests.deadlines import recompute_open_cases

        changes = recompute_open_cases(years=years)
        for line in changes:
            self.stdout.write(line)
        self.stdout.write(f"共{len(changes)}件申请的期限发生变化")

    def do_sweep(self, *, today, **_):
        from gongkai.foi_requests.services import foi_sweep_lapses

        for line in foi_sweep_lapses(today=today):
            self.stdout.write(line)

    def _unit(self, name):
        from gongkai.organisations.models import Unit

        unit = Unit.objects.filter(short_name=name).first() or Unit.objects.filter(name=name).first()
        if unit is None:
            raise CommandError(f"找不到单位“{name}”")
        return unit

    def do_import(self, *, path, unit, **_):
        from pathlib import Path

        from gongkai.core.exceptions import DomainError
        from gongkai.foi_requests.transfer import foi_import

        data = Path(path).read_bytes()
        try:
            created = foi_import(unit=self._unit(unit), data=data, filename=Path(path).name, by=None)
        except DomainError as exc:
            raise CommandError(exc.message)
        self.stdout.write(f"已导入{len(created)}件")

    def do_export(self, *, path, unit, year, **_):
        from gongkai.foi_requests.models import FoiRequest
        from gongkai.foi_requests.transfer import export_xlsx

        qs = FoiRequest.objects.all()
        if unit:
            qs = qs.filter(unit=self._unit(unit))
        if year:
            qs = qs.filter(received_on__year=year)
        with open(path, "wb") as fh:
            fh.write(export_xlsx(qs))
        self.stdout.write(f"已导出{qs.count()}件到{path}")
