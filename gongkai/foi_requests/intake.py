"""收到申请之日 by channel (条例第三十一条, 国办公开办函〔2015〕207号; domain §1.4), as pure functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models

from gongkai.core.workdays import ONE_DAY, WorkCalendar


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "当面提交"
    ORAL = "oral", "口头申请（代为填写）"
    REGISTERED_MAIL = "registered_mail", "邮寄（挂号信、EMS等需签收）"
    PLAIN_LETTER = "plain_letter", "平常信函"
    ONLINE = "online", "网上申请"
    EMAIL = "email", "电子邮件"
    FAX = "fax", "传真"


# Channels whose date received is the day both sides confirm (条例第三十一条第三项) or, for plain
# letters, the day the office confirms with the applicant (第二项).
CONFIRMATION_CHANNELS = frozenset({Channel.PLAIN_LETTER, Channel.ONLINE, Channel.EMAIL, Channel.FAX})
SIGNATURE_CHANNELS = frozenset({Channel.REGISTERED_MAIL})


@dataclass(frozen=True)
class ReceivedDate:
    on: dt.date | None
    basis: str  # the rule applied, in Chinese
    waiting_for: str = ""  # what is missing while `on` is None


def date_received(channel: str, *, arrived_on: dt.date | None, signed_on: dt.date | None = None,
                  confirmed_on: dt.date | None = None) -> ReceivedDate:
    """The statutory date received; None while the signature or the confirmation is outstanding."""
    channel = Channel(channel)
    if channel in (Channel.IN_PERSON, Channel.ORAL):
        return ReceivedDate(arrived_on, "以提交之日为收到申请之日（条例第三十一条第一项）", "" if arrived_on else "提交日期")
    if channel in SIGNATURE_CHANNELS:
        return ReceivedDate(signed_on, "以行政机关签收之日为收到申请之日（条例第三十一条第二项）",
                            "" if signed_on else "签收")
    if channel == Channel.PLAIN_LETTER:
        return ReceivedDate(confirmed_on, "平常信函以与申请人确认之日为收到申请之日（条例第三十一条第二项）",
                            "" if confirmed_on else "与申请人确认")
    return ReceivedDate(confirmed_on, "以双方确认之日为收到申请之日（条例第三十一条第三项）",
                        "" if confirmed_on else "双方确认")


def check_dates(channel: str, *, arrived_on: dt.date | None, signed_on: dt.date | None,
                confirmed_on: dt.date | None, today: dt.date) -> list[str]:
    """Chinese error messages for impossible date combinations."""
    errors = []
    for label, value in (("到达日期", arrived_on), ("签收日期", signed_on), ("确认日期", confirmed_on)):
        if value and value > today:
            errors.append(f"{label}不能晚于今天")
    if arrived_on and signed_on and signed_on < arrived_on:
        errors.append("签收日期不能早于到达日期")
    if arrived_on and confirmed_on and confirmed_on < arrived_on:
        errors.append("确认日期不能早于到达日期")
    if Channel(channel) in (Channel.IN_PERSON, Channel.ORAL) and not arrived_on:
        errors.append("请填写提交日期")
    return errors


def channel_label(channel: str, *, confirmed: bool) -> str:
    """Short label for explanations, e.g. "网上申请，双方确认"."""
    channel = Channel(channel)
    if channel in SIGNATURE_CHANNELS:
        return f"{channel.label}，签收"
    if channel in CONFIRMATION_CHANNELS:
        return f"{channel.label}，{'双方确认' if confirmed else '待确认'}"
    return channel.label


def counting_start(calendar: WorkCalendar, received_on: dt.date, *, roll_forward: bool) -> tuple[dt.date, str]:
    """The day after which working days are counted, and a note when it differs from `received_on`.

    With `roll_forward` (UNCONFIRMED default, §1.4), an application received on a rest day is treated as
    received on the next working day.
    """
    if not roll_forward or calendar.is_working_day(received_on):
        return received_on, ""
    day = received_on + ONE_DAY
    while not calendar.is_working_day(day):
        day += ONE_DAY
    return day, f"{received_on.isoformat()}为休息日，视为{day.isoformat()}收到"
