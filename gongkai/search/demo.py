"""Demo: rebuild the search index from everything the other demos created. Runs last (after the
disclosure, policies and reports demos); idempotent, since a reindex replaces each source's documents."""

from __future__ import annotations

from .reindex import reindex


def load(stdout) -> None:
    outcomes = reindex(write=lambda line: stdout.write(f"  检索：{line}"))
    total = sum(o.count for o in outcomes)
    stdout.write(f"检索索引：{total} 条文档已建立索引")
