"""Letters: drafting from templates, internal sign-off (handler → reviewer → office head), sending
(which performs the case transition the letter carries), and rendering to DOCX and PDF."""

from __future__ import annotations

import datetime as dt
import io

from django.db import transaction
from django.template import Context, Template, TemplateSyntaxError
from django.utils import timezone

from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import Role, UnitKind, User

from . import conf, services
from .fees import fee_by_item, fee_by_pages
from .letter_texts import DEFAULTS, OUTCOME_REASONS
from .models import (
    AgencyProfile,
    EventKind,
    FeeMethod,
    FoiRequest,
    Letter,
    LetterKind,
    LetterStatus,
    LetterTemplate,
)
from .outcomes import DENIAL_OUTCOMES, ReplyOutcome

SIGN_STEPS = (
    (LetterStatus.DRAFT, LetterStatus.HANDLER_SIGNED, "handler"),
    (LetterStatus.HANDLER_SIGNED, LetterStatus.REVIEWED, "reviewer"),
    (LetterStatus.REVIEWED, LetterStatus.APPROVED, "head"),
)
STEP_LABELS = {"handler": "经办人", "reviewer": "审核人", "head": "工作机构负责人"}


def chinese_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "____年__月__日"


def reply_kind_for(outcome: str, *, already_public: bool = False) -> str:
    if outcome == ReplyOutcome.GRANTED:
        return LetterKind.REPLY_PUBLIC if already_public else LetterKind.REPLY_GRANTED
    if outcome == ReplyOutcome.PARTIAL:
        return LetterKind.REPLY_PARTIAL
    if outcome in DENIAL_OUTCOMES:
        return LetterKind.REPLY_DENIED
    if outcome.startswith("unable_"):
        return LetterKind.REPLY_UNABLE
    if outcome.startswith("np_"):
        return LetterKind.REPLY_NOT_PROCESSED
    return LetterKind.REPLY_TERMINATED


def default_reconsideration_body(unit) -> str:
    """Since 2024 the 复议机关 of a local department is its government (行政复议法第二十四条); a
    government's reconsideration goes to the government above it."""
    if unit.kind == UnitKind.GOVERNMENT:
        return unit.parent.name if unit.parent_id else "上一级人民政府"
    government = unit.government
    return government.name if government else "本级人民政府"


def remedy_clause(*, outcome: str, decided_on: dt.date, reconsideration_body: str, court: str) -> str:
    """The remedy paragraph of a reply. From 2024-01-01 a 不予公开 decision must first go to 行政复议
    (行政复议法第二十三条第一款第四项) and the letter must say so (同条第二款); §5.1."""
    if outcome in DENIAL_OUTCOMES and decided_on >= conf.remedy_reform_date():
        return (f"如对本答复不服，可以自收到本答复书之日起60日内向{reconsideration_body}申请行政复议。根据《中华人民共和国"
                f"行政复议法》第二十三条的规定，对不予公开决定不服的，应当先申请行政复议；对行政复议决定不服的，可以自收到"
                f"行政复议决定书之日起15日内依法向人民法院提起行政诉讼。")
    return (f"如对本答复不服，可以自收到本答复书之日起60日内向{reconsideration_body}申请行政复议，"
            f"或者自收到本答复书之日起6个月内依法向{court}提起行政诉讼。")


def template_for(kind: str) -> tuple[str, str, int | None]:
    template = LetterTemplate.objects.filter(kind=kind).first()
    if template is not None:
        return template.title, template.body, template.history.count()
    title, body = DEFAULTS[kind]
    return title, body, None


def letter_context(request: FoiRequest, params: dict, *, letter_date: dt.date | None = None) -> dict:
    profile = AgencyProfile.objects.filter(unit=request.unit).first()
    outcome = params.get("outcome", request.outcome or "")
    decided = letter_date or timezone.localdate()
    body = (profile.reconsideration_body if profile and profile.reconsideration_body
            else default_reconsideration_body(request.unit))
    court = profile.court if profile and profile.court else "有管辖权的人民法院"
    ctx = {
        "case_number": request.case_number or "（待编号）", "tracking_code": request.tracking_code,
        "applicant_name": request.applicant_name or "申请人", "received_on": chinese_date(request.received_on),
        "title": request.title or request.description[:60], "description": request.description,
        "unit_name": request.unit.name, "office_name": (profile.office_name if profile and profile.office_name
                                                        else f"{request.unit.name}政府信息公开工作机构"),
        "office_address": profile.office_address if profile else "", "office_phone": profile.office_phone if profile else "",
        "letter_date": chinese_date(letter_date), "due_on": chinese_date(request.due_on),
        "obtain_by": request.get_obtain_by_display(), "outcome": ReplyOutcome(outcome).label if outcome else "",
        "outcome_reason": OUTCOME_REASONS.get(outcome, ""), "summary": params.get("summary", ""),
        "remedy_clause": remedy_clause(outcome=outcome, decided_on=decided, reconsideration_body=body, court=court)
        if outcome else "",
        "items": params.get("items", ""), "period_days": params.get("period_days", conf.correction_period_days()),
        "days": params.get("days", ""), "reason": params.get("reason", ""), "party": params.get("party", ""),
        "basis": params.get("basis", ""), "amount": params.get("amount", ""),
        "payment_method": params.get("payment_method", "通过非税收入缴款渠道缴纳，缴款后取得财政票据"),
        "new_due_on": "",
    }
    if params.get("days") and request.clock_started_on:
        from .deadlines import compute_for

        deadline = compute_for(request)
        if deadline:
            from gongkai.core.calendar import work_calendar

            ctx["new_due_on"] = chinese_date(work_calendar().add_working_days(deadline.due, int(params["days"])).value)
    return ctx


