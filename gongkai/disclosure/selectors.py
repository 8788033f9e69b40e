"""Reads of the disclosure platform that views and other apps use.

Contract 4 (briefing): `column_freshness(*, column, on)` and `annual_facts(*, unit, year)`.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Q, QuerySet

from gongkai.organisations.models import Unit

from . import freshness
from .freshness import ColumnFreshness
from .models import Article20, Column, FreshnessClass, InformationItem, ItemKind, ItemStatus, PlatformSection

__all__ = ["ColumnFreshness", "column_freshness", "annual_facts", "public_items", "public_columns"]


def public_items() -> QuerySet[InformationItem]:
    return InformationItem.objects.filter(status=ItemStatus.PUBLISHED)


def public_columns(unit: Unit) -> QuerySet[Column]:
    return Column.objects.filter(unit=unit, is_active=True).order_by("section", "article20", "order", "id")


def column_freshness(*, column: Column, on: dt.date) -> ColumnFreshness:
    """The freshness verdict for `column` as of `on` (items published after `on` are ignored)."""
    items = public_items().filter(column=column)
    facts = items.aggregate(
        total=Count("id", filter=Q(published_on__isnull=True) | Q(published_on__lte=on)),
        undated=Count("id", filter=Q(published_on__isnull=True)),
        last=Max("published_on", filter=Q(published_on__lte=on)),
    )
    if column.freshness_class == FreshnessClass.CUSTOM:
        prev_start, prev_end = freshness.previous_period_bounds(column.custom_period, on)
        cur_start, _ = freshness.period_bounds(column.custom_period, on)
        counts = items.aggregate(
            previous=Count("id", filter=Q(published_on__range=(prev_start, prev_end))),
            current=Count("id", filter=Q(published_on__range=(cur_start, on))),
        )
        return freshness.judge_custom(
            period=column.custom_period, min_count=column.custom_min_count or 1, on=on,
            public_total=facts["total"], undated=facts["undated"], last_published_on=facts["last"],
            previous_count=counts["previous"], current_count=counts["current"], opened_on=column.opened_on,
        )
    start = freshness.window_start(column.freshness_class, on)
    in_window = items.filter(published_on__range=(start, on)).count() if start and facts["last"] else 0
    return freshness.judge_gap(
        freshness_class=column.freshness_class, on=on, public_total=facts["total"], undated=facts["undated"],
        last_published_on=facts["last"], items_in_window=in_window, opened_on=column.opened_on,
    )


def annual_facts(*, unit: Unit, year: int) -> dict:
    """Counts of items `unit` published in `year`, for section 一/二 of the annual report.

    Returns {"year", "unit_id", "total", "by_column": [{"column_id", "column", "section", "count"}],
    "by_kind": {kind: {"label", "count"}}, "by_article20": {n: {"label", "count"}}, "withdrawn": n}.
    Items withdrawn later still count as published that year only if they are public now; withdrawn items
    are reported separately.
    """
    in_year = InformationItem.objects.filter(unit=unit, published_on__year=year)
    public = in_year.filter(status=ItemStatus.PUBLISHED)
    by_column = [
        {"column_id": row["column_id"], "column": row["column__name"], "section": row["column__section"],
         "count": row["n"]}
        for row in public.values("column_id", "column__name", "column__section").annotate(n=Count("id"))
        .order_by("column__section", "column__order", "column_id")
    ]
    by_kind = {
        row["kind"]: {"label": ItemKind(row["kind"]).label, "count": row["n"]}
        for row in public.values("kind").annotate(n=Count("id")).order_by("kind")
    }
    by_article20 = {
        row["column__article20"]: {"label": Article20(row["column__article20"]).label, "count": row["n"]}
        for row in public.filter(column__article20__isnull=False).values("column__article20")
        .annotate(n=Count("id")).order_by("column__article20")
    }
    return {
        "year": year,
        "unit_id": unit.pk,
        "total": sum(row["count"] for row in by_column),
        "statutory": sum(row["count"] for row in by_column if row["section"] == PlatformSection.STATUTORY),
        "by_column": by_column,
        "by_kind": by_kind,
        "by_article20": by_article20,
        "withdrawn": in_year.filter(status=ItemStatus.WITHDRAWN).count(),
    }
