from django.core.management.base import BaseCommand, CommandError

from gongkai.core.backup import restore_backup
from gongkai.core.exceptions import DomainError


class Command(BaseCommand):
    help = "从备份归档恢复数据库和上传文件（覆盖当前数据）"

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            manifest = restore_backup(archive)
        except DomainError as exc:
            raise CommandError(exc.message)
        self.stdout.write(f"已恢复 {manifest['created_at']} 的备份")
