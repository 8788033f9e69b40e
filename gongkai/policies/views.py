"""Staff workspace of the policy library (/staff/policies/). Views bind a form, call one service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.exceptions import DomainError
from gongkai.core.permissions import role_required
from gongkai.disclosure.services import may_review
from gongkai.organisations.models import Role, UnitKind
from gongkai.organisations.selectors import can_see_unit, visible_units

from . import forms, services
from .models import (
    VALID_STATUSES,
    CleanupStatus,
    DocumentStatus,
    GazetteArticle,
    GazetteStatus,
    Interpretation,
    PolicyDocument,
    RegistrationScheme,
)
from .selectors import (
    DocumentQueue,
    InterpretationQueue,
    document_queue,
    document_timing,
    evaluation_alerts,
    gazette_sections,
    interpretation_backlog,
    interpretation_queue,
    may_register,
    overdue_expiries,
    staff_cleanup_batches,
    staff_documents,
    staff_gazette_issues,
    staff_governments,
    staff_interpretations,
)
from .services.cleanup import batch_problems

WRITERS = (Role.HANDLER, Role.LIAISON, Role.COORDINATOR)


def _run(request, call, success: str) -> bool:
    """Call a service; report a refused operation (DomainError) to the user and keep their input."""
    try:
        call()
    except DomainError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


def _save(form, call) -> bool:
    """Validate a bound form and pass its cleaned data to a service; a refused call (DomainError) becomes an error
    on the form, so that the view re-renders it with the user's input."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except DomainError as exc:
        form.add_error(None, exc.message)
        return False
    return True


def _errors_text(form) -> str:
    """Every error of a bound form in one sentence, each led by its field's label: 撤回原因：该字段是必填项。"""
    return "；".join(f"{form.fields[name].label}：{error.rstrip('。')}" if name in form.fields else error.rstrip("。")
                    for name, errors in form.errors.items() for error in errors) + "。"


def _act(request, form, call, success: str) -> bool:
    """Validate an action form and call its service with the cleaned data. Invalid input or a refusal is reported
    as a message (naming the fields), shown even where the page no longer offers that action; the caller then
    re-renders the page with the bound form, which keeps the input and marks each error at its field."""
    if not form.is_valid():
        messages.error(request, _errors_text(form))
        return False
    return _run(request, lambda: call(form.cleaned_data), success)


def _document(request, pk) -> PolicyDocument:
    document = staff_documents(request.user).filter(pk=pk).select_related("item", "status_document").first()
    if document is None:
        raise Http404("没有这份文件，或您无权查看")
    return document


@login_required
def document_list(request):
    todo = request.GET.get("todo", "")
    documents = document_queue(request.user, todo) if todo in DocumentQueue.values else staff_documents(request.user)
    status = request.GET.get("status", "")
    if status in DocumentStatus.values:
        documents = documents.filter(status=status)
    q = request.GET.get("q", "").strip()
    if q:
        documents = documents.filter(title__icontains=q) | documents.filter(doc_number__icontains=q)
    page = Paginator(documents.order_by("-written_on", "-id"), 30).get_page(request.GET.get("page"))
    return render(request, "policies/staff/document_list.html", {
        "page": page, "statuses": DocumentStatus.choices, "status": status, "q": q,
        "queues": DocumentQueue.choices, "todo": todo, "can_write": request.user.has_role(*WRITERS),
    })


@role_required(*WRITERS)
def document_create(request):
    units = visible_units(request.user).exclude(kind=UnitKind.OFFICE)
    form = forms.DocumentForm(request.POST or None, units=units, initial={"unit": request.user.unit_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.policy_document_create(by=request.user, **data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "文件已录入，请上传原件并报审")
            return redirect("policies:document", document.pk)
    return render(request, "policies/staff/document_form.html", {"form": form, "title": "录入政策文件"})


@role_required(*WRITERS)
def document_edit(request, pk):
    document = _document(request, pk)
    units = visible_units(request.user).exclude(kind=UnitKind.OFFICE)
    fields = list(forms.DocumentForm.base_fields)
    initial = {name: getattr(document, name) for name in fields}
    form = forms.DocumentForm(request.POST or None, units=units, initial=initial)
    if document.is_published:
        for name in fields:
            if name not in services.documents.EDITABLE_AFTER_PUBLICATION:
                form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k in form.changed_data and k != "unit"}
        try:
            services.policy_document_update(document=document, by=request.user, **changes)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "已保存")
            return redirect("policies:document", document.pk)
    return render(request, "policies/staff/document_form.html", {"form": form, "title": f"修改：{document.title}",
                                                                 "document": document})


@login_required
def document_detail(request, pk):
    return _document_page(request, _document(request, pk))


