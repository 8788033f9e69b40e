"""Reads of the disclosure platform that views and other apps use.

Contract 4 (briefing): `column_freshness(*, column, on)` and `annual_facts(*, unit, year)`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, QuerySet

from gongkai.organisations.models import Unit

from . import conf, freshness
from .freshness import ColumnFreshness
from .models import (
    Article20,
    Column,
    CustomPeriod,
    FreshnessClass,
    InformationItem,
    ItemKind,
    ItemStatus,
    PlatformSection,
)

__all__ = ["ColumnFreshness", "column_freshness", "annual_facts", "public_items", "public_columns"]


def public_items() -> QuerySet[InformationItem]:
    return InformationItem.objects.filter(status=ItemStatus.PUBLISHED)


def public_columns(unit: Unit) -> QuerySet[Column]:
    return Column.objects.filter(unit=unit, is_active=True).order_by("section", "article20", "order", "id")


def column_freshness(*, column: Column, on: dt.date) -> ColumnFreshness:
    """The freshness verdict for `column` as of `on` (items published after `on` are ignored)."""
    return freshness_rows(Column.objects.filter(pk=column.pk), on=on)[0][1]


def _period_filters(on: dt.date) -> dict:
    """Count() filters for every look-back window the rules need, keyed by name."""
    filters = {}
    for klass in (FreshnessClass.DYNAMIC, FreshnessClass.NOTICE_POLICY, FreshnessClass.PERSONNEL_PLAN):
        filters[f"win_{klass}"] = Q(column__freshness_class=klass,
                                    published_on__range=(freshness.window_start(klass, on), on))
    for period in CustomPeriod.values:
        prev = freshness.previous_period_bounds(period, on)
        cur_start, _ = freshness.period_bounds(period, on)
        filters[f"prev_{period}"] = Q(column__custom_period=period, published_on__range=prev)
        filters[f"cur_{period}"] = Q(column__custom_period=period, published_on__range=(cur_start, on))
    return filters


def freshness_rows(columns: QuerySet[Column], *, on: dt.date) -> list[tuple[Column, ColumnFreshness]]:
    """Verdicts for many columns with one grouped query over their public items."""
    columns = list(columns.select_related("unit", "parent"))
    filters = _period_filters(on)
    annotations = {
        "total": Count("id", filter=Q(published_on__isnull=True) | Q(published_on__lte=on)),
        "undated": Count("id", filter=Q(published_on__isnull=True)),
        "last": Max("published_on", filter=Q(published_on__lte=on)),
        **{name: Count("id", filter=condition) for name, condition in filters.items()},
    }
    facts = {row["column_id"]: row for row in public_items().filter(column__in=[c.pk for c in columns])
             .values("column_id").annotate(**annotations).order_by()}
    empty = {"total": 0, "undated": 0, "last": None, **{name: 0 for name in filters}}
    result = []
    for column in columns:
        row = facts.get(column.pk, empty)
        if column.freshness_class == FreshnessClass.CUSTOM:
            verdict = freshness.judge_custom(
                period=column.custom_period, min_count=column.custom_min_count or 1, on=on,
                public_total=row["total"], undated=row["undated"], last_published_on=row["last"],
                previous_count=row[f"prev_{column.custom_period}"], current_count=row[f"cur_{column.custom_period}"],
                opened_on=column.opened_on,
            )
        else:
            verdict = freshness.judge_gap(
                freshness_class=column.freshness_class, on=on, public_total=row["total"], undated=row["undated"],
                last_published_on=row["last"], items_in_window=row.get(f"win_{column.freshness_class}", 0),
                opened_on=column.opened_on,
            )
        result.append((column, verdict))
    return result


@dataclass
class UnitFreshness:
    """One unit's columns and the three 栏目不更新 single-veto counts of 国办秘函〔2019〕19号."""

    unit: Unit
    rows: list[tuple[Column, ColumnFreshness]]
    stale_dynamic_notice: int = 0  # stale 动态要闻 + first-level 通知公告/政策文件 columns
    stale_should_update: int = 0  # every column that should be updated but is not
    blank: int = 0
    vetoes: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[tuple[Column, ColumnFreshness]]:
        return [(c, f) for c, f in self.rows if f.is_problem]


def freshness_report(*, units: QuerySet[Unit] | list[Unit], on: dt.date) -> list[UnitFreshness]:
    unit_list = list(units)
    rows = freshness_rows(Column.objects.filter(unit__in=unit_list, is_active=True, opened_on__lte=on)
                          .order_by("unit__path", "section", "order", "id"), on=on)
    by_unit: dict[int, list] = {u.pk: [] for u in unit_list}
    for column, verdict in rows:
        by_unit[column.unit_id].append((column, verdict))
    report = []
    for unit in unit_list:
        entry = UnitFreshness(unit, by_unit[unit.pk])
        for column, verdict in entry.rows:
            not_updated = verdict.status in (freshness.STALE, freshness.UNDATED)
            if verdict.status == freshness.BLANK:
                entry.blank += 1
            if not_updated and column.freshness_class != FreshnessClass.STATIC:
                entry.stale_should_update += 1
                if column.freshness_class == FreshnessClass.DYNAMIC or (
                        column.freshness_class == FreshnessClass.NOTICE_POLICY and column.is_first_level):
                    entry.stale_dynamic_notice += 1
        if entry.stale_dynamic_notice >= conf.veto_stale_dynamic_plus_notice():
            entry.vetoes.append(f"动态要闻类和通知公告、政策文件类一级栏目累计{entry.stale_dynamic_notice}个未更新"
                                f"（≥{conf.veto_stale_dynamic_plus_notice()}个）")
        if entry.stale_should_update >= conf.veto_stale_should_update():
            entry.vetoes.append(f"应更新但长期未更新的栏目{entry.stale_should_update}个"
                                f"（≥{conf.veto_stale_should_update()}个）")
        if entry.blank >= conf.veto_blank_columns():
            entry.vetoes.append(f"空白栏目{entry.blank}个（≥{conf.veto_blank_columns()}个）")
        report.append(entry)
    return report


def undated_items(*, units, limit: int = 200) -> QuerySet[InformationItem]:
    """Public items carrying no publication date (未注明信息发布时间的视为不更新)."""
    return (public_items().filter(unit__in=units, published_on__isnull=True).select_related("unit", "column")
            .order_by("unit__path", "column__order", "id")[:limit])


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
