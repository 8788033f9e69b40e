from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _calendar_tables_may_have_changed(**kwargs) -> None:
    """Migrations (e.g. 0003, which loads the bundled schedules) and `flush` write the schedule tables
    without the services; give the calendar a new version so that no process keeps an old copy."""
    from .calendar import mark_calendar_changed

    mark_calendar_changed()


class CoreConfig(AppConfig):
    name = "gongkai.core"
    verbose_name = "公共基础"

    def ready(self) -> None:
        post_migrate.connect(_calendar_tables_may_have_changed, sender=self,
                             dispatch_uid="gongkai.core.calendar_version")
