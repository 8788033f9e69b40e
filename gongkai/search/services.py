"""Writes to the search index. Contract 3 of the briefing: the disclosure, policies and reports apps call
`search_document_upsert` when something becomes public, changes while public, or is saved as a draft
(is_public=False; staff search covers drafts scoped by unit), and `search_document_delete` when it is
withdrawn or deleted. Both run inside the caller's transaction, so the index commits or rolls back
with the source record."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from itertools import islice

from django.db import transaction
from django.utils import timezone

from .backends import backend
from .highlight import plain_text
from .kinds import DocumentKind
from .models import SearchDocument
from .segmentation import segment_for_index
from .sources import is_superseded


@transaction.atomic
def search_document_upsert(
    *,
    key: str,
    kind: str,
    title: str,
    body: str,
    url: str,
    unit=None,
    published_on: datetime.date | None = None,
    topic: str = "",
    validity: str = "",
    doc_number: str = "",
    is_public: bool = True,
) -> None:
    """Create or replace the index entry for `key` (e.g. "disclosure.item:123")."""
    if not key:
        raise ValueError("search key is required")
    if not kind or len(kind) > 30:
        raise ValueError(f"search document kind must be a short code such as {DocumentKind.ITEM!r}")
    if is_superseded(key):
        search_document_delete(key=key)
        return
    if isinstance(published_on, datetime.datetime):
        published_on = published_on.date()
    title = (title or "").strip()
    body = plain_text(body or "")
    # The document number is searchable too (people search for 江府办〔2024〕3号), as part of the title field.
    title_seg = segment_for_index(f"{title} {doc_number}".strip())
    body_seg = segment_for_index(body)
    values = dict(
        kind=kind,
        title=title[:500],
        body=body,
        url=url,
        unit=unit,
        published_on=published_on,
        year=published_on.year if published_on else None,
        topic=topic or "",
        validity=validity or "",
        doc_number=doc_number or "",
        is_public=bool(is_public),
        title_seg=title_seg,
        body_seg=body_seg,
        indexed_at=timezone.now(),
    )
    old = (
        SearchDocument.objects.select_for_update()
        .filter(key=key)
        .values_list("id", "title_seg", "body_seg")
        .first()
    )
    if old is None:
        doc = SearchDocument.objects.create(key=key, **values)
        backend().sync(doc_id=doc.pk, old=None, new=(title_seg, body_seg))
    else:
        doc_id, old_title_seg, old_body_seg = old
        SearchDocument.objects.filter(pk=doc_id).update(**values)
        backend().sync(doc_id=doc_id, old=(old_title_seg, old_body_seg), new=(title_seg, body_seg))


@transaction.atomic
def search_document_delete(*, key: str) -> None:
    """Remove `key` from the index; removing a key that is not indexed is not an error."""
    old = SearchDocument.objects.select_for_update().filter(key=key).values_list("id", "title_seg", "body_seg").first()
    if old is None:
        return
    doc_id, title_seg, body_seg = old
    backend().sync(doc_id=doc_id, old=(title_seg, body_seg), new=None)
    SearchDocument.objects.filter(pk=doc_id).delete()


def _row(doc) -> SearchDocument:
    """An unsaved SearchDocument for one IndexedDocument (bulk path; same normalisation as upsert)."""
    body = plain_text(doc.body or "")
    title = (doc.title or "").strip()
    published_on = doc.published_on.date() if isinstance(doc.published_on, datetime.datetime) else doc.published_on
    return SearchDocument(
        key=doc.key, kind=doc.kind, title=title[:500], body=body, url=doc.url, unit=doc.unit,
        published_on=published_on, year=published_on.year if published_on else None, topic=doc.topic or "",
        validity=doc.validity or "", doc_number=doc.doc_number or "", is_public=bool(doc.is_public),
        title_seg=segment_for_index(f"{title} {doc.doc_number or ''}".strip()), body_seg=segment_for_index(body),
    )


@transaction.atomic
def search_documents_replace(
    *,
    key_prefix: str,
    documents: Iterable,
    batch_size: int = 1000,
    rebuild: bool = True,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Replace every indexed document whose key starts with `key_prefix` by `documents` (IndexedDocument
    values), in one transaction: the old set stays searchable until the new one commits. With
    rebuild=False the caller must call `search_index_rebuild()` in the same transaction."""
    if not key_prefix:
        raise ValueError("key_prefix is required (an empty prefix would replace the whole index)")
    SearchDocument.objects.filter(key__startswith=key_prefix).delete()
    count = 0
    iterator = iter(documents)
    while batch := list(islice(iterator, batch_size)):
        SearchDocument.objects.bulk_create([_row(doc) for doc in batch], batch_size=batch_size)
        count += len(batch)
        if progress:
            progress(count)
    if rebuild:
        backend().rebuild()
    return count


@transaction.atomic
def search_index_rebuild() -> None:
    """Rebuild the full-text structures from the documents table (after bulk changes)."""
    backend().rebuild()
