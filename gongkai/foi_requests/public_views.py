"""The public side of 依申请公开 (/ysqgk/): the online application form, its receipt, and tracking.

Works without JavaScript. The tracking page shows status and dates only, never personal data."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from gongkai.core.exceptions import DomainError

from . import services
from .forms import ApplicationForm, TrackForm
from .models import FoiRequest, Status
from .services import Application

SESSION_KEY = "foi_submitted"

PUBLIC_STATUS = {
    Status.PENDING_CONFIRMATION: "已提交，待工作人员确认",
    Status.CONTACT_FAILED: "待确认（工作人员无法联系到您，请留意来电或主动联系）",
    Status.REGISTERED: "已登记", Status.REVIEWING: "审查中", Status.AWAITING_CORRECTION: "待您补正",
    Status.PROCESSING: "办理中", Status.AWAITING_FEE: "待缴纳信息处理费", Status.REPLIED: "已答复",
    Status.DELIVERED: "已答复并送达", Status.LAPSED: "已终止（视为放弃申请）", Status.WITHDRAWN: "已撤回",
    Status.ARCHIVED: "已办结",
}


def apply(request):
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.foi_request_submit(unit=form.cleaned_data["unit"],
                                               application=Application(**form.application_fields()),
                                               files=form.cleaned_data["attachments"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            request.session[SESSION_KEY] = case.tracking_code
            return redirect("foi_requests_public:receipt")
    return render(request, "foi_requests/public/apply.html", {"form": form})


def receipt(request):
    code = request.session.get(SESSION_KEY)
    case = FoiRequest.objects.filter(tracking_code=code).select_related("unit").first() if code else None
    if case is None:
        messages.info(request, "请输入查询码查询办理进度")
        return redirect("foi_requests_public:track")
    return render(request, "foi_requests/public/receipt.html", {"case": case})


def track(request):
    form = TrackForm(request.GET or None)
    case = None
    if request.GET and form.is_valid():
        case = FoiRequest.objects.filter(tracking_code=form.cleaned_data["code"]).select_related("unit").first()
        if case is None:
            form.add_error("code", "查询码不正确，请核对后重新输入")
    milestones = []
    if case is not None:
        milestones = [(label, day) for label, day in (
            ("提交日期", case.arrived_on), ("收到申请日期", case.received_on), ("答复期限", case.due_on if case.is_open else None),
            ("补正期限", case.correction_due_on if case.status == Status.AWAITING_CORRECTION else None),
            ("缴费期限", case.fee_due_on if case.status == Status.AWAITING_FEE else None),
            ("答复日期", case.concluded_on), ("送达日期", case.delivery_posted_on or case.delivery_signed_on),
        ) if day]
    return render(request, "foi_requests/public/track.html", {
        "form": form, "case": case, "status": PUBLIC_STATUS.get(case.status, "") if case else "",
        "milestones": milestones})
