"""Freshness rules for columns (栏目更新), as pure functions of dates and counts.

Thresholds (portal-and-oversight.md §2.5, all configurable in conf.py):
* 动态、要闻类栏目: updated within the 2 weeks before the monitoring date (国办秘函〔2019〕19号 栏目不更新);
* 通知公告、政策文件类: within 6 months (19号);
* 人事、规划计划类: within 1 year (2015 普查; UNCONFIRMED for 19号);
* custom rules such as a plan's 每月至少更新2条: the last complete period must reach the minimum;
* 空白栏目: no information at all since the column was opened (普查问答);
* 未注明信息发布时间的视为不更新 (2015 普查评分表注): a column whose public items carry no date is "undated".
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from . import conf
from .models import CustomPeriod, FreshnessClass

OK, STALE, BLANK, UNDATED = "ok", "stale", "blank", "undated"
STATUS_LABELS = {OK: "正常", STALE: "未及时更新", BLANK: "空白栏目", UNDATED: "未注明发布时间"}


@dataclass(frozen=True)
class ColumnFreshness:
    """The monitor's verdict on one column at one date (contract 4)."""

    status: str  # "ok" | "stale" | "blank" | "undated"
    last_published_on: dt.date | None
    items_in_period: int
    rule_label: str
    detail: str
    undated_items: int = 0
    due_by: dt.date | None = None  # the day after which the column becomes stale without a new item

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_problem(self) -> bool:
        return self.status != OK


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier, clamped to the month's last day (2026-08-31 − 6 → 2026-02-28)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_after(day: dt.date, months: int) -> dt.date:
    return months_before(day, -months)


