"""Every write of an FOI case: intake, one service per workflow transition, remedies.

Each transition checks the case's status against TRANSITIONS, writes the change and one FoiEvent in
the same transaction, and re-derives the deadline (deadlines.refresh_deadline). Statutory rules are
cited where they bite; UNCONFIRMED choices come from conf.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gongkai.core.calendar import work_calendar
from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import Role, Unit, User
from gongkai.organisations.selectors import can_see_unit

from . import conf
from .clock import on_time
from .deadlines import refresh_deadline
from .fees import fee_by_item, fee_by_pages
from .intake import Channel, channel_label, check_dates, date_received
from .models import (
    OPEN_STATUSES,
    AgencyProfile,
    Attachment,
    CaseCounter,
    ClockPause,
    DeliveryMethod,
    EventKind,
    FeeMethod,
    FoiEvent,
    FoiRequest,
    PauseKind,
    Remedy,
    Status,
)
from .outcomes import ApplicantCategory, RemedyKind, RemedyResult, ReplyOutcome
from .selectors import earlier_cases_of_applicant, monthly_position
from .triage import triage_flags

S = Status
ALL_OPEN = tuple(OPEN_STATUSES)

# action → (statuses it may start from, status it leads to; None = unchanged)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "confirm": ((S.PENDING_CONFIRMATION, S.CONTACT_FAILED), S.REGISTERED),
    "contact_failed": ((S.PENDING_CONFIRMATION,), S.CONTACT_FAILED),
    "start_review": ((S.REGISTERED,), S.REVIEWING),
    "request_correction": ((S.REGISTERED, S.REVIEWING), S.AWAITING_CORRECTION),
    "receive_correction": ((S.AWAITING_CORRECTION,), S.REVIEWING),
    "lapse_correction": ((S.AWAITING_CORRECTION,), S.LAPSED),
    "accept": ((S.REGISTERED, S.REVIEWING), S.PROCESSING),
    "assign": ((S.REGISTERED, S.REVIEWING, S.PROCESSING), None),
    "consult": ((S.PROCESSING,), None),
    "close_consultation": ((S.PROCESSING, S.AWAITING_FEE), None),
    "extend": ((S.REVIEWING, S.PROCESSING), None),
    "notify_fee": ((S.PROCESSING,), S.AWAITING_FEE),
    "pay_fee": ((S.AWAITING_FEE,), S.PROCESSING),
    "lapse_fee": ((S.AWAITING_FEE,), S.LAPSED),
    "reply": ((S.REGISTERED, S.REVIEWING, S.PROCESSING), S.REPLIED),
    "deliver": ((S.REPLIED,), S.DELIVERED),
    "archive": ((S.DELIVERED, S.LAPSED, S.WITHDRAWN), S.ARCHIVED),
    "withdraw": (ALL_OPEN, S.WITHDRAWN),
    "reopen": ((S.REPLIED, S.DELIVERED, S.ARCHIVED), S.PROCESSING),
}
ACTION_LABELS = {
    "confirm": "确认收到", "contact_failed": "登记无法联系", "start_review": "开始审查", "request_correction": "告知补正",
    "receive_correction": "收到补正", "lapse_correction": "逾期未补正", "accept": "转入办理", "assign": "分办",
    "consult": "征求意见", "close_consultation": "结束征求意见", "extend": "延期答复", "notify_fee": "发出收费通知",
    "pay_fee": "登记缴费", "lapse_fee": "逾期未缴费", "reply": "作出答复", "deliver": "登记送达", "archive": "归档",
    "withdraw": "登记撤回", "reopen": "重新办理",
}


def allowed_actions(request: FoiRequest) -> list[str]:
    return [a for a, (sources, _) in TRANSITIONS.items() if request.status in sources]


def _check(request: FoiRequest, action: str) -> str | None:
    sources, target = TRANSITIONS[action]
    if request.status not in sources:
        raise DomainError(f"申请当前状态为“{request.get_status_display()}”，不能{ACTION_LABELS[action]}")
    return target


def _today() -> dt.date:
    return timezone.localdate()


def _not_future(day: dt.date | None, label: str) -> None:
    if day and day > _today():
        raise DomainError(f"{label}不能晚于今天")


def _event(request: FoiRequest, kind: str, *, by: User | None, on: dt.date | None, before: str, note: str = "") -> None:
    FoiEvent.objects.create(request=request, kind=kind, actor=by if getattr(by, "pk", None) else None, on_date=on,
                            from_status=before, to_status=request.status, note=note)


def _move(request: FoiRequest, action: str, kind: str, *, by, on, note: str = "", refresh: bool = True) -> FoiRequest:
    before = request.status
    target = _check(request, action)
    if target:
        request.status = target
    request.save()
    if refresh:
        refresh_deadline(request)
    _event(request, kind, by=by, on=on, before=before, note=note)
    return request


def _check_staff(by: User | None, request: FoiRequest) -> None:
    if by is None or by.is_superuser:
        return
    if not can_see_unit(by, request.unit) and not (request.handling_unit and can_see_unit(by, request.handling_unit)):
        raise DomainError("您无权办理本单位以外的申请")
    if by.has_role(Role.LEADER) and not by.has_role(Role.COORDINATOR, Role.LIAISON, Role.HANDLER, Role.REVIEWER):
        raise DomainError("领导账号只能查阅，不能办理")


# ----------------------------------------------------------------------------------------------- intake


@dataclass
class Application:
    """What an applicant supplies (条例第二十九条第二款)."""

    applicant_category: str = ApplicantCategory.NATURAL_PERSON
    applicant_name: str = ""
    id_type: str = "id_card"
    id_number: str = ""
    legal_representative: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    title: str = ""
    description: str = ""
    purpose: str = ""
    form_of_provision: str = "any"
    obtain_by: str = "mail"

    def problems(self) -> list[str]:
        errors = []
        if not self.applicant_name.strip():
            errors.append("请填写申请人姓名或名称")
        if not (self.phone.strip() or self.email.strip() or self.address.strip()):
            errors.append("请至少填写一种联系方式（电话、电子邮箱或通信地址）")
        if not (self.title.strip() or self.description.strip()):
            errors.append("请填写所需政府信息的名称、文号或特征描述")
        return errors


def case_number_next(*, unit: Unit, year: int) -> str:
    """Allocate the next number of the configured scheme, e.g. 江府信公〔2025〕第12号."""
    counter, _ = CaseCounter.objects.select_for_update().get_or_create(unit=unit, year=year)
    CaseCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db()
    profile = AgencyProfile.objects.filter(unit=unit).first()
    prefix = profile.case_prefix if profile and profile.case_prefix else (unit.short_name or unit.name) + "依申请"
    pattern = (profile.case_pattern if profile and profile.case_pattern else "") or conf.default_case_number_pattern()
    try:
        return pattern.format(prefix=prefix, year=year, seq=counter.last)
    except (KeyError, IndexError, ValueError):
        raise DomainError(f"编号格式“{pattern}”有误，只能使用 {{prefix}} {{year}} {{seq}}")


def _apply_triage(request: FoiRequest) -> None:
    text = f"{request.title}\n{request.description}"
    earlier = [(c.pk, str(c), f"{c.title}\n{c.description}") for c in earlier_cases_of_applicant(request)]
    position = monthly_position(request) if request.received_on else None
    request.triage_flags = [f.as_dict() for f in triage_flags(text=text, monthly_position=position, earlier=earlier)]
    FoiRequest.objects.filter(pk=request.pk).update(triage_flags=request.triage_flags)


def _save_attachments(request: FoiRequest, files) -> None:
    from django.conf import settings

    for upload in files or []:
        Attachment.objects.create(request=request, file=upload, original_name=upload.name[:200], size=upload.size)
    limit = getattr(settings, "GONGKAI_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
    if any(f.size > limit for f in files or []):
        raise DomainError(f"单个附件不能超过{limit // (1024 * 1024)}MB")


def check_uploads(files) -> list[str]:
    from pathlib import Path

    from django.conf import settings

    allowed = getattr(settings, "GONGKAI_UPLOAD_EXTENSIONS", set())
    limit = getattr(settings, "GONGKAI_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
    errors = []
    for f in files or []:
        if allowed and Path(f.name).suffix.lower() not in allowed:
            errors.append(f"附件“{f.name}”的格式不受支持")
        if f.size > limit:
            errors.append(f"附件“{f.name}”超过{limit // (1024 * 1024)}MB")
    return errors


def _start_clock(request: FoiRequest, received_on: dt.date, *, basis: str) -> None:
    request.received_on = received_on
    request.clock_started_on = received_on
    request.clock_start_basis = basis


@transaction.atomic
def foi_request_submit(*, unit: Unit, application: Application, files=(), today: dt.date | None = None) -> FoiRequest:
    """An online application (条例第二十九条). The date received is the day both sides confirm
    (第三十一条第三项), so the case waits in 待确认 until staff confirm it."""
    errors = application.problems() + check_uploads(files)
    if errors:
        raise DomainError("；".join(errors))
    today = today or _today()
    request = FoiRequest(unit=unit, channel=Channel.ONLINE, arrived_on=today, status=Status.PENDING_CONFIRMATION,
                         **{f.name: getattr(application, f.name) for f in fields(Application)})
    request.save()
    _save_attachments(request, files)
    FoiEvent.objects.create(request=request, kind=EventKind.SUBMITTED, on_date=today, to_status=request.status,
                            note="申请人通过网上申请平台提交")
    _apply_triage(request)
    return request


@transaction.atomic
def foi_request_register(
    *, unit: Unit, application: Application, channel: str, arrived_on: dt.date | None, by: User | None,
    signed_on: dt.date | None = None, confirmed_on: dt.date | None = None, files=(),
) -> FoiRequest:
    """Staff register an application received in person, by mail, letter, fax or e-mail (条例第三十一条)."""
    errors = application.problems() + check_dates(channel, arrived_on=arrived_on, signed_on=signed_on,
                                                  confirmed_on=confirmed_on, today=_today()) + check_uploads(files)
    if errors:
        raise DomainError("；".join(errors))
    received = date_received(channel, arrived_on=arrived_on, signed_on=signed_on, confirmed_on=confirmed_on)
    request = FoiRequest(unit=unit, channel=channel, arrived_on=arrived_on, signed_on=signed_on,
                         confirmed_on=confirmed_on, **{f.name: getattr(application, f.name) for f in fields(Application)})
    if received.on:
        _start_clock(request, received.on, basis=f"{received.on.isoformat()} 收到申请（{channel_label(channel, confirmed=True)}）")
        request.status = Status.REGISTERED
        request.case_number = case_number_next(unit=unit, year=received.on.year)
    else:
        request.status = Status.PENDING_CONFIRMATION
    request.save()
    _save_attachments(request, files)
    refresh_deadline(request)
    note = received.basis if received.on else f"尚待{received.waiting_for}，期限未起算"
    _event(request, EventKind.REGISTERED, by=by, on=received.on or arrived_on, before="", note=note)
    _apply_triage(request)
    return request


@transaction.atomic
def foi_request_confirm(*, request: FoiRequest, on: dt.date, by: User | None, note: str = "") -> FoiRequest:
    """Record the confirmation (or, for registered mail, the signature) that fixes the date received.
    After a contact failure the clock starts from the day contact is restored (207号)."""
    _check_staff(by, request)
    _not_future(on, "确认日期")
    if request.arrived_on and on < request.arrived_on:
        raise DomainError("确认日期不能早于申请到达日期")
    if request.channel == Channel.REGISTERED_MAIL:
        request.signed_on = on
    else:
        request.confirmed_on = on
    restored = request.status == Status.CONTACT_FAILED
    basis = f"{on.isoformat()} 收到申请（{channel_label(request.channel, confirmed=True)}{'，恢复联系' if restored else ''}）"
    _start_clock(request, on, basis=basis)
    if not request.case_number:
        request.case_number = case_number_next(unit=request.unit, year=on.year)
    _move(request, "confirm", EventKind.CONFIRMED, by=by, on=on,
          note=note or ("恢复与申请人的联系，自当日起算期限" if restored else "双方确认，自当日起算期限"))
    _apply_triage(request)
    return request


@transaction.atomic
def foi_request_contact_failed(*, request: FoiRequest, on: dt.date, by: User | None, note: str = "") -> FoiRequest:
    """No phone number or no answer: the case waits without a clock (国办公开办函〔2015〕207号)."""
    _check_staff(by, request)
    request.contact_attempts += 1
    return _move(request, "contact_failed", EventKind.CONTACT_FAILED, by=by, on=on,
                 note=note or "无法与申请人取得联系，期限暂不起算")


@transaction.atomic
def foi_request_start_review(*, request: FoiRequest, by: User | None) -> FoiRequest:
    _check_staff(by, request)
    return _move(request, "start_review", EventKind.REVIEW_STARTED, by=by, on=_today())


# ----------------------------------------------------------------------------------------------- 补正


@transaction.atomic
def foi_request_request_correction(*, request: FoiRequest, by: User | None, sent_on: dt.date, items: str,
                                   period_days: int | None = None) -> FoiRequest:
    """One notice covering everything, within 7 working days of the date received (条例第三十条)."""
    _check(request, "request_correction")
    _check_staff(by, request)
    if not items.strip():
        raise DomainError("请写明需要补正的事项")
    if request.corrections and not request.status == Status.REVIEWING:
        raise DomainError("补正告知应一次性作出")
    calendar = work_calendar()
    if request.corrections == 0 and request.received_on:
        limit = calendar.add_working_days(request.received_on, conf.correction_notice_days()).value
        if sent_on > limit:
            raise DomainError(f"补正告知应在收到申请之日起{conf.correction_notice_days()}个工作日内（{limit}前）发出（条例第三十条）")
    period = period_days or conf.correction_period_days()
    request.correction_due_on = calendar.add_working_days(sent_on, period).value
    return _move(request, "request_correction", EventKind.CORRECTION_REQUESTED, by=by, on=sent_on,
                 note=f"补正事项：{items.strip()}；补正期限{period}个工作日，至{request.correction_due_on}")


@transaction.atomic
def foi_request_receive_correction(*, request: FoiRequest, by: User | None, received_on: dt.date,
                                   note: str = "") -> FoiRequest:
    """The reply period starts again from the day the corrected application is received (第三十条)."""
    _check(request, "receive_correction")
    _check_staff(by, request)
    _not_future(received_on, "收到补正日期")
    request.corrections += 1
    request.clock_started_on = received_on
    request.clock_start_basis = f"{received_on.isoformat()} 收到补正后的申请（条例第三十条，重新起算）"
    request.correction_due_on = None
    return _move(request, "receive_correction", EventKind.CORRECTION_RECEIVED, by=by, on=received_on, note=note)


def _conclude(request: FoiRequest, outcome: str, on: dt.date) -> None:
    request.outcome = outcome
    request.concluded_on = on


@transaction.atomic
def foi_request_lapse_correction(*, request: FoiRequest, by: User | None, on: dt.date | None = None) -> FoiRequest:
    """无正当理由逾期不补正: 视为放弃申请 (第三十条); table 三 (六)1."""
    _check(request, "lapse_correction")
    on = on or _today()
    if request.correction_due_on and on <= request.correction_due_on:
        raise DomainError(f"补正期限至{request.correction_due_on}，尚未届满")
    _conclude(request, ReplyOutcome.OTHER_NO_CORRECTION, on)
    request.due_on = None
    return _move(request, "lapse_correction", EventKind.CORRECTION_LAPSED, by=by, on=on,
                 note="申请人无正当理由逾期不补正，视为放弃申请", refresh=False)


# ----------------------------------------------------------------------------------------------- 办理


def _check_handler(handler: User | None, unit: Unit | None) -> None:
    if handler is None:
        return
    if not handler.has_role(Role.HANDLER, Role.COORDINATOR, Role.LIAISON):
        raise DomainError(f"{handler}不是经办人")
    if unit is not None and handler.unit_id != unit.pk:
        raise DomainError(f"{handler}不属于{unit}")


@transaction.atomic
def foi_request_accept(*, request: FoiRequest, by: User | None, handling_unit: Unit | None = None,
                       handler: User | None = None) -> FoiRequest:
    _check_staff(by, request)
    request.handling_unit = handling_unit or request.handling_unit or request.unit
    _check_handler(handler, request.handling_unit)
    request.handler = handler or request.handler
    return _move(request, "accept", EventKind.ACCEPTED, by=by, on=_today(),
                 note=f"承办单位：{request.handling_unit}" + (f"，经办人：{request.handler}" if request.handler else ""))


@transaction.atomic
def foi_request_assign(*, request: FoiRequest, by: User | None, handling_unit: Unit, handler: User | None) -> FoiRequest:
    _check_staff(by, request)
    _check_handler(handler, handling_unit)
    request.handling_unit, request.handler = handling_unit, handler
    return _move(request, "assign", EventKind.ASSIGNED, by=by, on=_today(),
                 note=f"承办单位：{handling_unit}" + (f"，经办人：{handler}" if handler else ""))


@transaction.atomic
def foi_consultation_open(*, request: FoiRequest, by: User | None, kind: str, party: str, sent_on: dt.date) -> ClockPause:
    """Written consultation of a third party (第三十二条) or co-author agency (第三十四条): 15 working
    days to answer, and the time is not counted (第三十三条第三款)."""
    _check(request, "consult")
    _check_staff(by, request)
    if kind not in (PauseKind.THIRD_PARTY, PauseKind.CO_AGENCY):
        raise DomainError("征求意见类型只能是第三方或其他机关")
    if not party.strip():
        raise DomainError("请填写征求意见对象")
    if request.clock_started_on and sent_on < request.clock_started_on:
        raise DomainError("征求意见日期不能早于期限起算日期")
    limit = work_calendar().add_working_days(sent_on, conf.consultation_days()).value
    pause = ClockPause.objects.create(request=request, kind=kind, party=party.strip(), started_on=sent_on, limit_on=limit)
    _move(request, "consult", EventKind.CONSULTATION_SENT, by=by, on=sent_on,
          note=f"向{party.strip()}{PauseKind(kind).label}，应于{limit}前答复；期间不计入答复期限")
    return pause


@transaction.atomic
def foi_consultation_close(*, pause: ClockPause, by: User | None, replied_on: dt.date | None, result: str) -> ClockPause:
    """Record the answer (or silence: 第三方 → the agency decides; 其他机关 → 视为同意, 第三十四条)."""
    request = pause.request
    _check_staff(by, request)
    if pause.ended_on:
        raise DomainError("该征求意见已结束")
    if pause.kind == PauseKind.FEE:
        raise DomainError("缴费请使用登记缴费")
    if replied_on is None:  # no answer within 15 working days
        if pause.limit_on and pause.limit_on >= _today():
            raise DomainError(f"答复期限至{pause.limit_on}，尚未届满；未答复的请在期满后登记")
        replied_on = pause.limit_on
        result = result or ("逾期未提出意见，视为同意公开（条例第三十四条）" if pause.kind == PauseKind.CO_AGENCY
                            else "逾期未提出意见，由本机关依照条例规定决定（条例第三十二条）")
    if replied_on < pause.started_on:
        raise DomainError("答复日期不能早于征求意见日期")
    pause.ended_on, pause.result = replied_on, result.strip()
    pause.save()
    _move(request, "close_consultation", EventKind.CONSULTATION_CLOSED, by=by, on=replied_on,
          note=f"{pause.party}：{pause.result}")
    return pause


def is_office_head(user: User | None, unit: Unit) -> bool:
    """政府信息公开工作机构负责人: the agency's designated head, else a coordinator over the agency."""
    if user is None:
        return False
    if user.is_superuser:
        return True
    profile = AgencyProfile.objects.filter(unit=unit).first()
    if profile and profile.office_head_id:
        return profile.office_head_id == user.pk
    return user.has_role(Role.COORDINATOR) and can_see_unit(user, unit)


