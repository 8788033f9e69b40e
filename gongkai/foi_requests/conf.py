"""Settings of the FOI module, each with the documented default.

Rules marked UNCONFIRMED in shared/domain/foi-and-annual-report.md §7 are settings here, so an
agency can follow its own reading without a code change. Override with GONGKAI_FOI_<NAME>.
"""

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, f"GONGKAI_FOI_{name}", default)


def reply_days() -> int:  # 条例第三十三条 (CONFIRMED)
    return _get("REPLY_WORKING_DAYS", 20)


def extension_max_days() -> int:  # 条例第三十三条 (CONFIRMED)
    return _get("EXTENSION_MAX_WORKING_DAYS", 20)


def correction_notice_days() -> int:  # 条例第三十条 (CONFIRMED)
    return _get("CORRECTION_NOTICE_WORKING_DAYS", 7)


def correction_period_days() -> int:
    """合理的补正期限: the agency sets it (条例第三十条); 15 working days is this platform's default."""
    return _get("CORRECTION_PERIOD_WORKING_DAYS", 15)


def consultation_days() -> int:  # 条例第三十二条、第三十四条 (CONFIRMED)
    return _get("CONSULTATION_WORKING_DAYS", 15)


def fee_payment_days() -> int:  # 收费办法, "收到收费通知次日起20个工作日内" (CONFIRMED S6, S7)
    return _get("FEE_PAYMENT_WORKING_DAYS", 20)


def fee_pauses_clock() -> bool:
    """UNCONFIRMED (§2.5): the time from fee notice to payment is not counted. Default: paused."""
    return _get("FEE_PAUSES_CLOCK", True)


def pause_boundaries() -> str:
    """UNCONFIRMED (§1.6, §7.6): which days of a pause are excluded from the reply period.

    "inclusive" (default): every working day from the start date to the end date, both included, as in
    §2.6 example 5 ("the pause is 03-10..03-20"). "after_start": working days after the start date up to
    and including the end date.
    """
    return _get("PAUSE_BOUNDARIES", "inclusive")


def rest_day_receipt_rolls_forward() -> bool:
    """UNCONFIRMED (§1.4, §7.6): an application received on a rest day counts as received on the next
    working day (practice and one court case, S25). Default: yes."""
    return _get("REST_DAY_RECEIPT_ROLLS_FORWARD", True)


def extension_must_precede_deadline() -> bool:
    """UNCONFIRMED (§1.7): the extension notice must go out before the ordinary deadline. Default: yes."""
    return _get("EXTENSION_MUST_PRECEDE_DEADLINE", True)


def signoff_distinct_people() -> bool:
    """Each sign-off step of a letter must be made by a different person. Default: yes."""
    return _get("SIGNOFF_DISTINCT_PEOPLE", True)


def due_soon_days() -> int:
    """A case is "due soon" when its deadline is at most this many working days away."""
    return _get("DUE_SOON_WORKING_DAYS", 5)


def monthly_count_warning() -> int:
    """Art.35 triage: flag an applicant's N-th application to the same agency in a calendar month
    (the 按件 free band ends at 10, 收费办法 §2.3)."""
    return _get("MONTHLY_COUNT_WARNING", 10)


def by_item_counts_not_processed() -> bool:
    """UNCONFIRMED (§2.3): applications that ended as 不予处理 count toward the monthly 按件 position.
    Default: yes (Art.4 says 按件 applies to every decision type)."""
    return _get("BY_ITEM_COUNTS_NOT_PROCESSED", True)


def default_case_number_pattern() -> str:
    """Case-number scheme; {prefix}, {year}, {seq} (and {seq:04d} etc.) are filled in."""
    return _get("CASE_NUMBER_PATTERN", "{prefix}〔{year}〕第{seq}号")


def remedy_reform_date():
    """行政复议法 (2023修订) 施行日期: from this date 不予公开 decisions go to 复议 first (Art.23(四))."""
    import datetime as dt

    return _get("REMEDY_REFORM_DATE", dt.date(2024, 1, 1))


def tracking_code_length() -> int:
    return _get("TRACKING_CODE_LENGTH", 16)
