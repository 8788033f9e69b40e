"""`gongkai remind [--date YYYY-MM-DD]`: mark overdue assignments and send due-soon, overdue and checklist
reminders. Idempotent; meant for cron, e.g. `0 8 * * 1-5 gongkai remind`."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.workplan.reminders import remind


class Command(BaseCommand):
    help = "台账提醒：标记逾期，发送即将到期、逾期和周期更新提醒（可重复运行，不会重复发送）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按指定日期运行（默认今天）")
        parser.add_argument("--verbose-list", action="store_true", help="逐条列出发送的提醒")

    def handle(self, *args, date=None, verbose_list=False, **options):
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError("日期格式应为 2026-03-31")
        report = remind(today=today)
        if verbose_list:
            for line in report.lines:
                self.stdout.write(line)
        self.stdout.write(f"{today}：标记逾期{report.marked_overdue}项，发出提醒{report.notices}条，邮件{report.emails}封")
