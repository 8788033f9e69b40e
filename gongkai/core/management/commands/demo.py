"""gongkai demo load: build (or refresh) the demo government. Safe to run repeatedly."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Each module's demo.load(stdout) is idempotent; order matters (directory first).
DEMO_MODULES = [
    "gongkai.organisations.demo",
    "gongkai.disclosure.demo",
    "gongkai.policies.demo",
    "gongkai.workplan.demo",
    "gongkai.foi_requests.demo",
    "gongkai.reports.demo",
    "gongkai.search.demo",  # last: indexes everything the others published
]


class Command(BaseCommand):
    help = "载入演示数据（可重复执行）"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load"])

    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name == name:
                    continue
                raise
            with transaction.atomic():
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪"))
