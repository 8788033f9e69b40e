"""Rebuilding the index from the source apps (used by `gongkai search reindex` and the demo)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import DatabaseError, transaction

from . import services
from .sources import Source, all_sources, get_source


@dataclass
class SourceOutcome:
    source: Source
    count: int = 0
    skipped_reason: str | None = None
    seconds: float = 0.0


def _reindex_source(source: Source) -> int:
    if source.documents is not None:
        return services.search_documents_replace(
            key_prefix=source.key_prefix, documents=source.documents(), rebuild=False
        )
    services.search_documents_replace(key_prefix=source.key_prefix, documents=[], rebuild=False)
    return source.index_each()


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
            try:
                with transaction.atomic():  # a savepoint: a source that fails leaves the others intact
                    outcome.count = _reindex_source(source)
            except DatabaseError as exc:
                outcome.skipped_reason = f"读取失败（{exc.__class__.__name__}: {str(exc).strip()[:200]}），请确认已运行 gongkai migrate"
                write(f"跳过 {source.label}：{outcome.skipped_reason}")
                continue
            outcome.seconds = time.perf_counter() - started
            write(f"{source.label}：{outcome.count} 条，用时 {outcome.seconds:.1f} 秒")
        services.search_index_rebuild()
    return outcomes
