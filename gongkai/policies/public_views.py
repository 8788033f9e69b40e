"""The public policy library at /zcwj/: 规范性文件库, 现行有效目录, 政策解读, 政府公报. No JavaScript needed."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from gongkai.organisations.models import Unit

from .models import (
    PUBLISHED_STATUSES,
    DocumentKind,
    DocumentStatus,
    EventAction,
    GazetteArticle,
    GazetteStatus,
    Interpretation,
    PolicyDocument,
)
from .selectors import (
    PUBLIC_DOCUMENT,
    PUBLIC_INTERPRETATION,
    LibraryFilters,
    document_timing,
    documents_in_force,
    gazette_sections,
    library_documents,
    library_facets,
    public_documents,
    public_gazette_issues,
    public_interpretations,
)

PAGE_SIZE = 20
STATUS_FILTERS = [(s.value, s.label) for s in DocumentStatus if s.value in PUBLISHED_STATUSES]


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def library(request):
    facets = library_facets()
    organ_id = _int(request.GET.get("organ"))
    filters = LibraryFilters(
        organ=Unit.objects.filter(pk=organ_id).first() if organ_id else None,
        year=_int(request.GET.get("year")),
        status=request.GET.get("status", "") if request.GET.get("status") in dict(STATUS_FILTERS) else "",
        topic=request.GET.get("topic", "").strip(),
        kind=request.GET.get("kind", "") if request.GET.get("kind") in DocumentKind.values else "",
        q=request.GET.get("q", "").strip()[:100],
    )
    page = Paginator(library_documents(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "policies/public/library.html", {
        "page": page, "filters": filters, "facets": facets, "statuses": STATUS_FILTERS, "kinds": DocumentKind.choices,
        "today": timezone.localdate(),
    })


def in_force(request):
    governments = Unit.objects.filter(pk__in=public_documents().values("government_id")).order_by("path")
    government = governments.filter(pk=_int(request.GET.get("government"))).first() or governments.first()
    documents = list(documents_in_force(government=government)) if government else []
    groups = [(label, [d for d in documents if d.kind == value]) for value, label in DocumentKind.choices]
    return render(request, "policies/public/in_force.html", {
        "governments": governments, "government": government, "groups": [g for g in groups if g[1]],
        "total": len(documents), "today": timezone.localdate(),
    })


def _public_document(pk: int) -> PolicyDocument:
    return get_object_or_404(
        PolicyDocument.objects.filter(PUBLIC_DOCUMENT).select_related("unit", "drafting_unit", "status_document", "item"),
        pk=pk,
    )


def document_detail(request, pk: int):
    document = _public_document(pk)
    ledger = document.events.filter(
        action__in=(EventAction.PUBLISHED, EventAction.AMENDED, EventAction.REPEALED, EventAction.EXPIRED,
                    EventAction.RENEWED)
    ).select_related("related_document")
    affected = public_documents().filter(
        events__related_document=document, events__action__in=(EventAction.AMENDED, EventAction.REPEALED),
    ).distinct()
    today = timezone.localdate()
    return render(request, "policies/public/document.html", {
        "document": document, "interpretations": public_interpretations(document), "ledger": ledger,
        "affected": affected, "today": today, "not_yet_effective": document.not_yet_effective(today),
        "gazette_articles": document.gazette_articles.filter(issue__status=GazetteStatus.PUBLISHED)
        .select_related("issue__government"),
    })


def document_original(request, pk: int):
    document = _public_document(pk)
    if not document.original:
        raise Http404("该文件没有原件")
    return FileResponse(document.original.open("rb"), as_attachment=True,
                        filename=document.original_name or document.original.name.rsplit("/", 1)[-1])


def interpretation_list(request):
    items = Interpretation.objects.filter(PUBLIC_INTERPRETATION).select_related("document", "unit")
    form = request.GET.get("form", "")
    if form:
        items = items.filter(form=form)
    page = Paginator(items.order_by("-published_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    from .models import InterpretationForm

    return render(request, "policies/public/interpretation_list.html", {
        "page": page, "forms": InterpretationForm.choices, "form_filter": form,
    })


def _public_interpretation(pk: int) -> Interpretation:
    return get_object_or_404(
        Interpretation.objects.filter(PUBLIC_INTERPRETATION).select_related("document", "unit"), pk=pk,
        document__status__in=PUBLISHED_STATUSES, document__item__status="published",
    )


def interpretation_detail(request, pk: int):
    interpretation = _public_interpretation(pk)
    document = interpretation.document
    siblings = public_interpretations(document).exclude(pk=interpretation.pk)
    return render(request, "policies/public/interpretation.html", {
        "interpretation": interpretation, "document": document, "siblings": siblings,
        "timing": document_timing(document),
    })


def interpretation_media(request, pk: int):
    interpretation = _public_interpretation(pk)
    if not interpretation.media:
        raise Http404("该解读没有附件")
    return FileResponse(interpretation.media.open("rb"),
                        filename=interpretation.media_name or interpretation.media.name.rsplit("/", 1)[-1])


def gazette_list(request):
    issues = public_gazette_issues().order_by("-year", "-number")
    year = _int(request.GET.get("year"))
    years = sorted(set(issues.values_list("year", flat=True)), reverse=True)
    if year:
        issues = issues.filter(year=year)
    return render(request, "policies/public/gazette_list.html", {"issues": issues, "years": years, "year": year})


def gazette_issue(request, pk: int):
    issue = get_object_or_404(public_gazette_issues(), pk=pk)
    return render(request, "policies/public/gazette_issue.html", {"issue": issue, "sections": gazette_sections(issue)})


def gazette_pdf(request, pk: int):
    issue = get_object_or_404(public_gazette_issues(), pk=pk)
    if not issue.pdf:
        raise Http404("本期公报的PDF尚未生成")
    return FileResponse(issue.pdf.open("rb"), content_type="application/pdf",
                        filename=f"{issue.gazette_name}{issue.year}年第{issue.number}期.pdf")


def gazette_article(request, pk: int):
    article = get_object_or_404(
        GazetteArticle.objects.select_related("issue__government", "document"), pk=pk,
        issue__status=GazetteStatus.PUBLISHED,
    )
    return render(request, "policies/public/gazette_article.html", {"article": article, "issue": article.issue})