@transaction.atomic
def foi_request_extend(*, request: FoiRequest, by: User | None, approved_by: User, days: int, reason: str,
                       notified_on: dt.date) -> FoiRequest:
    """Extend once by at most 20 working days, with the office head's consent and a notice to the
    applicant (条例第三十三条第二款)."""
    _check(request, "extend")
    _check_staff(by, request)
    if request.extension_days:
        raise DomainError("本申请已延期一次，不能再次延期")
    if not 1 <= days <= conf.extension_max_days():
        raise DomainError(f"延期不得超过{conf.extension_max_days()}个工作日")
    if not reason.strip():
        raise DomainError("请填写延期理由")
    if not is_office_head(approved_by, request.unit):
        raise DomainError("延期须经政府信息公开工作机构负责人同意")
    if conf.extension_must_precede_deadline() and request.due_on and notified_on > request.due_on:
        raise DomainError(f"答复期限{request.due_on}已过，不能再延期")
    request.extension_days, request.extension_reason = days, reason.strip()
    return _move(request, "extend", EventKind.EXTENDED, by=by, on=notified_on,
                 note=f"经{approved_by}同意延期{days}个工作日，已告知申请人。理由：{reason.strip()}")


@transaction.atomic
def foi_fee_notify(*, request: FoiRequest, by: User | None, method: str, notice_received_on: dt.date,
                   position: int | None = None, pages: int | None = None) -> FoiRequest:
    """收费通知 within the processing period; the applicant pays within 20 working days from the next
    day (收费办法, §2.5); one method only (第三条)."""
    _check(request, "notify_fee")
    _check_staff(by, request)
    if method == FeeMethod.BY_ITEM:
        from .selectors import monthly_position

        position = position or monthly_position(request)
        amount = fee_by_item(position)
        basis = f"按件计收：本自然月第{position}件"
    elif method == FeeMethod.BY_PAGES:
        if not pages:
            raise DomainError("按量计收须填写页数")
        amount = fee_by_pages(pages)
        basis = f"按量计收：{pages}页"
    else:
        raise DomainError("请选择按件或按量计收（不得同时按两种标准计算）")
    if amount <= 0:
        raise DomainError(f"{basis}，依收费办法不收费，无需发出收费通知")
    if request.due_on and notice_received_on > request.due_on:
        raise DomainError("收费通知应在答复期限内发出")
    calendar = work_calendar()
    request.fee_method, request.fee_position, request.fee_pages = method, position, pages
    request.fee_amount_yuan = amount
    request.fee_notice_received_on = notice_received_on
    request.fee_due_on = calendar.add_working_days(notice_received_on, conf.fee_payment_days()).value
    ClockPause.objects.create(request=request, kind=PauseKind.FEE, started_on=notice_received_on,
                              limit_on=request.fee_due_on)
    return _move(request, "notify_fee", EventKind.FEE_NOTIFIED, by=by, on=notice_received_on,
                 note=f"{basis}，应缴{amount}元，缴费期限至{request.fee_due_on}")


