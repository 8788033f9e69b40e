from django.urls import reverse
from django.utils import timezone

from gongkai.organisations.models import Role

from .calendar import work_calendar
from .dashboard import Panel


def panels(user) -> list[Panel]:
    today = timezone.localdate()
    calendar = work_calendar()
    missing = [y for y in (today.year, today.year + 1) if not calendar.is_loaded(y)]
    if not missing:
        return []
    # From November the next year's notice is due; before that only the current year matters.
    missing = [y for y in missing if y == today.year or today.month >= 11]
    if not missing:
        return []
    years = "、".join(f"{y}年" for y in missing)
    rows = [("尚未登记节假日安排", years, "")]
    rows.append(("影响", "这些年份的工作日按周一至周五临时计算，期限标注为“暂定”", ""))
    link = reverse("core:calendar") if user.has_role(Role.COORDINATOR) else ""
    return [Panel(title="工作日历提醒", rows=rows, link=link, link_label="登记节假日安排", tone="warn")]

