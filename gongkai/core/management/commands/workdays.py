"""gongkai workdays add DATE N | between DATE1 DATE2 | show YEAR | load [--package FROM TO]"""

import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.calendar import load_bundled_schedules, load_package_schedules, work_calendar
from gongkai.core.exceptions import DomainError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期格式无效：{text}（应为 YYYY-MM-DD）")


class Command(BaseCommand):
    help = "工作日计算：add 起始日 N（起始日不计入）；between 日期1 日期2（日期1 < d ≤ 日期2）；load 载入节假日安排"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="起始日之后第N个工作日")
        add.add_argument("date")
        add.add_argument("n")
        between = sub.add_parser("between", help="两个日期之间的工作日数")
        between.add_argument("first")
        between.add_argument("last")
        show = sub.add_parser("show", help="列出某年的放假与调休安排")
        show.add_argument("year", type=int)
        load = sub.add_parser("load", help="载入随软件发布的节假日安排（或 chinese-calendar 包中的早年数据）")
        load.add_argument("--package", nargs=2, type=int, metavar=("FROM", "TO"))

    def handle(self, *args, action, **options):
        if action == "add":
            try:
                n = int(options["n"])
            except ValueError:
                raise CommandError(f"天数应为整数：{options['n']}")
            if n < 0:
                raise CommandError("天数不能为负数")
            start = _date(options["date"])
            result = work_calendar().add_working_days(start, n)
            self._print(result.value.isoformat(), result)
        elif action == "between":
            first, last = _date(options["first"]), _date(options["last"])
            result = work_calendar().working_days_between(first, last)
            self._print(str(result.value), result)
        elif action == "show":
            calendar = work_calendar()
            schedule = calendar.schedule(options["year"])
            if schedule is None:
                raise CommandError(f"{options['year']}年尚未登记节假日安排")
            for day in sorted(schedule.holidays | schedule.workdays):
                self.stdout.write(f"{day.isoformat()} {calendar.describe(day)}")
        elif action == "load":
            try:
                years = load_package_schedules(*options["package"]) if options["package"] else load_bundled_schedules()
            except DomainError as exc:
                raise CommandError(exc.message)
            self.stdout.write("已载入：" + "、".join(str(y) for y in years))

    def _print(self, text: str, result) -> None:
        self.stdout.write(text)
        if result.provisional:
            years = "、".join(str(y) for y in result.provisional_years)
            sys.stderr.write(f"注意：{years}年尚未登记节假日安排，结果按周一至周五暂定\n")
