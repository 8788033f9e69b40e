"""Helpers that put documents into the index through the public service (as the source apps do)."""

import datetime
import itertools

from gongkai.search.services import search_document_upsert

_seq = itertools.count(1)


def index(title: str, body: str = "", *, key: str | None = None, kind: str = "item", unit=None,
          published_on: datetime.date | None = datetime.date(2025, 6, 1), is_public: bool = True, **extra) -> str:
    key = key or f"test.doc:{next(_seq)}"
    search_document_upsert(
        key=key, kind=kind, title=title, body=body, url=f"/doc/{key}", unit=unit, published_on=published_on,
        is_public=is_public, **extra,
    )
    return key
