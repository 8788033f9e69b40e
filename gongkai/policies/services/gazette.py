"""Every write to the 政府公报: issues, their articles (table of contents), the PDF and publication."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import Unit, UnitKind, User

from .. import indexing
from ..models import GazetteArticle, GazetteIssue, GazetteStatus, PolicyDocument
from .documents import check_related_government


def _check_draft(issue: GazetteIssue) -> None:
    if issue.status != GazetteStatus.DRAFT:
        raise DomainError("本期公报已出版，不能再修改")


@transaction.atomic
def gazette_issue_create(
    *, government: Unit, year: int, number: int, issued_on: dt.date, total_number: int | None = None,
) -> GazetteIssue:
    if government.kind != UnitKind.GOVERNMENT:
        raise DomainError("政府公报由人民政府编印")
    if number < 1:
        raise DomainError("期号应为正整数")
    if issued_on.year != year:
        raise DomainError(f"出版日期{issued_on}不在{year}年内")
    try:
        with transaction.atomic():
            return GazetteIssue.objects.create(
                government=government, year=year, number=number, total_number=total_number, issued_on=issued_on,
            )
    except IntegrityError:
        raise DomainError(f"{year}年第{number}期公报已存在")


@transaction.atomic
def gazette_article_add(
    *, issue: GazetteIssue, section: str, document: PolicyDocument | None = None, title: str = "",
    issuing_organ: str = "", doc_number: str = "", body: str = "", order: int | None = None,
) -> GazetteArticle:
    """Add an article; one taken from the library copies its title, organ and 文号 and reads its text from there.
    A library document must be one of the issue's government: a gazette carries its own government's documents."""
    issue = GazetteIssue.objects.select_for_update().get(pk=issue.pk)
    _check_draft(issue)
    if not section.strip():
        raise DomainError("请填写栏目")
    if document is not None:
        check_related_government(issue, document, "刊登的文件")  # before the checks below name the document
        if not document.is_published:
            raise DomainError(f"“{document.title}”尚未发布，不能刊登")
        if issue.articles.filter(document=document).exists():
            raise DomainError(f"“{document.title}”已在本期公报中")
        title = title or document.title
        issuing_organ = issuing_organ or document.issuing_organ
        doc_number = doc_number or document.doc_number
    elif not body.strip():
        raise DomainError("未关联文件库记录的文章须填写正文")
    if not title.strip():
        raise DomainError("请填写标题")
    if order is None:
        order = (issue.articles.aggregate(m=Max("order"))["m"] or 0) + 10
    return GazetteArticle.objects.create(
        issue=issue, section=section.strip(), title=title.strip(), document=document,
        issuing_organ=issuing_organ.strip(), doc_number=doc_number.strip(), body=body, order=order,
    )


@transaction.atomic
def gazette_article_remove(*, article: GazetteArticle) -> None:
    _check_draft(GazetteIssue.objects.select_for_update().get(pk=article.issue_id))
    article.delete()


@transaction.atomic
def gazette_issue_generate_pdf(*, issue: GazetteIssue) -> GazetteIssue:
    """Render the issue to PDF and store it (replacing an earlier rendering of a draft)."""
    from ..gazette_pdf import render_issue_pdf

    issue = GazetteIssue.objects.select_for_update(of=("self",)).select_related("government").get(pk=issue.pk)
    _check_draft(issue)
    if not issue.articles.exists():
        raise DomainError("本期公报还没有文章")
    data = render_issue_pdf(issue)
    if issue.pdf:
        issue.pdf.delete(save=False)
    issue.pdf.save(f"gazette-{issue.government_id}-{issue.year}-{issue.number}.pdf", ContentFile(data), save=False)
    issue.pdf_sha256 = hashlib.sha256(data).hexdigest()
    issue.pdf_generated_at = timezone.now()
    issue.save()
    return issue


@transaction.atomic
def gazette_issue_publish(*, issue: GazetteIssue, by: User | None = None) -> GazetteIssue:
    """出版: the PDF is (re)generated from the final contents and every article becomes public and searchable."""
    gazette_issue_generate_pdf(issue=issue)
    issue = GazetteIssue.objects.select_for_update().get(pk=issue.pk)
    issue.status = GazetteStatus.PUBLISHED
    issue.save()
    for article in issue.articles.select_related("document", "issue__government"):
        indexing.index_gazette_article(article)
    return issue