@transaction.atomic
def foi_fee_pay(*, request: FoiRequest, by: User | None, paid_on: dt.date) -> FoiRequest:
    _check(request, "pay_fee")
    _check_staff(by, request)
    _not_future(paid_on, "缴费日期")
    if request.fee_notice_received_on and paid_on < request.fee_notice_received_on:
        raise DomainError("缴费日期不能早于收费通知送达日期")
    if request.fee_due_on and paid_on > request.fee_due_on:
        raise DomainError(f"缴费期限已于{request.fee_due_on}届满，应按逾期未缴费处理")
    request.fee_paid_on = paid_on
    ClockPause.objects.filter(request=request, kind=PauseKind.FEE, ended_on__isnull=True).update(
        ended_on=paid_on, result=f"已缴纳{request.fee_amount_yuan}元")
    return _move(request, "pay_fee", EventKind.FEE_PAID, by=by, on=paid_on, note=f"已缴纳{request.fee_amount_yuan}元")


@transaction.atomic
def foi_fee_lapse(*, request: FoiRequest, by: User | None, on: dt.date | None = None) -> FoiRequest:
    """逾期未缴费: 视为放弃申请; table 三 (六)2. Nothing was collected."""
    _check(request, "lapse_fee")
    on = on or _today()
    if request.fee_due_on and on <= request.fee_due_on:
        raise DomainError(f"缴费期限至{request.fee_due_on}，尚未届满")
    ClockPause.objects.filter(request=request, kind=PauseKind.FEE, ended_on__isnull=True).update(
        ended_on=request.fee_due_on or on, result="逾期未缴费")
    request.fee_amount_yuan = 0
    _conclude(request, ReplyOutcome.OTHER_NO_FEE, on)
    return _move(request, "lapse_fee", EventKind.FEE_LAPSED, by=by, on=on,
                 note="申请人逾期未按收费通知要求缴纳费用，视为放弃申请", refresh=False)