def _document_page(request, document: PolicyDocument, **bound_forms):
    """The document page; `bound_forms` replace the blank action forms (a refused action keeps its input)."""
    user = request.user
    item = document.item
    today = timezone.localdate()
    context = {
        "document": document, "item": item, "events": document.events.select_related("related_document", "by"),
        "interpretations": staff_interpretations(user).filter(document=document),
        "timing": document_timing(document), "today": today,
        "can_write": user.has_role(*WRITERS) and can_see_unit(user, document.unit),
        "can_register": may_register(user, document),
        "can_review": item is not None and may_review(user, item),
        "register_form": forms.RegisterForm(initial={"on": today}),
        "attach_form": forms.AttachForm(), "submit_form": forms.NoteForm(), "approve_form": forms.ApproveForm(),
        "return_form": forms.ReturnForm(),
        "amend_form": forms.AmendForm(document=document, initial={"on": today}),
        "repeal_form": forms.RepealForm(document=document, initial={"on": today}),
        "expire_form": forms.ExpireForm(initial={"on": today}),
        "renew_form": forms.RenewForm(initial={"on": today}),
        "valid": document.status in VALID_STATUSES,
        **bound_forms,
    }
    return render(request, "policies/staff/document_detail.html", context)


ACTIONS = {
    # action: (form class, needs document kwarg, roles, service call, success message)
    "register": (forms.RegisterForm, False, (Role.COORDINATOR,),
                 lambda d, u, c: services.policy_document_register(document=d, by=u, on=c["on"]), "已统一登记、编号"),
    "submit": (forms.NoteForm, False, WRITERS,
               lambda d, u, c: services.policy_document_submit(document=d, by=u, note=c["note"]), "已提交审核"),
    "approve": (forms.ApproveForm, False, (Role.REVIEWER, Role.COORDINATOR),
                lambda d, u, c: services.policy_document_approve(document=d, by=u, **c), "审核已通过"),
    "return": (forms.ReturnForm, False, (Role.REVIEWER, Role.COORDINATOR),
               lambda d, u, c: services.policy_document_return(document=d, by=u, reason=c["reason"]), "已退回修改"),
    "amend": (forms.AmendForm, True, (Role.COORDINATOR, Role.LIAISON),
              lambda d, u, c: services.policy_document_amend(document=d, by=u, **c), "已登记修改，原文件页面已标注"),
    "repeal": (forms.RepealForm, True, (Role.COORDINATOR, Role.LIAISON),
               lambda d, u, c: services.policy_document_repeal(document=d, by=u, **c), "已废止，原文件页面已标注"),
    "expire": (forms.ExpireForm, False, (Role.COORDINATOR, Role.LIAISON),
               lambda d, u, c: services.policy_document_expire(document=d, by=u, **c), "已宣布失效，原文件页面已标注"),
    "renew": (forms.RenewForm, False, (Role.COORDINATOR,),
              lambda d, u, c: services.policy_document_renew(document=d, by=u, **c), "已重新登记，有效期重新计算"),
}


@require_POST
@login_required
def document_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    form_class, needs_document, roles, call, success = ACTIONS[action]
    document = _document(request, pk)
    if not request.user.has_role(*roles):
        messages.error(request, "您的角色不能办理此事项")
        return redirect("policies:document", pk)
    form = form_class(request.POST, document=document) if needs_document else form_class(request.POST)
    if _act(request, form, lambda data: call(document, request.user, data), success):
        return redirect("policies:document", pk)
    # Re-read: a refused service may have changed the instance in memory before it raised.
    return _document_page(request, _document(request, pk), **{f"{action}_form": form})


@require_POST
@role_required(*WRITERS)
def document_attach(request, pk):
    document = _document(request, pk)
    form = forms.AttachForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        _run(request, lambda: services.policy_document_attach(document=document, by=request.user, name=upload.name,
                                                              data=upload.read()), f"原件“{upload.name}”已上传")
    else:
        messages.error(request, "请选择要上传的原件")
    return redirect("policies:document", pk)


@role_required(*WRITERS)
def interpretation_create(request, pk):
    document = _document(request, pk)
    form = forms.InterpretationEditForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        media = data.pop("media")
        try:
            interpretation = services.interpretation_create(
                document=document, by=request.user, media=ContentFile(media.read(), name=media.name) if media else None,
                **data,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "解读已保存，请报审")
            return redirect("policies:interpretation", interpretation.pk)
    return render(request, "policies/staff/interpretation_form.html", {"form": form, "document": document})


