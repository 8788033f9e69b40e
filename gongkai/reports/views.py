"""Staff pages under /staff/reports/: list and progress, generate, edit, check, review, publish, download."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import Role
from gongkai.organisations.selectors import scope_root

from . import access, charts, deadlines, docx_writer, formats, selectors, services, similarity
from . import render as report_render
from .export import report_json
from .forms import GenerateForm, ImportSection2Form, NoteForm, Section2Form, TextsForm
from .models import AnnualReport, ReportStatus, Section2Upload
from .section2_import import import_upload
from .validation import Finding

DOWNLOAD_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


def _report(request, pk: int) -> AnnualReport:
    report = get_object_or_404(AnnualReport.objects.select_related("unit"), pk=pk)
    if not access.can_read(request.user, report):
        raise Http404
    return report


def download_response(report: AnnualReport, fmt: str, *, findings=None) -> HttpResponse:
    if fmt == "docx":
        body: bytes | str = docx_writer.docx_bytes(report)
    elif fmt == "pdf":
        body = report_render.pdf_bytes(report)
    elif fmt == "html":
        body = report_render.standalone_html(report)
    elif fmt == "json":
        body = json.dumps(report_json(report, findings), ensure_ascii=False, indent=2)
    else:
        raise Http404
    response = HttpResponse(body, content_type=DOWNLOAD_TYPES[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    from urllib.parse import quote

    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(report_render.filename(report, fmt))}"
    return response


def chart_response(report: AnnualReport, name: str) -> HttpResponse:
    chart = next((c for c in charts.report_charts(report) if c.name == name), None)
    if chart is None:
        raise Http404
    response = HttpResponse(chart.png, content_type="image/png")
    response["Cache-Control"] = "max-age=3600"
    return response


@login_required
def report_list(request):
    reports = selectors.visible_reports(request.user).order_by("-year", "unit__path", "scope")
    year = request.GET.get("year", "").strip()
    status = request.GET.get("status", "").strip()
    if year.isdigit():
        reports = reports.filter(year=int(year))
    if status in ReportStatus.values:
        reports = reports.filter(status=status)
    today = timezone.localdate()
    season = deadlines.report_year(today)
    root = scope_root(request.user)
    progress = []
    if request.user.has_role(Role.COORDINATOR, Role.LEADER) and root is not None:
        progress = deadlines.obligations(root=root, year=int(year) if year.isdigit() else season, on=today)
    form = GenerateForm(user=request.user)
    return render(request, "reports/staff_list.html", {
        "reports": reports[:200], "year": year, "status": status, "statuses": ReportStatus.choices,
        "progress": progress, "season": int(year) if year.isdigit() else season,
        "form": form if form.fields["unit"].queryset.exists() else None,
    })


@login_required
@require_POST
def report_generate(request):
    form = GenerateForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            report = services.report_generate(
                unit=form.cleaned_data["unit"], year=form.cleaned_data["year"], by=request.user,
                scope=form.cleaned_data["scope"] or None, fmt=form.cleaned_data["format"] or None,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "年度报告已生成：表三、表四已按系统数据统计，请补充正文和表二。")
            return redirect("reports:detail", report.pk)
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("reports:list")


def _marks(findings) -> dict[str, list[str]]:
    marks: dict[str, list[str]] = {}
    for finding in findings:
        for key in finding.cells:
            marks.setdefault(key, []).append("cell-error" if finding.blocking else "cell-warning")
    return marks


@login_required
def report_detail(request, pk: int):
    report = _report(request, pk)
    findings = selectors.report_findings(report, with_similarity=False)
    sim = selectors.report_similarity(report)
    from . import conf

    for comparison in sim.comparisons:
        if comparison.ratio >= conf.similar_report_warning():
            findings.append(Finding(
                "S1", "warning", f"内容雷同：本报告正文约{comparison.ratio:.0%}与{comparison.label}相似（{len(comparison.matches)}句）"))
    highlighted = []
    for field, heading in (("section1_text", "1"), ("section5_text", "5"), ("section6_text", "6")):
        matches = [m for m in sim.matches if m.section == field]
        if matches:
            highlighted.append((formats.SECTION_HEADINGS[heading], similarity.highlight(getattr(report, field), matches)))
    user = request.user
    context = report_render.document_context(
        report, chart_url=lambda name: reverse("reports:chart", args=[report.pk, name]), marks=_marks(findings))
    context.update({
        "findings": findings,
        "errors": [f for f in findings if f.blocking],
        "similarity": sim,
        "highlighted": highlighted,
        "events": report.events.select_related("by")[:50],
        "due": deadlines.due_date(report.unit, report.year),
        "sources": (report.statistics or {}).get("sources", {}),
        "can_compose": access.can_compose(user, report.unit) and report.status == ReportStatus.DRAFT,
        "can_review": access.can_review(user, report) and report.status == ReportStatus.IN_REVIEW,
        "can_publish": access.can_publish(user, report) and report.status == ReportStatus.APPROVED,
        "can_reopen": access.can_review(user, report) and report.status == ReportStatus.APPROVED,
        "can_withdraw": access.can_withdraw(user, report) and report.status == ReportStatus.PUBLISHED,
        "note_form": NoteForm(),
    })
    return render(request, "reports/staff_detail.html", context)


def _composer(request, pk: int) -> AnnualReport:
    report = _report(request, pk)
    if not access.can_compose(request.user, report.unit):
        raise PermissionDenied("您无权修改该报告")
    return report


@login_required
def report_edit(request, pk: int):
    report = _composer(request, pk)
    form = TextsForm.for_report(report, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update_texts(report=report, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "正文已保存")
            return redirect("reports:detail", report.pk)
    return render(request, "reports/staff_edit.html", {"report": report, "form": form})


@login_required
def report_section2(request, pk: int):
    report = _composer(request, pk)
    form = Section2Form(request.POST or None, report=report)
    import_form = ImportSection2Form()
    if request.method == "POST" and "file" in request.FILES:
        import_form = ImportSection2Form(request.POST, request.FILES)
        if import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            try:
                import_upload(report=report, by=request.user, name=upload.name, data=upload.read())
            except DomainError as exc:
                import_form.add_error("file", f"{exc.message}（文件已保存在下方导入记录中）")
            else:
                messages.success(request, f"已从“{upload.name}”导入表二数据")
                return redirect("reports:detail", report.pk)
        form = Section2Form(report=report)
    elif request.method == "POST" and form.is_valid():
        try:
            services.report_update_section2(report=report, by=request.user, cells=form.cells())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "表二已保存")
            return redirect("reports:detail", report.pk)
    rows = []
    for block in formats.section2_blocks(report.format):
        rows.append({"caption": block.caption, "headers": block.headers, "rows": [
            {"label": label, "source": report.section2_sources.get(row_id, ""),
             "fields": [form[f"{row_id}__{column}"] for column, _ in block.columns]}
            for row_id, label in block.rows]})
    return render(request, "reports/staff_section2.html", {
        "report": report, "form": form, "blocks": rows, "import_form": import_form,
        "uploads": report.section2_uploads.select_related("uploaded_by"),
        "sources": (report.statistics or {}).get("sources", {}),
    })


@login_required
def report_adjust(request, pk: int):
    """Table 三 and 四 as inputs: staff correct cells by hand, with a reason; R1–R4 are checked afterwards."""
    report = _composer(request, pk)
    error = ""
    if request.method == "POST":
        entered: dict[str, dict] = {"section3": {}, "section4": {}}
        for key, value in request.POST.items():
            parts = key.split(".")
            if len(parts) == 3 and parts[0] in entered:
                entered[parts[0]].setdefault(parts[1], {})[parts[2]] = value
        try:
            services.report_adjust_cells(report=report, by=request.user, section3=entered["section3"],
                                         section4=entered["section4"], reason=request.POST.get("reason", ""))
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, "统计数据已调整，请查看校验结果")
            return redirect("reports:detail", report.pk)
    grids = report_render.grids(report)
    return render(request, "reports/staff_adjust.html", {
        "report": report, "grid3": grids["section3"], "grid4": grids["section4"], "error": error,
        "reason": request.POST.get("reason", report.override_reason),
    })


@login_required
@require_POST
def report_recompute(request, pk: int):
    report = _composer(request, pk)
    try:
        services.report_recompute(report=report, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已按最新的依申请公开数据重新统计表三、表四")
    return redirect("reports:detail", report.pk)


@login_required
@require_POST
def report_redraft(request, pk: int):
    report = _composer(request, pk)
    sections = request.POST.getlist("section")
    try:
        services.report_redraft(report=report, by=request.user, sections=sections)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已重新生成初稿")
    return redirect("reports:detail", report.pk)


TRANSITION_SERVICES = {
    "submit": (services.report_submit, False, "已提交审核"),
    "return": (services.report_return, True, "已退回修改"),
    "approve": (services.report_approve, None, "审核通过"),
    "publish": (services.report_publish, False, "已在政府信息公开平台发布"),
    "withdraw": (services.report_withdraw, True, "已撤回，报告回到草稿状态"),
}


@login_required
@require_POST
def report_transition(request, pk: int, action: str):
    report = _report(request, pk)
    if action not in TRANSITION_SERVICES:
        raise Http404
    service, with_note, done = TRANSITION_SERVICES[action]
    kwargs = {"report": report, "by": request.user}
    if with_note is not False:
        kwargs["note"] = request.POST.get("note", "")
    try:
        service(**kwargs)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("reports:detail", report.pk)


@login_required
def report_download(request, pk: int, fmt: str):
    report = _report(request, pk)
    findings = selectors.report_findings(report, with_similarity=False) if fmt == "json" else None
    return download_response(report, fmt, findings=findings)


@login_required
def report_chart(request, pk: int, name: str):
    return chart_response(_report(request, pk), name)


@login_required
def section2_upload_download(request, pk: int, upload_pk: int):
    """A kept table 二 upload, for those who may compose the report."""
    report = _composer(request, pk)
    upload = get_object_or_404(Section2Upload, pk=upload_pk, report=report)
    try:
        handle = upload.original.open("rb")
    except FileNotFoundError as exc:
        raise Http404("文件不存在") from exc
    return FileResponse(handle, as_attachment=True, filename=upload.original_name)