# ----------------------------------------------------------------------------------------------- 答复 / 送达 / 归档


@transaction.atomic
def foi_request_reply(*, request: FoiRequest, by: User | None, outcome: str, replied_on: dt.date,
                      summary: str = "") -> FoiRequest:
    """作出答复 with one outcome of the statutory list (条例第三十六条—第三十九条), mapped to exactly one
    row of annual-report table 三 (§3.9). Open consultations end on the reply date."""
    _check(request, "reply")
    _check_staff(by, request)
    if outcome not in ReplyOutcome.values or outcome in (ReplyOutcome.OTHER_NO_CORRECTION, ReplyOutcome.OTHER_NO_FEE):
        raise DomainError("请选择答复结果（逾期不补正、逾期未缴费由系统按期处理）")
    if request.clock_started_on and replied_on < request.clock_started_on:
        raise DomainError("答复日期不能早于收到申请日期")
    _not_future(replied_on, "答复日期")
    ClockPause.objects.filter(request=request, ended_on__isnull=True).exclude(kind=PauseKind.FEE).update(
        ended_on=replied_on, result="作出答复时结束")
    _conclude(request, outcome, replied_on)
    request.reply_summary = summary.strip()
    return _move(request, "reply", EventKind.REPLIED, by=by, on=replied_on,
                 note=f"答复结果：{ReplyOutcome(outcome).label}" + (f"。{summary.strip()}" if summary.strip() else ""))