@login_required
def interpretation_list(request):
    todo = request.GET.get("todo", "")
    interpretations = (interpretation_queue(request.user, todo) if todo in InterpretationQueue.values
                       else staff_interpretations(request.user))
    q = request.GET.get("q", "").strip()
    if q:
        interpretations = interpretations.filter(Q(title__icontains=q) | Q(document__title__icontains=q))
    page = Paginator(interpretations.select_related("item").order_by("-id"), 30).get_page(request.GET.get("page"))
    return render(request, "policies/staff/interpretation_list.html", {
        "page": page, "queues": InterpretationQueue.choices, "todo": todo, "q": q,
    })


def _interpretation(request, pk) -> Interpretation:
    interpretation = staff_interpretations(request.user).filter(pk=pk).select_related("item").first()
    if interpretation is None:
        raise Http404("没有这条解读，或您无权查看")
    return interpretation


@login_required
def interpretation_detail(request, pk):
    return _interpretation_page(request, _interpretation(request, pk))


def _interpretation_page(request, interpretation: Interpretation, **bound_forms):
    """The interpretation page; `bound_forms` replace the blank action forms (a refused action keeps its input)."""
    item = interpretation.item
    return render(request, "policies/staff/interpretation_detail.html", {
        "interpretation": interpretation, "document": interpretation.document, "item": item,
        "timing": document_timing(interpretation.document),
        "can_write": request.user.has_role(*WRITERS), "can_review": item is not None and may_review(request.user, item),
        "approve_form": forms.ApproveForm(), "return_form": forms.ReturnForm(), "withdraw_form": forms.WithdrawForm(),
        **bound_forms,
    })


INTERPRETATION_ACTIONS = {
    "submit": (forms.NoteForm, WRITERS, lambda i, u, c: services.interpretation_submit(
        interpretation=i, by=u, note=c["note"]), "已提交审核"),
    "approve": (forms.ApproveForm, (Role.REVIEWER, Role.COORDINATOR), lambda i, u, c: services.interpretation_approve(
        interpretation=i, by=u, **c), "审核已通过"),
    "return": (forms.ReturnForm, (Role.REVIEWER, Role.COORDINATOR), lambda i, u, c: services.interpretation_return(
        interpretation=i, by=u, reason=c["reason"]), "已退回修改"),
    "withdraw": (forms.WithdrawForm, (Role.COORDINATOR, Role.LIAISON, Role.REVIEWER),
                 lambda i, u, c: services.interpretation_withdraw(interpretation=i, by=u, reason=c["reason"]), "已撤回"),
}


@require_POST
@login_required
def interpretation_action(request, pk, action):
    if action not in INTERPRETATION_ACTIONS:
        raise Http404
    form_class, roles, call, success = INTERPRETATION_ACTIONS[action]
    interpretation = _interpretation(request, pk)
    if not request.user.has_role(*roles):
        messages.error(request, "您的角色不能办理此事项")
        return redirect("policies:interpretation", pk)
    form = form_class(request.POST)
    if _act(request, form, lambda data: call(interpretation, request.user, data), success):
        return redirect("policies:interpretation", pk)
    return _interpretation_page(request, _interpretation(request, pk), **{f"{action}_form": form})


@login_required
def alerts(request):
    today = timezone.localdate()
    documents = staff_documents(request.user)
    return render(request, "policies/staff/alerts.html", {
        "today": today, "evaluation": evaluation_alerts(documents, on=today),
        "backlog": interpretation_backlog(documents, today=today),
        "overdue": overdue_expiries(documents, on=today),
    })


@role_required(Role.COORDINATOR)
def cleanup_list(request):
    batches = staff_cleanup_batches(request.user).select_related("government")
    status = request.GET.get("status", "")
    if status in CleanupStatus.values:
        batches = batches.filter(status=status)
    return render(request, "policies/staff/cleanup_list.html", {
        "batches": batches, "statuses": CleanupStatus.choices, "status": status})


