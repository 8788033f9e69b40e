"""Staff workspace for 依申请公开 (/staff/foi/): queues, registration, the case page, actions, letters."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.exceptions import DomainError
from gongkai.core.permissions import role_required
from gongkai.organisations.models import Role
from gongkai.organisations.selectors import visible_units

from . import forms as f
from . import letters, services, transfer
from .deadlines import compute_for
from .models import OPEN_STATUSES, Attachment, ClockPause, Letter, LetterKind, LetterStatus, Remedy, Status
from .privacy import applicant_view
from .selectors import can_handle, due_soon_and_overdue, queue_counts_by_unit, visible_requests
from .services import Application

ANY_STAFF = (Role.COORDINATOR, Role.LEADER, Role.LIAISON, Role.HANDLER, Role.REVIEWER)
WORKERS = (Role.COORDINATOR, Role.LIAISON, Role.HANDLER, Role.REVIEWER)
QUEUES = {
    "open": "未办结", "soon": "即将到期", "overdue": "已逾期", "pending": "待确认", "correction": "待补正",
    "fee": "待缴费", "replied": "待送达", "closed": "已办结",
}


def _case(request, pk):
    case = visible_requests(request.user).filter(pk=pk).first()
    if case is None:
        raise Http404("没有这件申请，或您无权查看")
    return case


def _agency_units(user):
    return f.agency_units().filter(pk__in=visible_units(user).values("pk"))


@role_required(*ANY_STAFF)
def index(request):
    qs = visible_requests(request.user)
    queue = request.GET.get("q", "open")
    unit_id = request.GET.get("unit")
    if unit_id and unit_id.isdigit():
        qs = qs.filter(unit_id=unit_id)
    soon, overdue = due_soon_and_overdue(qs)
    subsets = {
        "open": qs.filter(status__in=OPEN_STATUSES), "soon": soon, "overdue": overdue,
        "pending": qs.filter(status__in=[Status.PENDING_CONFIRMATION, Status.CONTACT_FAILED]),
        "correction": qs.filter(status=Status.AWAITING_CORRECTION), "fee": qs.filter(status=Status.AWAITING_FEE),
        "replied": qs.filter(status=Status.REPLIED), "closed": qs.exclude(status__in=OPEN_STATUSES),
    }
    rows = subsets.get(queue, subsets["open"])
    search = request.GET.get("s", "").strip()
    if search:
        rows = rows.filter(case_number__icontains=search) | rows.filter(title__icontains=search)
    rows = rows.order_by("due_on", "-id") if queue in ("open", "soon", "overdue") else rows.order_by("-id")
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(request, "foi_requests/staff/index.html", {
        "page": page, "queue": queue, "queues": [(k, v, subsets[k].count()) for k, v in QUEUES.items()],
        "per_unit": queue_counts_by_unit(request.user), "today": timezone.localdate(), "search": search,
        "can_work": request.user.has_role(*WORKERS),
    })


@role_required(*WORKERS)
def register(request):
    form = f.RegisterForm(request.POST or None, request.FILES or None, units=_agency_units(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.foi_request_register(
                unit=data["unit"], application=Application(**form.application_fields()), channel=data["channel"],
                arrived_on=data["arrived_on"], signed_on=data["signed_on"], confirmed_on=data["confirmed_on"],
                by=request.user, files=data["attachments"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已登记：{case}")
            return redirect("foi_requests:detail", pk=case.pk)
    return render(request, "foi_requests/staff/register.html", {"form": form})


def _action_forms(case, user):
    """The action forms the case page shows for its current status."""
    units = _agency_units(user) | visible_units(user).filter(parent=case.unit)
    actions = []
    allowed = services.allowed_actions(case)
    for action in allowed:
        if action in ("consult", "extend", "notify_fee", "reply", "request_correction", "close_consultation"):
            continue  # done through letters / listed separately
        if action in ("lapse_correction", "lapse_fee") and not _is_lapse_due(case, action):
            continue
        actions.append((action, services.ACTION_LABELS[action], _form_for(action, case, units)))
    return actions


def _is_lapse_due(case, action):
    today = timezone.localdate()
    limit = case.correction_due_on if action == "lapse_correction" else case.fee_due_on
    return limit is not None and today > limit


def _form_for(action, case, units, data=None):
    if action in ("accept", "assign"):
        return f.AssignForm(data, units=units.distinct(), initial={"handling_unit": case.handling_unit_id or case.unit_id,
                                                                    "handler": case.handler_id}, prefix=action)
    if action == "deliver":
        return f.DeliveryForm(data, prefix=action)
    if action in ("contact_failed", "withdraw"):
        return f.NoteDateForm(data, prefix=action)
    if action == "reopen":
        return f.ReopenForm(data, prefix=action)
    if action in ("confirm", "receive_correction", "pay_fee", "lapse_correction", "lapse_fee", "archive"):
        return f.DateForm(data, prefix=action)
    return f.EmptyForm(data, prefix=action)


def _run(action, case, user, d):
    match action:
        case "confirm":
            services.foi_request_confirm(request=case, on=d["on"], by=user)
        case "contact_failed":
            services.foi_request_contact_failed(request=case, on=d["on"], by=user, note=d["note"])
        case "start_review":
            services.foi_request_start_review(request=case, by=user)
        case "receive_correction":
            services.foi_request_receive_correction(request=case, by=user, received_on=d["on"])
        case "lapse_correction":
            services.foi_request_lapse_correction(request=case, by=user, on=d["on"])
        case "accept":
            services.foi_request_accept(request=case, by=user, handling_unit=d["handling_unit"], handler=d["handler"])
        case "assign":
            services.foi_request_assign(request=case, by=user, handling_unit=d["handling_unit"], handler=d["handler"])
        case "pay_fee":
            services.foi_fee_pay(request=case, by=user, paid_on=d["on"])
        case "lapse_fee":
            services.foi_fee_lapse(request=case, by=user, on=d["on"])
        case "deliver":
            services.foi_request_deliver(request=case, by=user, method=d["method"], posted_on=d["posted_on"],
                                         signed_on=d["signed_on"])
        case "archive":
            services.foi_request_archive(request=case, by=user, on=d["on"])
        case "withdraw":
            services.foi_request_withdraw(request=case, by=user, on=d["on"], note=d["note"])
        case "reopen":
            services.foi_request_reopen(request=case, by=user, on=d["on"], reason=d["reason"])
        case _:
            raise Http404("未知操作")


@role_required(*ANY_STAFF)
def detail(request, pk):
    case = _case(request, pk)
    applicant = applicant_view(request.user, case)
    deadline = compute_for(case) if case.is_open else None
    can_work = can_handle(request.user, case)
    letter_kinds = []
    if can_work and case.is_open:
        letter_kinds = [(LetterKind.RECEIPT, "登记回执")]
        if case.status in (Status.REGISTERED, Status.REVIEWING):
            letter_kinds.append((LetterKind.CORRECTION, "补正告知书"))
        if case.status == Status.PROCESSING:
            letter_kinds += [(LetterKind.CONSULTATION, "征求意见函"), (LetterKind.FEE, "收费通知书")]
        if case.status in (Status.REVIEWING, Status.PROCESSING) and not case.extension_days:
            letter_kinds.append((LetterKind.EXTENSION, "延期答复告知书"))
        if case.status in (Status.REGISTERED, Status.REVIEWING, Status.PROCESSING):
            letter_kinds.append(("reply", "答复书"))
    return render(request, "foi_requests/staff/detail.html", {
        "case": case, "applicant": applicant, "deadline": deadline, "can_work": can_work,
        "actions": _action_forms(case, request.user) if can_work else [],
        "letter_forms": [(k, label, f.LETTER_FORMS[k](prefix=f"l-{k}")) for k, label in letter_kinds],
        "events": case.events.select_related("actor"), "letters": case.letters.all(),
        "pauses": case.pauses.all(), "attachments": case.attachments.all(),
        "remedies": case.remedies.all(), "remedy_form": f.RemedyForm(prefix="remedy"),
        "close_form": f.ConsultationCloseForm, "flags": case.triage_flags,
    })


@require_POST
@role_required(*WORKERS)
def act(request, pk, action):
    case = _case(request, pk)
    if not can_handle(request.user, case):
        raise PermissionDenied("您无权办理这件申请")
    if action == "close_consultation":
        form = f.ConsultationCloseForm(request.POST)
        if form.is_valid():
            pause = get_object_or_404(ClockPause, pk=form.cleaned_data["pause"], request=case)
            try:
                services.foi_consultation_close(pause=pause, by=request.user, replied_on=form.cleaned_data["replied_on"],
                                                result=form.cleaned_data["result"])
                messages.success(request, "已登记征求意见结果")
            except DomainError as exc:
                messages.error(request, exc.message)
        return redirect("foi_requests:detail", pk=case.pk)
    if action not in services.TRANSITIONS:
        raise Http404("未知操作")
    units = _agency_units(request.user) | visible_units(request.user).filter(parent=case.unit)
    form = _form_for(action, case, units, request.POST)
    if form.is_valid():
        try:
            _run(action, case, request.user, form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已{services.ACTION_LABELS[action]}")
    else:
        messages.error(request, "；".join(f"{form.fields[k].label if k in form.fields else ''}{'、'.join(v)}"
                                         for k, v in form.errors.items()))
    return redirect("foi_requests:detail", pk=case.pk)


@require_POST
@role_required(*WORKERS)
def letter_new(request, pk, kind):
    case = _case(request, pk)
    if not can_handle(request.user, case) or kind not in f.LETTER_FORMS:
        raise PermissionDenied("您无权起草这份文书")
    form = f.LETTER_FORMS[kind](request.POST, prefix=f"l-{kind}")
    if not form.is_valid():
        messages.error(request, "；".join("、".join(v) for v in form.errors.values()))
        return redirect("foi_requests:detail", pk=case.pk)
    params = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    letter_kind = kind
    if kind == "reply":
        letter_kind = letters.reply_kind_for(params["outcome"], already_public=bool(params.pop("already_public", False)))
    try:
        letter = letters.letter_draft(request=case, kind=letter_kind, by=request.user, params=params)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("foi_requests:detail", pk=case.pk)
    return redirect("foi_requests:letter", pk=letter.pk)


def _letter(request, pk):
    letter = get_object_or_404(Letter.objects.select_related("request"), pk=pk)
    _case(request, letter.request_id)
    return letter


@role_required(*ANY_STAFF)
def letter_detail(request, pk):
    letter = _letter(request, pk)
    if request.method == "POST":
        op = request.POST.get("op")
        try:
            if op == "save":
                form = f.LetterBodyForm(request.POST)
                if form.is_valid():
                    letters.letter_update_body(letter=letter, body=form.cleaned_data["body"], by=request.user)
                    messages.success(request, "正文已保存")
            elif op == "sign":
                letters.letter_sign(letter=letter, by=request.user)
                messages.success(request, "已签批")
            elif op == "send":
                form = f.LetterSendForm(request.POST)
                if form.is_valid():
                    letters.letter_send(letter=letter, by=request.user, sent_on=form.cleaned_data["sent_on"])
                    messages.success(request, "文书已发出，办理状态已更新")
            elif op == "cancel":
                letters.letter_cancel(letter=letter, by=request.user)
                messages.success(request, "文书已作废")
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("foi_requests:letter", pk=letter.pk)
    step = letters.next_step(letter)
    return render(request, "foi_requests/staff/letter.html", {
        "letter": letter, "case": letter.request, "body_form": f.LetterBodyForm(initial={"body": letter.body}),
        "send_form": f.LetterSendForm(), "step": step, "step_label": letters.STEP_LABELS.get(step, ""),
        "may_sign": bool(step) and letters.may_sign(request.user, letter, step), "statuses": LetterStatus,
    })


@role_required(*ANY_STAFF)
def letter_download(request, pk, fmt):
    letter = _letter(request, pk)
    if fmt not in ("docx", "pdf"):
        raise Http404("只提供 DOCX 和 PDF")
    name = f"{letter.request.case_number or letter.request_id}-{letter.get_kind_display()}"
    if fmt == "docx":
        data, mime = letters.render_docx(letter), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        data, mime = letters.render_pdf(letter), "application/pdf"
    response = HttpResponse(data, content_type=mime)
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.{fmt}"
    return response


@role_required(*ANY_STAFF)
def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment, pk=pk)
    case = _case(request, attachment.request_id)
    from .privacy import can_see_personal_data

    if not can_see_personal_data(request.user, case):
        raise PermissionDenied("附件可能含申请人个人信息，您无权查看")
    from gongkai.core.audit import log_access

    log_access(user=request.user, obj=case, purpose=f"下载附件 {attachment.original_name}")
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


@require_POST
@role_required(*WORKERS)
def remedy_new(request, pk):
    case = _case(request, pk)
    form = f.RemedyForm(request.POST, prefix="remedy")
    if form.is_valid():
        try:
            services.foi_remedy_record(request=case, by=request.user, **form.cleaned_data)
            messages.success(request, "已登记复议/诉讼")
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "请填写类型和立案日期")
    return redirect("foi_requests:detail", pk=case.pk)


@role_required(*WORKERS)
def remedy_decide(request, pk):
    remedy = get_object_or_404(Remedy, pk=pk)
    if remedy.request_id:
        _case(request, remedy.request_id)
    elif not visible_units(request.user).filter(pk=remedy.unit_id).exists():
        raise Http404
    form = f.RemedyDecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.foi_remedy_decide(remedy=remedy, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "已登记审结结果")
            return redirect("foi_requests:detail", pk=remedy.request_id) if remedy.request_id else redirect(
                "foi_requests:remedies")
    return render(request, "foi_requests/staff/remedy_decide.html", {"form": form, "remedy": remedy})


@role_required(*ANY_STAFF)
def remedies(request):
    from gongkai.organisations.selectors import scope_queryset

    rows = scope_queryset(Remedy.objects.select_related("unit", "request"), request.user, "unit")
    return render(request, "foi_requests/staff/remedies.html", {"rows": rows})


@role_required(Role.COORDINATOR, Role.LIAISON)
def import_cases(request):
    form = f.ImportForm(request.POST or None, request.FILES or None, units=_agency_units(request.user))
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created = transfer.foi_import(unit=form.cleaned_data["unit"], data=upload.read(), filename=upload.name,
                                          by=request.user)
        except DomainError as exc:
            errors = exc.message.split("\n")
        else:
            messages.success(request, f"已导入{len(created)}件历史申请")
            return redirect(f"{reverse('foi_requests:index')}?q=closed")
    return render(request, "foi_requests/staff/import.html", {"form": form, "errors": errors,
                                                               "columns": transfer.COLUMNS})


@role_required(*ANY_STAFF)
def export_cases(request):
    qs = visible_requests(request.user)
    year = request.GET.get("year", "")
    if year.isdigit():
        qs = qs.filter(received_on__year=int(year))
    response = HttpResponse(transfer.export_xlsx(qs),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename=foi-{year or 'all'}.xlsx"
    return response