@transaction.atomic
def foi_request_deliver(*, request: FoiRequest, by: User | None, method: str, posted_on: dt.date | None = None,
                        signed_on: dt.date | None = None) -> FoiRequest:
    """送达 (国办公开办函〔2016〕235号): mail is judged by the posting day, direct or entrusted delivery by
    the signing day; on time when that day is within the deadline."""
    _check(request, "deliver")
    _check_staff(by, request)
    if method not in DeliveryMethod.values:
        raise DomainError("请选择送达方式")
    if method == DeliveryMethod.MAIL and not posted_on:
        raise DomainError("邮寄送达须填写交邮日期（以交邮之日为准）")
    if method != DeliveryMethod.MAIL and not signed_on:
        raise DomainError("直接送达、委托送达或电子送达须填写签收（确认收到）日期")
    for day, label in ((posted_on, "交邮日期"), (signed_on, "签收日期")):
        _not_future(day, label)
        if day and request.concluded_on and day < request.concluded_on:
            raise DomainError(f"{label}不能早于答复日期")
    request.delivery_method, request.delivery_posted_on, request.delivery_signed_on = method, posted_on, signed_on
    point_method = "mail" if method == DeliveryMethod.MAIL else "direct"
    request.delivered_on_time = (
        on_time(due=request.due_on, delivery_method=point_method, posted_on=posted_on, signed_on=signed_on)
        if request.due_on else None
    )
    timing = {True: "按期答复", False: f"超过答复期限{request.due_on}", None: "无期限记录"}[request.delivered_on_time]
    return _move(request, "deliver", EventKind.DELIVERED, by=by, on=posted_on or signed_on,
                 note=f"{DeliveryMethod(method).label}，{timing}", refresh=False)


