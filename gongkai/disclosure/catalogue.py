"""Catalogue rules: parsing 公开时限 text and checking the items bound to a catalogue entry.

公开时限 values seen in 标准目录 (portal-and-oversight.md §4.2): "信息形成或者变更之日起20个工作日内",
"自作出行政决定之日起7个工作日内公示", "实时公开", "及时公开", "永久公开", "信息形成或变更之日起3个工作日内".
A late publication (超期公开) and an early one (提前公开, before the information was formed) are both
penalised in assessments (鲤城 2020: "公文提前或超期公开每条扣5分", §7.4).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

import cn2an

from gongkai.core.calendar import work_calendar

from .freshness import period_bounds, previous_period_bounds
from .models import CustomPeriod, DeadlineRule, Recurrence

STANDARD_DOMAINS_FILE = Path(__file__).parent / "data" / "standard_domains.json"
CHANNELS_FILE = Path(__file__).parent / "data" / "channels.json"
_WORKING_DAYS = re.compile(r"(\d+)\s*个?工作日")
_CALENDAR_DAYS = re.compile(r"(\d+)\s*(?:个自然日|日内|天内)")
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百]+(?=\s*(?:个?工作日|个自然日|日内|天内))")


def parse_time_limit(text: str) -> tuple[str, int | None]:
    """("working_days", 20) for "信息形成或者变更之日起20个工作日内"; Chinese numerals are accepted
    (二十个工作日). Texts without a number fall into realtime/timely/permanent or unknown."""
    text = (text or "").strip()
    normalised = _CN_NUMBER.sub(lambda m: str(cn2an.cn2an(m.group(0), "smart")), text)
    match = _WORKING_DAYS.search(normalised)
    if match:
        return DeadlineRule.WORKING_DAYS, int(match.group(1))
    match = _CALENDAR_DAYS.search(normalised)
    if match:
        return DeadlineRule.CALENDAR_DAYS, int(match.group(1))
    if "实时" in text:
        return DeadlineRule.REALTIME, None
    if "永久" in text or "长期" in text:
        return DeadlineRule.PERMANENT, None
    if "及时" in text:
        return DeadlineRule.TIMELY, None
    return DeadlineRule.UNKNOWN, None


@dataclass(frozen=True)
class Timeliness:
    status: str  # "on_time" | "late" | "early" | "unknown"
    due_on: dt.date | None
    working_days_used: int | None
    provisional: bool
    detail: str


def item_timeliness(*, written_on: dt.date | None, published_on: dt.date | None, days: int | None,
                    rule: str = DeadlineRule.WORKING_DAYS) -> Timeliness:
    """Was an item published within `days` working days (or calendar days) of its formation (成文日期)?"""
    if days is None or rule not in (DeadlineRule.WORKING_DAYS, DeadlineRule.CALENDAR_DAYS):
        return Timeliness("unknown", None, None, False, "该事项未规定以日计算的时限")
    if written_on is None or published_on is None:
        return Timeliness("unknown", None, None, False, "缺少成文日期或发布日期，无法核验时限")
    if rule == DeadlineRule.CALENDAR_DAYS:
        due_on = written_on + dt.timedelta(days=days)
        used_days = (published_on - written_on).days
        if published_on < written_on:
            return Timeliness("early", due_on, None, False,
                              f"发布日期{published_on:%Y-%m-%d}早于成文日期{written_on:%Y-%m-%d}（提前公开）")
        if published_on > due_on:
            return Timeliness("late", due_on, used_days, False,
                              f"应于{due_on:%Y-%m-%d}前公开，实际{published_on:%Y-%m-%d}公开，用时{used_days}日，超过{days}日的时限")
        return Timeliness("on_time", due_on, used_days, False, f"{used_days}日内公开，时限{days}日")
    calendar = work_calendar()
    due = calendar.add_working_days(written_on, days)
    if published_on < written_on:
        return Timeliness("early", due.value, None, due.provisional,
                          f"发布日期{published_on:%Y-%m-%d}早于成文日期{written_on:%Y-%m-%d}（提前公开）")
    used = calendar.working_days_between(written_on, published_on)
    note = "（日历暂定）" if due.provisional or used.provisional else ""
    if published_on > due.value:
        return Timeliness("late", due.value, used.value, due.provisional or used.provisional,
                          f"应于{due.value:%Y-%m-%d}前公开，实际{published_on:%Y-%m-%d}公开，"
                          f"用时{used.value}个工作日，超过{days}个工作日的时限{note}")
    return Timeliness("on_time", due.value, used.value, due.provisional or used.provisional,
                      f"{used.value}个工作日内公开，时限{days}个工作日{note}")


_RECURRENCE_PERIOD = {Recurrence.MONTHLY: CustomPeriod.MONTH, Recurrence.QUARTERLY: CustomPeriod.QUARTER,
                      Recurrence.YEARLY: CustomPeriod.YEAR}


@dataclass(frozen=True)
class EntryFlag:
    code: str
    label: str
    tone: str
    detail: str = ""


def entry_flags(entry, items: list, on: dt.date) -> list[EntryFlag]:
    """Problems of one catalogue entry given its bound public items (any order)."""
    flags: list[EntryFlag] = []
    if entry.column_id is None:
        flags.append(EntryFlag("unbound", "未绑定栏目", "warn", "该事项尚未指定发布栏目"))
    if entry.deadline_rule == DeadlineRule.UNKNOWN and entry.time_limit:
        flags.append(EntryFlag("limit_unknown", "时限需人工核对", "warn", f"未能识别“{entry.time_limit}”"))
    if entry.mode_active and not items:
        flags.append(EntryFlag("missing", "未发布", "danger", "该主动公开事项尚无任何已发布信息"))
    period = _RECURRENCE_PERIOD.get(entry.recurrence)
    if period and items:
        start, end = previous_period_bounds(period, on)
        if not any(i.published_on and start <= i.published_on <= end for i in items):
            flags.append(EntryFlag("missing_period", "上期缺失", "danger",
                                   f"{start:%Y-%m-%d}至{end:%Y-%m-%d}未发布该事项信息"))
    late = early = 0
    for item in items:
        result = item_timeliness(written_on=item.written_on, published_on=item.published_on,
                                 days=entry.deadline_days, rule=entry.deadline_rule)
        late += result.status == "late"
        early += result.status == "early"
    if late:
        flags.append(EntryFlag("late", f"{late}条超期公开", "danger"))
    if early:
        flags.append(EntryFlag("early", f"{early}条提前公开", "warn"))
    return flags


def current_period(recurrence: str, on: dt.date) -> tuple[dt.date, dt.date] | None:
    period = _RECURRENCE_PERIOD.get(recurrence)
    return period_bounds(period, on) if period else None


def standard_domains() -> list[dict]:
    """The 26 pilot domains of 国办发〔2019〕54号 (data, §4.1) with each one's starter rows."""
    return json.loads(STANDARD_DOMAINS_FILE.read_text(encoding="utf-8"))["domains"]


def channel_vocabulary() -> list[str]:
    return json.loads(CHANNELS_FILE.read_text(encoding="utf-8"))["channels"]