def period_bounds(period: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the week/month/quarter/year containing `day`."""
    if period == CustomPeriod.WEEK:
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if period == CustomPeriod.MONTH:
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if period == CustomPeriod.QUARTER:
        first_month = (day.month - 1) // 3 * 3 + 1
        start = dt.date(day.year, first_month, 1)
        last_month = first_month + 2
        return start, dt.date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])
    if period == CustomPeriod.YEAR:
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    raise ValueError(f"unknown period {period}")


def previous_period_bounds(period: str, day: dt.date) -> tuple[dt.date, dt.date]:
    start, _ = period_bounds(period, day)
    return period_bounds(period, start - dt.timedelta(days=1))


def describe_period(period: str, start: dt.date) -> str:
    if period == CustomPeriod.WEEK:
        return f"{start:%Y年%m月%d日}起的一周"
    if period == CustomPeriod.MONTH:
        return f"{start.year}年{start.month}月"
    if period == CustomPeriod.QUARTER:
        return f"{start.year}年第{(start.month - 1) // 3 + 1}季度"
    return f"{start.year}年"


def rule_label(freshness_class: str, custom_period: str = "", custom_min_count: int | None = None) -> str:
    match freshness_class:
        case FreshnessClass.DYNAMIC:
            return f"动态要闻类：{conf.dynamic_max_gap_days()}天内应有更新"
        case FreshnessClass.NOTICE_POLICY:
            return f"通知公告、政策文件类：{conf.notice_policy_max_gap_months()}个月内应有更新"
        case FreshnessClass.PERSONNEL_PLAN:
            return f"人事、规划计划类：{conf.personnel_plan_max_gap_months()}个月内应有更新"
        case FreshnessClass.CUSTOM:
            return f"{CustomPeriod(custom_period).label}至少更新{custom_min_count}条"
    return "静态信息：不要求定期更新，但不得为空白"


def window_start(freshness_class: str, on: dt.date) -> dt.date | None:
    """The first day of the look-back window ending on `on` (inclusive); None for custom/static rules."""
    match freshness_class:
        case FreshnessClass.DYNAMIC:
            return on - dt.timedelta(days=conf.dynamic_max_gap_days() - 1)
        case FreshnessClass.NOTICE_POLICY:
            return months_before(on, conf.notice_policy_max_gap_months()) + dt.timedelta(days=1)
        case FreshnessClass.PERSONNEL_PLAN:
            return months_before(on, conf.personnel_plan_max_gap_months()) + dt.timedelta(days=1)
    return None


def stale_after(freshness_class: str, last: dt.date) -> dt.date | None:
    """The last day on which a column last updated on `last` still counts as updated."""
    match freshness_class:
        case FreshnessClass.DYNAMIC:
            return last + dt.timedelta(days=conf.dynamic_max_gap_days() - 1)
        case FreshnessClass.NOTICE_POLICY:
            return months_after(last, conf.notice_policy_max_gap_months()) - dt.timedelta(days=1)
        case FreshnessClass.PERSONNEL_PLAN:
            return months_after(last, conf.personnel_plan_max_gap_months()) - dt.timedelta(days=1)
    return None


def judge_gap(
    *, freshness_class: str, on: dt.date, public_total: int, undated: int, last_published_on: dt.date | None,
    items_in_window: int, opened_on: dt.date,
) -> ColumnFreshness:
    """Verdict for the gap-based classes (dynamic, notice/policy, personnel/plan) and static columns."""
    label = rule_label(freshness_class)
    if public_total == 0:
        return ColumnFreshness(BLANK, None, 0, label, f"自开设（{opened_on:%Y-%m-%d}）以来未发布任何信息")
    if last_published_on is None:
        status = UNDATED if conf.undated_counts_as_stale() else OK
        return ColumnFreshness(status, None, 0, label, f"{undated}条信息未注明发布时间，视为不更新", undated)
    if freshness_class == FreshnessClass.STATIC:
        return ColumnFreshness(OK, last_published_on, items_in_window, label, "已有信息", undated)
    last_ok_day = stale_after(freshness_class, last_published_on)
    if items_in_window == 0:
        gap = (on - last_published_on).days
        return ColumnFreshness(
            STALE, last_published_on, 0, label,
            f"最近一次更新为{last_published_on:%Y-%m-%d}，已{gap}天未更新（应于{last_ok_day:%Y-%m-%d}前更新）",
            undated, last_ok_day,
        )
    detail = f"最近一次更新为{last_published_on:%Y-%m-%d}，{label.split('：')[1]}；下次应不晚于{last_ok_day:%Y-%m-%d}"
    if undated:
        detail += f"；另有{undated}条未注明发布时间"
    return ColumnFreshness(OK, last_published_on, items_in_window, label, detail, undated, last_ok_day)


def judge_custom(
    *, period: str, min_count: int, on: dt.date, public_total: int, undated: int,
    last_published_on: dt.date | None, previous_count: int, current_count: int, opened_on: dt.date,
) -> ColumnFreshness:
    """Custom rule (每月至少更新2条): the last complete period decides; the running period is reported."""
    label = rule_label(FreshnessClass.CUSTOM, period, min_count)
    if public_total == 0:
        return ColumnFreshness(BLANK, None, 0, label, f"自开设（{opened_on:%Y-%m-%d}）以来未发布任何信息")
    prev_start, prev_end = previous_period_bounds(period, on)
    cur_start, cur_end = period_bounds(period, on)
    current = f"{describe_period(period, cur_start)}已发布{current_count}条"
    if opened_on > prev_start:
        return ColumnFreshness(OK, last_published_on, current_count, label,
                               f"栏目开设未满一个完整周期；{current}", undated, cur_end)
    if previous_count < min_count:
        return ColumnFreshness(
            STALE, last_published_on, current_count, label,
            f"{describe_period(period, prev_start)}仅发布{previous_count}条，少于{min_count}条；{current}",
            undated, prev_end,
        )
    return ColumnFreshness(
        OK, last_published_on, current_count, label,
        f"{describe_period(period, prev_start)}发布{previous_count}条，达到要求；{current}", undated, cur_end,
    )
