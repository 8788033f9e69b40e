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

from .backends import ENTRY_VALUES, Indexed, backend
from .highlight import plain_text
from .kinds import DocumentKind
from .models import SearchDocument
from .segmentation import segment_for_index
from .sources import is_superseded
from .tags import entry_tags


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
    be = backend()
    current = _current(key, with_indexed=be.needs_old)
    if current is None:
        doc_id, old = SearchDocument.objects.create(key=key, **values).pk, None
    else:
        doc_id, old = current
        SearchDocument.objects.filter(pk=doc_id).update(**values)
    entry = _entry_values(values)
    be.write(doc_id=doc_id, entry=entry, new=(_words(title_seg, body_seg), _tags(entry)), old=old)


def _words(title_seg: str, body_seg: str) -> str:
    """What the full-text index holds for a document's text (the document number is in title_seg)."""
    return f"{title_seg} {body_seg}"


def _entry_values(values: dict) -> dict:
    unit = values["unit"]
    return {
        "is_public": values["is_public"], "kind": values["kind"],
        "unit_id": unit.pk if hasattr(unit, "pk") else unit, "published_on": values["published_on"],
        "year": values["year"], "topic": values["topic"], "validity": values["validity"],
    }


def _tags(entry: dict) -> list[str]:
    return entry_tags(is_public=entry["is_public"], unit_id=entry["unit_id"], kind=entry["kind"],
                      year=entry["year"], topic=entry["topic"], validity=entry["validity"])


def _current(key: str, *, with_indexed: bool) -> tuple[int, Indexed | None] | None:
    """The id of the document `key` (None when there is none), locked for the rest of the transaction,
    and when `with_indexed` (the backend removes index entries by value) its (words, tags) as the
    full-text index holds them now, from the document and its entry row: one read. No entry row means
    that the document is not in the full-text index (a bulk load before its rebuild)."""
    entry_fields = [f"entry__{name}" for name in ENTRY_VALUES]
    fields = ["id", "title_seg", "body_seg", "entry__document_id", *entry_fields] if with_indexed else ["id"]
    row = SearchDocument.objects.select_for_update(of=("self",)).filter(key=key).values(*fields).first()
    if row is None:
        return None
    if not with_indexed or row["entry__document_id"] is None:
        return row["id"], None
    entry = {name: row[field] for name, field in zip(ENTRY_VALUES, entry_fields, strict=True)}
    return row["id"], (_words(row["title_seg"], row["body_seg"]), _tags(entry))


@transaction.atomic
def search_document_delete(*, key: str) -> None:
    """Remove `key` from the index; removing a key that is not indexed is not an error."""
    be = backend()
    current = _current(key, with_indexed=be.needs_old)
    if current is None:
        return
    doc_id, old = current
    be.remove(doc_id=doc_id, old=old)
    SearchDocument.objects.filter(pk=doc_id).delete()  # and its SearchEntry (cascade)


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
