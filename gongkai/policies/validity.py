"""有效期 arithmetic for 规范性文件: pure functions, dates passed in.

Rules (shared/domain/portal-and-oversight.md §5.3, all terms configurable in conf.py):
* 规范性文件有效期一般为 5 年；暂行、试行的为 2 年.
* The term runs from the 施行日期 (or the 发布日期 when none is set) and ends the day before the same date
  N years later: 施行 2025-03-01, 5 年 → 有效期至 2030-02-28. A document starting on 29 February ends on
  28 February (the anniversary falls on 1 March in a common year).
* 起草单位应当于有效期届满前 6 个月内进行评估: the evaluation window opens 6 calendar months before the end.
* 重新登记、公布的，自公布之日起重新计算有效期.
"""

from __future__ import annotations

import calendar
import datetime as dt

from . import conf

ONE_DAY = dt.timedelta(days=1)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar date `years` later; 29 February becomes 1 March in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → the anniversary is the day after 28 February
        return dt.date(day.year + years, 3, 1)


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar-month arithmetic, clamping to the last day of a shorter month (2025-08-31 − 6 → 2025-02-28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def is_provisional(title: str) -> bool:
    """True for 暂行 / 试行 documents, detected from the title (markers configurable)."""
    return any(marker in (title or "") for marker in conf.provisional_markers())


def default_term_years(*, title: str, kind: str) -> int | None:
    """The 有效期 in years a document of this kind and title gets by default; None = no fixed term."""
    if kind not in conf.kinds_with_validity_term():
        return None
    return conf.provisional_validity_years() if is_provisional(title) else conf.default_validity_years()


def expiry_date(start: dt.date, years: int) -> dt.date:
    """The last day of validity (有效期至) of a term of `years` starting on `start`."""
    return add_years(start, years) - ONE_DAY


def evaluation_opens_on(expires_on: dt.date) -> dt.date:
    """The first day of the 评估 window before expiry (届满前 6 个月)."""
    return add_months(expires_on, -conf.evaluation_lead_months())


def is_expired(expires_on: dt.date | None, on: dt.date) -> bool:
    """A document whose last valid day is before `on` has lapsed (失效) on `on`."""
    return expires_on is not None and expires_on < on


def cn_date(day: dt.date | None) -> str:
    """2030年2月28日 (no zero padding, as official documents write dates)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""
