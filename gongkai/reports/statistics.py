"""Tables 三 and 四 computed from the FOI records, as aggregate queries (R7 definitions).

Definitions for report year Y (Jan 1 = J, Dec 31 = D), docs/reports.md:
- 一 new_received: received_on in Y;
- 二 carried_over: received_on < J and not concluded before J (concluded_on is null or ≥ J);
- 三 rows: outcome of the cases with concluded_on in Y;
- 四 carried_forward: received_on ≤ D and not concluded by D (concluded_on is null or > D).
With consistent records (concluded_on ≥ received_on) R1 holds by construction: every case counted in
一 or 二 is either concluded in Y (三) or still open at D (四).

Table 三 is three aggregate queries, each one index range (covering indexes declared in
FoiRequest.Meta.indexes, so no table rows are read): outcomes GROUP BY (applicant_category, outcome) over the
cases concluded in Y; conditional counts GROUP BY applicant_category over the cases received in Y; and
the same over the cases received before Y and still open on Jan 1. Table 四 is one query of
conditional counts grouped by remedy kind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth

from gongkai.foi_requests.models import FoiRequest, Remedy
from gongkai.foi_requests.outcomes import RemedyResult
from gongkai.organisations.models import Unit, UnitKind

from . import formats
from .formats import CARRIED_FORWARD, CARRIED_OVER, NEW_RECEIVED, TOTAL, TOTAL_PROCESSED


def report_unit_ids(unit: Unit, scope: str) -> list[int]:
    """The units whose records a report counts.

    "unit": the unit and its internal offices (内设机构 answer in the agency's name);
    "consolidated": the unit's whole subtree (a government with its departments and lower governments).
    """
    rows = list(Unit.objects.filter(path__startswith=unit.path).values_list("id", "path", "kind"))
    if scope == "consolidated":
        return [pk for pk, _, _ in rows]
    non_office_paths = [path for pk, path, kind in rows if kind != UnitKind.OFFICE and pk != unit.pk]
    return [
        pk for pk, path, kind in rows
        if pk == unit.pk or (kind == UnitKind.OFFICE and not any(path.startswith(p) for p in non_office_paths))
    ]


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


@dataclass
class Section3Result:
    table: dict[str, dict[str, int]]
    concluded_without_outcome: int = 0  # records with concluded_on but no outcome: counted nowhere in 三
    unknown_outcomes: dict[str, int] = field(default_factory=dict)


def empty_section3(fmt: str) -> dict[str, dict[str, int]]:
    return {row.id: {c: 0 for c in formats.COLUMN_IDS} for row in formats.section3_rows(fmt)}


def compute_section3(*, unit_ids: list[int], year: int, fmt: str) -> Section3Result:
    jan1, dec31 = _year_bounds(year)
    table = empty_section3(fmt)
    result = Section3Result(table)
    cases = FoiRequest.objects.filter(unit_id__in=unit_ids).order_by()

    concluded = (
        cases.filter(concluded_on__gte=jan1, concluded_on__lte=dec31)
        .values_list("applicant_category", "outcome").annotate(n=Count("id"))
    )
    valid_rows = set(formats.outcome_rows(fmt))
    for category, outcome, n in concluded:
        if not outcome:
            result.concluded_without_outcome += n
            continue
        row = formats.outcome_row(outcome, fmt)
        if row not in valid_rows or category not in table[row]:
            result.unknown_outcomes[f"{outcome}/{category}"] = n
            continue
        table[row][category] += n

    # 一 and the part of 四 received this year: a range of the (unit, received_on, …) covering index.
    open_at_dec31 = Q(concluded_on__isnull=True) | Q(concluded_on__gt=dec31)
    received = (
        cases.filter(received_on__gte=jan1, received_on__lte=dec31).values("applicant_category")
        .annotate(new=Count("id"), forward=Count("id", filter=open_at_dec31))
    )
    # 二 (and the rest of 四): received earlier and still open on Jan 1 — a range of the (unit, concluded_on, …)
    # covering index plus the few never-concluded cases.
    earlier = (
        cases.filter(received_on__lt=jan1).filter(Q(concluded_on__isnull=True) | Q(concluded_on__gte=jan1))
        .values("applicant_category").annotate(over=Count("id"), forward=Count("id", filter=open_at_dec31))
    )
    for rows, column in ((received, "new"), (earlier, "over")):
        for row in rows:
            category = row["applicant_category"]
            if category not in table[NEW_RECEIVED]:
                result.unknown_outcomes[f"?/{category}"] = result.unknown_outcomes.get(f"?/{category}", 0) + row[column]
                continue
            table[NEW_RECEIVED if column == "new" else CARRIED_OVER][category] += row[column]
            table[CARRIED_FORWARD][category] += row["forward"]

    fill_section3_totals(table, fmt)
    return result


def fill_section3_totals(table: dict, fmt: str) -> None:
    """总计 column (R3) and （七）总计 row (R2), for a table built from the records."""
    outcome_rows = formats.outcome_rows(fmt)
    for c in formats.CATEGORY_IDS:
        table[TOTAL_PROCESSED][c] = sum(table[r][c] for r in outcome_rows)
    for cells in table.values():
        cells[TOTAL] = sum(cells[c] for c in formats.CATEGORY_IDS)


def empty_section4() -> dict[str, dict[str, int]]:
    return {g: {c: 0 for c in formats.REMEDY_COLUMN_IDS} for g, _ in formats.REMEDY_GROUPS}


def compute_section4(*, unit_ids: list[int], year: int) -> dict[str, dict[str, int]]:
    """Table 四. A remedy counts in year Y when it was decided in Y (by its result) or was still pending on
    Dec 31 of Y (filed by then, not decided by then: 尚未审结). Earlier decided remedies are not repeated."""
    jan1, dec31 = _year_bounds(year)
    decided = Q(decided_on__isnull=False) & ~Q(result=RemedyResult.PENDING)
    decided_in_year = decided & Q(decided_on__gte=jan1, decided_on__lte=dec31)
    pending = Q(filed_on__lte=dec31) & ~(decided & Q(decided_on__lte=dec31))
    rows = (
        Remedy.objects.filter(unit_id__in=unit_ids).order_by().values("kind").annotate(
            upheld=Count("id", filter=decided_in_year & Q(result=RemedyResult.UPHELD)),
            corrected=Count("id", filter=decided_in_year & Q(result=RemedyResult.CORRECTED)),
            other=Count("id", filter=decided_in_year & Q(result=RemedyResult.OTHER)),
            pending=Count("id", filter=pending),
        )
    )
    table = empty_section4()
    for row in rows:
        cells = table.get(row["kind"])
        if cells is None:
            continue
        for column in ("upheld", "corrected", "other", "pending"):
            cells[column] = row[column]
        cells[TOTAL] = cells["upheld"] + cells["corrected"] + cells["other"] + cells["pending"]
    return table


def monthly_received(*, unit_ids: list[int], year: int) -> list[int]:
    """New applications per month of the year (chart 各月新收申请)."""
    jan1, dec31 = _year_bounds(year)
    counts = [0] * 12
    rows = (
        FoiRequest.objects.filter(unit_id__in=unit_ids, received_on__gte=jan1, received_on__lte=dec31).order_by()
        .annotate(month=ExtractMonth("received_on")).values("month").annotate(n=Count("id"))
    )
    for row in rows:
        counts[row["month"] - 1] = row["n"]
    return counts


def fee_summary(*, unit_ids: list[int], year: int) -> tuple[int, str]:
    """信息处理费 actually collected in the year (cases, yuan as a string), from fee_paid_on (§3.7)."""
    jan1, dec31 = _year_bounds(year)
    agg = FoiRequest.objects.filter(
        unit_id__in=unit_ids, fee_paid_on__gte=jan1, fee_paid_on__lte=dec31, fee_amount_yuan__gt=0
    ).aggregate(cases=Count("id"), amount=Sum("fee_amount_yuan"))
    return agg["cases"] or 0, str(Decimal(agg["amount"] or 0).quantize(Decimal("0.01")))