@transaction.atomic
def foi_request_archive(*, request: FoiRequest, by: User | None, on: dt.date | None = None) -> FoiRequest:
    """归档 (条例第四十五条). A concluded case is archived once its reply is delivered."""
    _check_staff(by, request)
    request.archived_on = on or _today()
    return _move(request, "archive", EventKind.ARCHIVED, by=by, on=request.archived_on, refresh=False)


@transaction.atomic
def foi_request_withdraw(*, request: FoiRequest, by: User | None, on: dt.date, note: str = "") -> FoiRequest:
    """The applicant withdraws; table 三 (六)3 其他 (practice, §3.9)."""
    _check_staff(by, request)
    _not_future(on, "撤回日期")
    ClockPause.objects.filter(request=request, ended_on__isnull=True).update(ended_on=on, result="申请人撤回")
    _conclude(request, ReplyOutcome.OTHER_OTHER, on)
    return _move(request, "withdraw", EventKind.WITHDRAWN, by=by, on=on, note=note or "申请人撤回申请", refresh=False)


@transaction.atomic
def foi_request_reopen(*, request: FoiRequest, by: User | None, on: dt.date, reason: str) -> FoiRequest:
    """A reconsideration or court decision orders a new reply: the case is processed again with a new
    20-working-day clock from the day the decision was received; the earlier outcome stays in the ledger."""
    _check_staff(by, request)
    if not reason.strip():
        raise DomainError("请写明重新办理的依据（复议决定书或判决书）")
    previous = request.get_outcome_display()
    request.outcome, request.concluded_on = "", None
    request.delivery_method, request.delivery_posted_on, request.delivery_signed_on = "", None, None
    request.delivered_on_time, request.archived_on = None, None
    request.extension_days, request.extension_reason = 0, ""
    request.clock_started_on = on
    request.clock_start_basis = f"{on.isoformat()} 收到{reason.strip()}（重新答复）"
    request.reopened_count += 1
    ClockPause.objects.filter(request=request).delete()
    return _move(request, "reopen", EventKind.REOPENED, by=by, on=on, note=f"原答复结果：{previous}。依据：{reason.strip()}")


