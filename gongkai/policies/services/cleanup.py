"""规范性文件清理 batches: list documents, record a decision for each, apply every decision in one transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import Unit, User

from ..models import (
    VALID_STATUSES,
    CleanupBatch,
    CleanupDecision,
    CleanupEntry,
    CleanupStatus,
    PolicyDocument,
)
from .documents import (
    check_related_government,
    policy_document_amend,
    policy_document_continue,
    policy_document_renew,
    policy_document_repeal,
)


def _check_open(batch: CleanupBatch) -> None:
    if batch.status != CleanupStatus.OPEN:
        raise DomainError("该清理批次已执行，不能再修改")


def _check_document(batch: CleanupBatch, document: PolicyDocument) -> None:
    if document.government_id != batch.government_id:
        raise DomainError(f"“{document.title}”不属于{batch.government}，不能列入本批次")
    if document.status not in VALID_STATUSES:
        raise DomainError(f"“{document.title}”当前{document.get_status_display()}，无需清理")


@transaction.atomic
def cleanup_batch_create(
    *, government: Unit, title: str, documents: list[PolicyDocument], by: User | None = None, notes: str = "",
) -> CleanupBatch:
    if not title.strip():
        raise DomainError("请填写清理批次名称")
    if not documents:
        raise DomainError("请至少选择一份需要清理的文件")
    batch = CleanupBatch.objects.create(government=government, title=title.strip(), notes=notes, created_by=by)
    for document in documents:
        _check_document(batch, document)
        CleanupEntry.objects.create(batch=batch, document=document)
    return batch


@transaction.atomic
def cleanup_entry_add(*, batch: CleanupBatch, document: PolicyDocument) -> CleanupEntry:
    _check_open(batch)
    _check_document(batch, document)
    if batch.entries.filter(document=document).exists():
        raise DomainError(f"“{document.title}”已在本批次中")
    return CleanupEntry.objects.create(batch=batch, document=document)


@transaction.atomic
def cleanup_entry_remove(*, entry: CleanupEntry) -> None:
    _check_open(entry.batch)
    entry.delete()


@transaction.atomic
def cleanup_entry_decide(
    *, entry: CleanupEntry, decision: str, reason: str = "", related_document: PolicyDocument | None = None,
    renew: bool = False,
) -> CleanupEntry:
    _check_open(entry.batch)
    if decision not in CleanupDecision.values:
        raise DomainError("清理意见不正确")
    if renew and decision != CleanupDecision.CONTINUE:
        raise DomainError("只有“继续有效”的文件可以重新登记")
    if renew and entry.document.expires_on is None:
        raise DomainError(f"“{entry.document.title}”没有有效期，无需重新登记")
    if related_document is not None and related_document.pk == entry.document_id:
        raise DomainError("修改/废止文件不能是文件本身")
    if related_document is not None:
        check_related_government(entry.batch, related_document, "修改/废止文件")
    entry.decision, entry.reason, entry.related_document, entry.renew = decision, reason.strip(), related_document, renew
    entry.save()
    return entry


def batch_problems(batch: CleanupBatch) -> list[str]:
    """What blocks applying the batch, in Chinese; empty when it can be applied."""
    problems = []
    entries = list(batch.entries.select_related("document", "related_document"))
    if not entries:
        problems.append("批次中没有文件")
    for entry in entries:
        name = f"“{entry.document.title}”"
        if entry.decision == CleanupDecision.PENDING:
            problems.append(f"{name}尚未提出清理意见")
        elif entry.decision == CleanupDecision.AMEND and entry.related_document is None:
            problems.append(f"{name}拟修改，请指定修改文件（修改文件发布后再执行本批次）")
        elif (entry.decision == CleanupDecision.REPEAL and entry.related_document is None
              and batch.decision_document is None and not entry.reason):
            problems.append(f"{name}拟废止，请指定废止文件、清理决定文件或填写理由")
        if entry.document.status not in VALID_STATUSES:
            problems.append(f"{name}当前已{entry.document.get_status_display()}")
    return problems


def _check_decision_document(batch: CleanupBatch, document: PolicyDocument) -> None:
    check_related_government(batch, document, "清理决定文件")
    if not document.is_published:
        raise DomainError(f"清理决定文件“{document.title}”尚未发布")


@transaction.atomic
def cleanup_batch_apply(
    *, batch: CleanupBatch, on: dt.date, by: User | None = None, decision_document: PolicyDocument | None = None,
) -> CleanupBatch:
    """Perform every decision of the batch at once, recording `decision_document` (清理决定文件) when given
    (None keeps the batch's own). If anything is refused nothing is changed, the decision document included."""
    batch = CleanupBatch.objects.select_for_update().get(pk=batch.pk)
    _check_open(batch)
    if decision_document is not None:
        _check_decision_document(batch, decision_document)
        batch.decision_document = decision_document  # saved with the status below; read by batch_problems
    problems = batch_problems(batch)
    if problems:
        raise DomainError("不能执行清理：" + "；".join(problems))
    for entry in batch.entries.select_related("document", "related_document"):
        document, reason = entry.document, entry.reason
        match entry.decision:
            case CleanupDecision.CONTINUE:
                if entry.renew:
                    policy_document_renew(document=document, on=on, reason=reason or batch.title, by=by, batch=batch)
                else:
                    policy_document_continue(document=document, on=on, reason=reason or batch.title, by=by,
                                             batch=batch)
            case CleanupDecision.AMEND:
                policy_document_amend(document=document, amending=entry.related_document, on=on, reason=reason,
                                      by=by, batch=batch)
            case CleanupDecision.REPEAL:
                policy_document_repeal(document=document, on=on, repealing=entry.related_document
                                       or batch.decision_document, reason=reason, by=by, batch=batch)
    batch.status, batch.applied_on, batch.applied_by = CleanupStatus.APPLIED, on, by
    batch.save()
    return batch
