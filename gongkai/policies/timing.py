"""The interpretation timing check: 相关解读材料应于文件公开后 3 个工作日内发布 (国办发〔2016〕19号;
shared/domain/portal-and-oversight.md §2.5 `interpretation.sla`, §5.1).

Working days follow core.calendar (holidays and 调休 included), counted from the day after the
document's 发布日期 (the first day is not counted). Worked examples are in tests/test_timing.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.core.workdays import WorkCalendar

from . import conf


@dataclass(frozen=True)
class InterpretationTiming:
    due_on: dt.date  # last day on which publishing the interpretation is on time
    published_on: dt.date | None  # None: not yet published
    on_time: bool | None  # None while unpublished and the due day has not passed
    working_days_late: int  # working days after the due day (0 when on time)
    provisional: bool  # a year without a loaded holiday schedule was involved (暂定)


def interpretation_due_on(document_published_on: dt.date, calendar: WorkCalendar) -> tuple[dt.date, bool]:
    result = calendar.add_working_days(document_published_on, conf.interpretation_working_days())
    return result.value, result.provisional


def interpretation_timing(
    *, document_published_on: dt.date, interpretation_published_on: dt.date | None, calendar: WorkCalendar,
    today: dt.date,
) -> InterpretationTiming:
    due_on, provisional = interpretation_due_on(document_published_on, calendar)
    reference = interpretation_published_on or today
    if reference <= due_on:
        on_time = True if interpretation_published_on else None
        return InterpretationTiming(due_on, interpretation_published_on, on_time, 0, provisional)
    late = calendar.working_days_between(due_on, reference)
    return InterpretationTiming(
        due_on, interpretation_published_on, False, late.value, provisional or late.provisional,
    )