@role_required(Role.COORDINATOR)
def cleanup_create(request):
    government = request.user.unit.government if request.user.unit else None
    if government is None:
        raise Http404
    candidates = PolicyDocument.objects.filter(government=government, status__in=VALID_STATUSES).order_by(
        "expires_on", "-published_on")
    due = {d.pk for d in evaluation_alerts(candidates, on=timezone.localdate())}
    form = forms.CleanupCreateForm(request.POST or None, candidates=candidates,
                                   initial={"documents": list(due), "title": f"{timezone.localdate().year}年规范性文件清理"})
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.cleanup_batch_create(government=government, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("policies:cleanup", batch.pk)
    return render(request, "policies/staff/cleanup_create.html", {"form": form, "government": government})


@role_required(Role.COORDINATOR)
def cleanup_detail(request, pk):
    batch = get_object_or_404(staff_cleanup_batches(request.user), pk=pk)
    entries = list(batch.entries.select_related("document", "related_document"))
    candidates = list(forms.related_candidates(batch.government_id))  # one read for every entry's select
    decide_forms = {
        e.pk: forms.CleanupDecideForm(prefix=f"e{e.pk}", document=e.document, candidates=candidates, initial={
            "decision": e.decision, "reason": e.reason, "related_document": e.related_document_id, "renew": e.renew})
        for e in entries
    }
    apply_form = forms.CleanupApplyForm(government=batch.government, initial={
        "on": timezone.localdate(), "decision_document": batch.decision_document_id})
    if request.method == "POST" and batch.status == CleanupStatus.OPEN:
        if "apply" in request.POST:
            apply_form = forms.CleanupApplyForm(request.POST, government=batch.government)
            if _save(apply_form, lambda data: services.cleanup_batch_apply(batch=batch, by=request.user, **data)):
                messages.success(request, "清理结果已执行")
                return redirect("policies:cleanup", pk)
        else:
            entry = next((e for e in entries if str(e.pk) == request.POST.get("entry")), None)
            if entry is None:
                raise Http404
            form = forms.CleanupDecideForm(request.POST, prefix=f"e{entry.pk}", document=entry.document,
                                           candidates=candidates)
            decide_forms[entry.pk] = form
            if _save(form, lambda data: services.cleanup_entry_decide(entry=entry, **data)):
                messages.success(request, "已保存清理意见")
                return redirect("policies:cleanup", pk)
    return render(request, "policies/staff/cleanup_detail.html", {
        "batch": batch, "rows": [(e, decide_forms[e.pk]) for e in entries],
        "problems": batch_problems(batch) if batch.status == CleanupStatus.OPEN else [], "apply_form": apply_form,
    })


@login_required
def gazette_list(request):
    issues = staff_gazette_issues(request.user).select_related("government")
    status = request.GET.get("status", "")
    if status in GazetteStatus.values:
        issues = issues.filter(status=status)
    form = None
    if request.user.has_role(Role.COORDINATOR):
        today = timezone.localdate()
        form = forms.GazetteIssueForm(request.POST or None, governments=staff_governments(request.user), initial={
            "government": request.user.unit.government if request.user.unit else None, "year": today.year,
            "issued_on": today})
        if request.method == "POST" and form.is_valid():
            try:
                issue = services.gazette_issue_create(**form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect("policies:gazette_issue", issue.pk)
    return render(request, "policies/staff/gazette_list.html", {
        "issues": issues, "form": form, "statuses": GazetteStatus.choices, "status": status})


@login_required
def gazette_issue(request, pk):
    issue = get_object_or_404(staff_gazette_issues(request.user), pk=pk)
    form = forms.GazetteArticleForm(issue=issue)
    if request.method == "POST":
        if not request.user.has_role(Role.COORDINATOR):
            messages.error(request, "只有公开办管理员可以编辑公报")
        elif "publish" in request.POST:
            _run(request, lambda: services.gazette_issue_publish(issue=issue, by=request.user), "公报已出版，PDF已生成")
        elif "pdf" in request.POST:
            _run(request, lambda: services.gazette_issue_generate_pdf(issue=issue), "PDF已生成")
        elif "remove" in request.POST:
            article = get_object_or_404(GazetteArticle, pk=request.POST["remove"], issue=issue)
            _run(request, lambda: services.gazette_article_remove(article=article), "已移出本期")
        else:
            form = forms.GazetteArticleForm(request.POST, issue=issue)
            if not _save(form, lambda data: services.gazette_article_add(issue=issue, **data)):
                return render(request, "policies/staff/gazette_issue.html",
                              {"issue": issue, "sections": gazette_sections(issue), "form": form})
            messages.success(request, "已加入本期")
        return redirect("policies:gazette_issue", pk)
    return render(request, "policies/staff/gazette_issue.html", {"issue": issue, "sections": gazette_sections(issue),
                                                                  "form": form})


@role_required(Role.COORDINATOR)
def scheme(request):
    government = request.user.unit.government if request.user.unit else None
    if government is None:
        raise Http404
    current = RegistrationScheme.objects.filter(government=government).first()
    form = forms.SchemeForm(request.POST or None, initial={"prefix": current.prefix, "number_format": current.number_format}
                            if current else None)
    if request.method == "POST" and form.is_valid():
        if _run(request, lambda: services.registration_scheme_set(government=government, **form.cleaned_data),
                "统一编号规则已保存"):
            return redirect("policies:scheme")
    example = services.registration_number_text(government=government, year=timezone.localdate().year, serial=1)
    return render(request, "policies/staff/scheme.html", {"form": form, "government": government, "example": example})