def foi_sweep_lapses(*, today: dt.date | None = None) -> list[str]:
    """Deem abandoned every case whose correction or payment period has run out (daily job)."""
    today = today or _today()
    lines = []
    for request in FoiRequest.objects.filter(status=Status.AWAITING_CORRECTION, correction_due_on__lt=today):
        foi_request_lapse_correction(request=request, by=None, on=today)
        lines.append(f"{request}：逾期未补正，视为放弃申请")
    for request in FoiRequest.objects.filter(status=Status.AWAITING_FEE, fee_due_on__lt=today):
        foi_fee_lapse(request=request, by=None, on=today)
        lines.append(f"{request}：逾期未缴费，视为放弃申请")
    return lines


# ----------------------------------------------------------------------------------------------- remedies


@transaction.atomic
def foi_remedy_record(*, request: FoiRequest | None, unit: Unit | None = None, kind: str, filed_on: dt.date,
                      body: str = "", case_ref: str = "", by: User | None = None) -> Remedy:
    """Record a 行政复议 or 行政诉讼 over an FOI decision (table 四)."""
    if kind not in RemedyKind.values:
        raise DomainError("请选择复议或诉讼类型")
    unit = unit or (request.unit if request else None)
    if unit is None:
        raise DomainError("请选择被申请人/被告")
    if request is not None:
        _check_staff(by, request)
        if request.concluded_on and filed_on < request.concluded_on:
            raise DomainError("立案日期不能早于答复日期")
    _not_future(filed_on, "立案/受理日期")
    remedy = Remedy.objects.create(unit=unit, request=request, kind=kind, filed_on=filed_on, body=body.strip(),
                                   case_ref=case_ref.strip())
    if request is not None:
        _event(request, EventKind.LETTER, by=by, on=filed_on, before=request.status,
               note=f"申请人提起{RemedyKind(kind).label}" + (f"（{case_ref}）" if case_ref else ""))
    return remedy