def render_body(body: str, context: dict) -> str:
    try:
        return Template(body).render(Context(context, autoescape=False)).strip()
    except TemplateSyntaxError as exc:
        raise DomainError(f"文书模板有语法错误：{exc}")


def _fee_params(request: FoiRequest, params: dict) -> dict:
    from .selectors import monthly_position

    if params.get("method") == FeeMethod.BY_ITEM:
        position = int(params.get("position") or monthly_position(request))
        return {**params, "position": position, "amount": fee_by_item(position),
                "basis": f"按件计收，本自然月第{position}件，{fee_by_item(position)}元/件"}
    if params.get("method") == FeeMethod.BY_PAGES:
        pages = int(params.get("pages") or 0)
        if pages <= 0:
            raise DomainError("按量计收须填写页数")
        return {**params, "pages": pages, "amount": fee_by_pages(pages), "basis": f"按量计收，共{pages}页（超额累进）"}
    raise DomainError("请选择按件或按量计收")


@transaction.atomic
def letter_draft(*, request: FoiRequest, kind: str, by: User | None, params: dict | None = None) -> Letter:
    """Draft a letter from the current template; the parameters are what sending will apply."""
    services._check_staff(by, request)
    params = dict(params or {})
    if kind == LetterKind.FEE:
        params = _fee_params(request, params)
        if params["amount"] <= 0:
            raise DomainError(f"{params['basis']}，依收费办法不收费，无需收费通知")
    if kind == LetterKind.EXTENSION:
        days = int(params.get("days") or 0)
        if not 1 <= days <= conf.extension_max_days():
            raise DomainError(f"延期不得超过{conf.extension_max_days()}个工作日")
        if not str(params.get("reason", "")).strip():
            raise DomainError("请填写延期理由")
        if request.extension_days:
            raise DomainError("本申请已延期一次，不能再次延期")
    if kind == LetterKind.CORRECTION and not str(params.get("items", "")).strip():
        raise DomainError("请写明需要补正的事项")
    if kind == LetterKind.CONSULTATION and not str(params.get("party", "")).strip():
        raise DomainError("请填写征求意见对象")
    if kind.startswith("reply_"):
        outcome = params.get("outcome") or ""
        if outcome not in ReplyOutcome.values:
            raise DomainError("请选择答复结果")
    if request.letters.filter(kind=kind).exclude(status__in=[LetterStatus.SENT, LetterStatus.CANCELLED]).exists():
        raise DomainError(f"已有一份未发出的{LetterKind(kind).label}，请先办理或作废")
    title, template, version = template_for(kind)
    body = render_body(template, letter_context(request, params))
    letter = Letter.objects.create(request=request, kind=kind, title=title, body=body, template_version=version,
                                   params=params, created_by=by if getattr(by, "pk", None) else None)
    services._event(request, EventKind.LETTER, by=by, on=timezone.localdate(), before=request.status,
                    note=f"起草{LetterKind(kind).label}")
    return letter


@transaction.atomic
def letter_update_body(*, letter: Letter, body: str, by: User | None) -> Letter:
    if letter.status != LetterStatus.DRAFT:
        raise DomainError("文书已进入签批，不能再修改；如需修改请作废后重新起草")
    if not body.strip():
        raise DomainError("正文不能为空")
    letter.body = body.strip()
    letter.save()
    return letter


def may_sign(user: User, letter: Letter, step: str) -> bool:
    request = letter.request
    units = {request.unit_id, request.handling_unit_id}
    if user.is_superuser:
        return True
    if step == "handler":
        return (user.pk == request.handler_id) or (user.has_role(Role.HANDLER, Role.LIAISON) and user.unit_id in units)
    if step == "reviewer":
        return user.has_role(Role.REVIEWER) and user.unit_id in units or (
            user.has_role(Role.COORDINATOR) and services.can_see_unit(user, request.unit))
    return services.is_office_head(user, request.unit)


def next_step(letter: Letter) -> str | None:
    return next((step for source, _, step in SIGN_STEPS if source == letter.status), None)


