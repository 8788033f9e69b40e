"""Rebuilding the index from the source apps (used by `gongkai search reindex` and the demo)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import transaction

from . import services
from .sources import Source, all_sources, get_source


@dataclass
class SourceOutcome:
    source: Source
    count: int = 0
    skipped_reason: str | None = None
    seconds: float = 0.0


def reindex(*, names: list[str] | None = None, write=lambda line: None) -> list[SourceOutcome]:
    """Replace the documents of each named source (all by default) in one transaction, then rebuild the
    full-text index. A source whose app is missing is skipped with its reason; the others still run."""
    sources = [get_source(n) for n in names] if names else all_sources()
    outcomes: list[SourceOutcome] = []
    with transaction.atomic():
        for source in sources:
            outcome = SourceOutcome(source)
            outcomes.append(outcome)
            reason = source.unavailable_reason()
            if reason:
                outcome.skipped_reason = reason
                write(f"跳过 {source.label}：{reason}")
                continue
            started = time.perf_counter()
            outcome.count = services.search_documents_replace(
                key_prefix=source.key_prefix, documents=source.documents(), rebuild=False
            )
            outcome.seconds = time.perf_counter() - started
            write(f"{source.label}：{outcome.count} 条，用时 {outcome.seconds:.1f} 秒")
        services.search_index_rebuild()
    return outcomes
