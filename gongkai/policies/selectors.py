"""Reads of the policy library that views, other apps and reports use.

Contract 5 (annual report): `normative_document_counts(*, unit, year)` and `interpretation_facts(*, unit, year)`.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from django.db import models
from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from gongkai.core.calendar import work_calendar
from gongkai.disclosure.models import ItemStatus
from gongkai.organisations.models import Role, Unit, UnitKind
from gongkai.organisations.selectors import scope_root, visible_units

from . import conf, validity
from .models import (
    PUBLISHED_STATUSES,
    VALID_STATUSES,
    CleanupBatch,
    DocumentKind,
    DocumentStatus,
    GazetteIssue,
    GazetteStatus,
    Interpretation,
    InterpretationForm,
    InterpretationStatus,
    PolicyDocument,
)
from .timing import InterpretationTiming, interpretation_timing


def staff_documents(user) -> QuerySet[PolicyDocument]:
    """Documents a staff member may see: issued or drafted by a unit in the user's scope."""
    qs = PolicyDocument.objects.select_related("unit", "government", "drafting_unit")
    if not user.is_authenticated:
        return qs.none()
    root = scope_root(user)
    if root is None:
        return qs
    return qs.filter(Q(unit__path__startswith=root.path) | Q(drafting_unit__path__startswith=root.path))


def staff_interpretations(user) -> QuerySet[Interpretation]:
    qs = Interpretation.objects.select_related("document", "unit")
    if not user.is_authenticated:
        return qs.none()
    root = scope_root(user)
    if root is None:
        return qs
    return qs.filter(Q(unit__path__startswith=root.path) | Q(document__unit__path__startswith=root.path))


def staff_governments(user) -> QuerySet[Unit]:
    """The governments in the user's scope (a city's coordinator also sees its districts')."""
    return visible_units(user).filter(kind=UnitKind.GOVERNMENT)


def staff_gazette_issues(user) -> QuerySet[GazetteIssue]:
    return GazetteIssue.objects.filter(government__in=staff_governments(user))


def staff_cleanup_batches(user) -> QuerySet[CleanupBatch]:
    return CleanupBatch.objects.filter(government__in=staff_governments(user))


# To-do lists (待办). The staff lists filter by them (?todo=…) and the workspace counts the very same querysets,
# so that a count on the workspace is the length of the list it links to.


class DocumentQueue(models.TextChoices):
    UNPUBLISHED = "unpublished", "未发布的文件"
    RETURNED = "returned", "被退回修改的文件"
    IN_REVIEW = "in_review", "待审核的文件"
    TO_REGISTER = "to_register", "待统一登记的规范性文件"


UNPUBLISHED_STATUSES = (DocumentStatus.DRAFT, DocumentStatus.REGISTERED)


def registering_government(user) -> Unit | None:
    """The government whose documents `user` registers (统一登记): a coordinator's own government only."""
    if not user.is_authenticated or not user.has_role(Role.COORDINATOR) or not user.unit_id:
        return None
    return user.unit.government


def may_register(user, document: PolicyDocument) -> bool:
    if user.is_superuser:
        return True
    government = registering_government(user)
    return government is not None and government.pk == document.government_id


def document_queue(user, queue: DocumentQueue) -> QuerySet[PolicyDocument]:
    """The user's documents on a to-do list. 待统一登记 lists only drafts of the user's own government: each
    government registers its own documents, so a city's coordinator sees its districts' drafts but does not
    register them."""
    documents = staff_documents(user)
    match queue:
        case DocumentQueue.UNPUBLISHED:
            return documents.filter(status__in=UNPUBLISHED_STATUSES)
        case DocumentQueue.RETURNED:
            return documents.filter(status__in=UNPUBLISHED_STATUSES, item__status=ItemStatus.RETURNED)
        case DocumentQueue.IN_REVIEW:
            return documents.filter(item__status=ItemStatus.IN_REVIEW)
        case DocumentQueue.TO_REGISTER:
            documents = documents.filter(status=DocumentStatus.DRAFT, kind=DocumentKind.NORMATIVE)
            if user.is_superuser:
                return documents
            government = registering_government(user)
            return documents.filter(government=government) if government else documents.none()
    raise ValueError(f"unknown document queue {queue}")


class InterpretationQueue(models.TextChoices):
    UNPUBLISHED = "unpublished", "未发布的解读"
    IN_REVIEW = "in_review", "待审核的解读"


def interpretation_queue(user, queue: InterpretationQueue) -> QuerySet[Interpretation]:
    interpretations = staff_interpretations(user)
    match queue:
        case InterpretationQueue.UNPUBLISHED:
            return interpretations.filter(status=InterpretationStatus.DRAFT)
        case InterpretationQueue.IN_REVIEW:
            return interpretations.filter(item__status=ItemStatus.IN_REVIEW)
    raise ValueError(f"unknown interpretation queue {queue}")