@transaction.atomic
def letter_sign(*, letter: Letter, by: User) -> Letter:
    step = next_step(letter)
    if step is None:
        raise DomainError(f"文书状态为“{letter.get_status_display()}”，无需签批")
    if not may_sign(by, letter, step):
        raise DomainError(f"您不能以{STEP_LABELS[step]}身份签批这份文书")
    if conf.signoff_distinct_people() and not by.is_superuser:
        earlier = {letter.handler_signed_by_id, letter.reviewer_signed_by_id} - {None}
        if by.pk in earlier:
            raise DomainError("同一人不能签批同一文书的两个环节")
    now = timezone.now()
    setattr(letter, f"{step}_signed_by", by)
    setattr(letter, f"{step}_signed_at", now)
    letter.status = next(target for source, target, s in SIGN_STEPS if s == step)
    letter.save()
    services._event(letter.request, EventKind.LETTER, by=by, on=timezone.localdate(), before=letter.request.status,
                    note=f"{letter.get_kind_display()}：{STEP_LABELS[step]}签批")
    return letter


@transaction.atomic
def letter_cancel(*, letter: Letter, by: User | None) -> Letter:
    if letter.status == LetterStatus.SENT:
        raise DomainError("文书已发出，不能作废")
    letter.status = LetterStatus.CANCELLED
    letter.save()
    return letter


@transaction.atomic
def letter_send(*, letter: Letter, by: User | None, sent_on: dt.date) -> Letter:
    """Send an approved letter and apply what it carries to the case (the letter is the notice)."""
    if letter.status != LetterStatus.APPROVED:
        raise DomainError("文书须经经办人、审核人、工作机构负责人签批后才能发出")
    request, p = letter.request, letter.params
    match letter.kind:
        case LetterKind.CORRECTION:
            services.foi_request_request_correction(request=request, by=by, sent_on=sent_on, items=p["items"],
                                                    period_days=int(p.get("period_days") or 0) or None)
        case LetterKind.EXTENSION:
            services.foi_request_extend(request=request, by=by, approved_by=letter.head_signed_by, days=int(p["days"]),
                                        reason=p["reason"], notified_on=sent_on)
        case LetterKind.CONSULTATION:
            services.foi_consultation_open(request=request, by=by, kind=p.get("kind", "third_party"), party=p["party"],
                                           sent_on=sent_on)
        case LetterKind.FEE:
            services.foi_fee_notify(request=request, by=by, method=p["method"], notice_received_on=sent_on,
                                    position=p.get("position"), pages=p.get("pages"))
        case LetterKind.RECEIPT:
            pass
        case _:
            services.foi_request_reply(request=request, by=by, outcome=p["outcome"], replied_on=sent_on,
                                       summary=p.get("summary", ""))
    letter.status, letter.sent_on = LetterStatus.SENT, sent_on
    letter.body = _date_line(letter.body, sent_on)
    letter.save()
    services._event(request, EventKind.LETTER, by=by, on=sent_on, before=request.status,
                    note=f"发出{letter.get_kind_display()}")
    return letter


def _date_line(body: str, sent_on: dt.date) -> str:
    return body.replace(chinese_date(None), chinese_date(sent_on))


# ----------------------------------------------------------------------------------------------- rendering


def paragraphs(body: str) -> list[tuple[str, str]]:
    """(alignment, text) per paragraph; ">" marks right alignment."""
    result = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        for line in block.split("\n") if block.lstrip().startswith(">") else [block.replace("\n", "")]:
            text = line.strip()
            if not text:
                continue
            result.append(("right", text[1:].strip()) if text.startswith(">") else ("left", text))
    return result


def render_docx(letter: Letter) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def font(run, name: str, size: int, bold: bool = False) -> None:
        run.font.name, run.font.size, run.font.bold = name, Pt(size), bold
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)

    doc = Document()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(title.add_run(letter.title), "方正小标宋简体", 22)
    number = doc.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    font(number.add_run(letter.request.case_number), "仿宋_GB2312", 16)
    for align, text in paragraphs(letter.body):
        para = doc.add_paragraph()
        if align == "right":
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif not text.endswith("：") or len(text) > 30:
            para.paragraph_format.first_line_indent = Pt(32)
        font(para.add_run(text), "仿宋_GB2312", 16)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


PDF_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; @bottom-center { content: "— " counter(page) " —"; font-size: 10pt; } }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 15pt; line-height: 1.8; }
h1 { text-align: center; font-size: 21pt; font-weight: bold; margin: 0 0 0.6em; }
p.no { text-align: right; margin: 0 0 1em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.salutation { text-indent: 0; }
p.right { text-align: right; text-indent: 0; }
"""


def letter_html(letter: Letter) -> str:
    from django.utils.html import escape

    parts = [f"<h1>{escape(letter.title)}</h1>", f'<p class="no">{escape(letter.request.case_number)}</p>']
    for index, (align, text) in enumerate(paragraphs(letter.body)):
        css = "right" if align == "right" else ("salutation" if index == 0 and text.endswith("：") else "")
        parts.append(f'<p class="{css}">{escape(text)}</p>')
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(letter.title)}</title>'
            f"<style>{PDF_CSS}</style></head><body>{''.join(parts)}</body></html>")


def render_pdf(letter: Letter) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html(letter)).write_pdf()
