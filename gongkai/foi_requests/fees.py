"""信息处理费 (国办函〔2020〕109号《政府信息公开信息处理费管理办法》), as pure functions.

Both methods are progressive on the excess only (超额累进, 第三条); the agency picks one per
application and never charges both (§2.2). Amounts are whole yuan.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from gongkai.core.workdays import WorkCalendar

# 第三条、按件计收 (§2.3): 同一申请人一个自然月内累计申请
BY_ITEM_FREE_UPTO = 10  # 10件以下（含10件）的，不收费
BY_ITEM_TIER2_UPTO = 30  # 11—30件（含30件）的部分：100元/件
BY_ITEM_TIER2_YUAN = 100
BY_ITEM_BLOCK = 10  # 31件以上的部分：以10件为一档，每增加一档，收费标准提高100元/件
BY_ITEM_STEP_YUAN = 100

# 按量计收 (§2.4): (upper page bound inclusive or None, yuan per page)
BY_PAGES_TIERS: tuple[tuple[int | None, int], ...] = ((30, 0), (100, 10), (200, 20), (None, 40))


def fee_by_item(position: int) -> int:
    """Fee for the applicant's `position`-th application to this agency in the calendar month."""
    if position < 1:
        raise ValueError("position starts at 1")
    if position <= BY_ITEM_FREE_UPTO:
        return 0
    if position <= BY_ITEM_TIER2_UPTO:
        return BY_ITEM_TIER2_YUAN
    return BY_ITEM_TIER2_YUAN + BY_ITEM_STEP_YUAN * math.ceil((position - BY_ITEM_TIER2_UPTO) / BY_ITEM_BLOCK)


def monthly_total_by_item(count: int) -> int:
    """Total if all `count` applications of the month are charged 按件."""
    return sum(fee_by_item(k) for k in range(1, count + 1))


def fee_by_pages(pages: int) -> int:
    """Fee for one application of `pages` pages (no monthly accumulation for 按量)."""
    if pages < 0:
        raise ValueError("pages must not be negative")
    fee, lower = 0, 0
    for upper, rate in BY_PAGES_TIERS:
        top = pages if upper is None else min(pages, upper)
        if top > lower:
            fee += (top - lower) * rate
        if upper is None or pages <= upper:
            break
        lower = upper
    return fee


@dataclass(frozen=True)
class FeeOptions:
    by_item: int
    by_pages: int | None
    position: int
    pages: int | None


def fee_options(*, position: int, pages: int | None) -> FeeOptions:
    return FeeOptions(fee_by_item(position), None if pages is None else fee_by_pages(pages), position, pages)


def payment_deadline(calendar: WorkCalendar, *, notice_received_on: dt.date, days: int = 20):
    """收到收费通知次日起20个工作日内 (§2.5): the 20th working day in the run starting the next day."""
    return calendar.add_working_days(notice_received_on, days)