# Public = published in the library AND its disclosure item is on the platform (withdrawal there hides it here).
PUBLIC_DOCUMENT = Q(status__in=PUBLISHED_STATUSES, item__status="published")
PUBLIC_INTERPRETATION = Q(status=InterpretationStatus.PUBLISHED, item__status="published")


def public_documents() -> QuerySet[PolicyDocument]:
    return PolicyDocument.objects.filter(PUBLIC_DOCUMENT).select_related("unit")


def readable_documents(user) -> QuerySet[PolicyDocument]:
    """Documents a user may look up or see named: those in their staff scope and every public one. Any other
    document (another unit's draft) must be to them as if it did not exist, in lists and in error messages."""
    return staff_documents(user) | PolicyDocument.objects.filter(PUBLIC_DOCUMENT)


@dataclass(frozen=True)
class LibraryFilters:
    organ: Unit | None = None  # 发文机关 (the issuing unit)
    year: int | None = None
    status: str = ""
    topic: str = ""
    kind: str = ""
    q: str = ""


def library_documents(filters: LibraryFilters) -> QuerySet[PolicyDocument]:
    qs = public_documents()
    if filters.organ is not None:
        qs = qs.filter(unit=filters.organ)
    if filters.year:
        qs = qs.filter(published_on__year=filters.year)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.topic:
        qs = qs.filter(topic__startswith=filters.topic)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.q:
        qs = qs.filter(Q(title__icontains=filters.q) | Q(doc_number__icontains=filters.q))
    return qs.order_by("-published_on", "-id")


def library_facets() -> dict:
    """Values for the public filter form: organs, years and topics that occur in the library."""
    published = PolicyDocument.objects.filter(PUBLIC_DOCUMENT)
    organ_ids = published.values_list("unit_id", flat=True).distinct()
    years = sorted({d.year for d in published.values_list("published_on", flat=True) if d}, reverse=True)
    topics = sorted({t.split("\\")[0] for t in published.exclude(topic="").values_list("topic", flat=True)})
    return {"organs": Unit.objects.filter(pk__in=organ_ids).order_by("path"), "years": years, "topics": topics}


def documents_in_force(*, government: Unit | None = None, on: dt.date | None = None) -> QuerySet[PolicyDocument]:
    """现行有效 documents (有效 and 已修改) of a government, ordered by 文号 year and serial."""
    qs = public_documents().filter(status__in=VALID_STATUSES)
    if government is not None:
        qs = qs.filter(government=government)
    if on is not None:
        qs = qs.filter(published_on__lte=on)
    return qs.order_by("kind", "-doc_year", "-doc_serial", "-published_on")


def evaluation_alerts(queryset: QuerySet[PolicyDocument], *, on: dt.date) -> list[PolicyDocument]:
    """Documents in force whose 评估 window (届满前 6 个月) is open on `on`, soonest expiry first."""
    horizon = validity.add_months(on, conf.evaluation_lead_months()) + dt.timedelta(days=3)
    candidates = queryset.filter(status__in=VALID_STATUSES, expires_on__gte=on, expires_on__lte=horizon)
    return [d for d in candidates.order_by("expires_on", "id") if validity.evaluation_opens_on(d.expires_on) <= on]


def overdue_expiries(queryset: QuerySet[PolicyDocument], *, on: dt.date) -> QuerySet[PolicyDocument]:
    """Documents still shown as in force though their term has ended (run `gongkai policies expire`)."""
    return queryset.filter(status__in=VALID_STATUSES, expires_on__lt=on)


def public_interpretations(document: PolicyDocument) -> QuerySet[Interpretation]:
    return document.interpretations.filter(PUBLIC_INTERPRETATION).order_by("published_on", "id")


def document_timing(document: PolicyDocument, *, today: dt.date | None = None,
                    calendar=None) -> InterpretationTiming | None:
    """The 3-working-day check for a published document that needs an interpretation. Pass `calendar` when
    checking many documents."""
    if not document.published_on or not document.needs_interpretation:
        return None
    first = getattr(document, "first_interpreted_on", None)
    if first is None and not hasattr(document, "first_interpreted_on"):
        first = public_interpretations(document).aggregate(m=Min("published_on"))["m"]
    return interpretation_timing(
        document_published_on=document.published_on, interpretation_published_on=first,
        calendar=calendar or work_calendar(),
        today=today or timezone.localdate(),
    )


def with_first_interpretation(queryset: QuerySet[PolicyDocument]) -> QuerySet[PolicyDocument]:
    return queryset.annotate(first_interpreted_on=Min(
        "interpretations__published_on", filter=Q(interpretations__status=InterpretationStatus.PUBLISHED)
    ))


