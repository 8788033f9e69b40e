"""Reference data that migrations install and every environment needs: the bundled holiday
schedules and the role groups. `ensure_reference_data()` restores them when missing (for example
after a transactional test flushed the database)."""

from .calendar import BUNDLED_SCHEDULES, load_bundled_schedules
from .models import HolidaySchedule


def ensure_reference_data() -> None:
    import json

    from gongkai.organisations.services import ensure_role_groups

    ensure_role_groups()
    bundled = {int(y) for y in json.loads(BUNDLED_SCHEDULES.read_text(encoding="utf-8"))}
    missing = bundled - set(HolidaySchedule.objects.values_list("year", flat=True))
    if missing:
        load_bundled_schedules(years=sorted(missing), notify=False)
