import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.backup import create_backup
from gongkai.core.exceptions import DomainError


class Command(BaseCommand):
    help = "备份数据库和上传文件到一个归档文件"

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="归档文件路径（默认 var/backups/gongkai-时间.tar.gz）")

    def handle(self, *args, output=None, **options):
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = Path(output) if output else Path(settings.VAR_DIR) / "backups" / f"gongkai-{stamp}.tar.gz"
        try:
            path = create_backup(target)
        except DomainError as exc:
            raise CommandError(exc.message)
        self.stdout.write(str(path))