def interpretation_backlog(queryset: QuerySet[PolicyDocument], *, today: dt.date) -> list[tuple]:
    """Documents in force needing an interpretation that was late or is still missing after the due day:
    [(document, timing)], most overdue first. Only documents published since 1 January of the previous year
    are considered (the years an annual report or an inspection still looks at)."""
    since = dt.date(today.year - 1, 1, 1)
    docs = with_first_interpretation(queryset.filter(
        status__in=VALID_STATUSES, needs_interpretation=True, published_on__gte=since, item__status="published",
    ))
    rows = []
    calendar = work_calendar()
    for document in docs:
        timing = document_timing(document, today=today, calendar=calendar)
        if timing is not None and timing.on_time is False:
            rows.append((document, timing))
    rows.sort(key=lambda r: -r[1].working_days_late)
    return rows


def _kind_counts(unit: Unit, year: int, kind: str) -> dict:
    docs = PolicyDocument.objects.filter(unit=unit, kind=kind, status__in=PUBLISHED_STATUSES)
    year_end = dt.date(year, 12, 31)
    ended = Q(status__in=(DocumentStatus.REPEALED, DocumentStatus.EXPIRED), status_on__lte=year_end)
    return {
        "issued": docs.filter(published_on__year=year).count(),
        "repealed": docs.filter(status=DocumentStatus.REPEALED, status_on__year=year).count(),
        "in_force": docs.filter(published_on__lte=year_end).exclude(ended).count(),
    }


def normative_document_counts(*, unit: Unit, year: int) -> dict:
    """Annual report section 二, 第二十条第（一）项 (30号 format): 规章 and 行政规范性文件 issued in `year`
    (本年制发件数, by 发布日期), repealed in `year` (本年废止件数, 废止 only — 到期失效 is not 废止) and in force
    at the end of `year` (现行有效件数, 有效 or 已修改 on 31 December). Counted for the issuing unit.
    """
    return {
        "rules": _kind_counts(unit, year, DocumentKind.RULE),
        "normative": _kind_counts(unit, year, DocumentKind.NORMATIVE),
    }


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def interpretation_facts(*, unit: Unit, year: int) -> dict:
    """Interpretation figures of `unit` for `year` (contract 5).

    * count: interpretations published in the year by the unit;
    * documents: documents the unit interpreted in the year; multi_form_documents / multi_form_rate: those whose
      published interpretations use at least GONGKAI_POLICIES_MULTI_FORM_MIN_FORMS (2) distinct forms (政策解读
      形式单一 is a recurring finding, §8.3);
    * on_time / late / on_time_rate: of those documents, whether the first interpretation came within 3 working
      days of the document's publication (§2.5); rates are fractions 0–1, None without a denominator;
    * missing: the unit's documents published in the year that need an interpretation and have none;
    * by_form: {form label: count}; provisional: a year without a holiday schedule was involved (暂定).
    """
    published = Interpretation.objects.filter(status=InterpretationStatus.PUBLISHED)
    this_year = published.filter(unit=unit, published_on__year=year)
    by_form: dict[str, int] = {}
    for form in this_year.values_list("form", flat=True):
        label = InterpretationForm(form).label
        by_form[label] = by_form.get(label, 0) + 1
    doc_ids = set(this_year.values_list("document_id", flat=True))
    documents = with_first_interpretation(PolicyDocument.objects.filter(pk__in=doc_ids))
    forms_by_doc: dict[int, set[str]] = {}
    for doc_id, form in published.filter(document_id__in=doc_ids, published_on__lte=dt.date(year, 12, 31)).values_list(
        "document_id", "form"
    ):
        forms_by_doc.setdefault(doc_id, set()).add(form)
    multi = sum(1 for forms in forms_by_doc.values() if len(forms) >= conf.multi_form_min_forms())
    calendar, on_time, late, provisional = work_calendar(), 0, 0, False
    for document in documents:
        if not document.published_on or document.first_interpreted_on is None:
            continue
        timing = interpretation_timing(
            document_published_on=document.published_on, interpretation_published_on=document.first_interpreted_on,
            calendar=calendar, today=document.first_interpreted_on,
        )
        provisional = provisional or timing.provisional
        if timing.on_time:
            on_time += 1
        else:
            late += 1
    missing = PolicyDocument.objects.filter(
        unit=unit, status__in=PUBLISHED_STATUSES, published_on__year=year, needs_interpretation=True
    ).exclude(interpretations__status=InterpretationStatus.PUBLISHED).count()
    return {
        "count": this_year.count(),
        "documents": len(doc_ids),
        "multi_form_documents": multi,
        "multi_form_rate": _rate(multi, len(doc_ids)),
        "on_time": on_time,
        "late": late,
        "on_time_rate": _rate(on_time, on_time + late),
        "missing": missing,
        "by_form": by_form,
        "provisional": provisional,
    }


def gazette_sections(issue: GazetteIssue) -> list[tuple[str, list]]:
    """The table of contents: sections in the order of their first article, each with its articles."""
    sections: OrderedDict[str, list] = OrderedDict()
    for article in issue.articles.select_related("document").order_by("order", "id"):
        sections.setdefault(article.section, []).append(article)
    return list(sections.items())


def public_gazette_issues() -> QuerySet[GazetteIssue]:
    return GazetteIssue.objects.filter(status=GazetteStatus.PUBLISHED).select_related("government")