@transaction.atomic
def foi_remedy_decide(*, remedy: Remedy, result: str, decided_on: dt.date, summary: str = "",
                      reopens_case: bool = False, by: User | None = None) -> Remedy:
    if result not in RemedyResult.values or result == RemedyResult.PENDING:
        raise DomainError("请选择审结结果（维持、纠正或其他）")
    if decided_on < remedy.filed_on:
        raise DomainError("审结日期不能早于立案日期")
    _not_future(decided_on, "审结日期")
    remedy.result, remedy.decided_on, remedy.summary = result, decided_on, summary.strip()
    remedy.reopens_case = reopens_case
    remedy.save()
    if reopens_case and remedy.request is not None:
        foi_request_reopen(request=remedy.request, by=by, on=decided_on,
                           reason=f"{remedy.get_kind_display()}结果（{remedy.get_result_display()}）{remedy.case_ref}")
    return remedy


@transaction.atomic
def agency_profile_set(*, unit: Unit, case_prefix: str, case_pattern: str = "", **details) -> AgencyProfile:
    pattern = case_pattern or conf.default_case_number_pattern()
    try:
        pattern.format(prefix="X", year=2025, seq=1)
    except (KeyError, IndexError, ValueError):
        raise DomainError("编号格式只能使用 {prefix} {year} {seq}")
    profile, _ = AgencyProfile.objects.update_or_create(
        unit=unit, defaults={"case_prefix": case_prefix, "case_pattern": case_pattern, **details})
    return profile
