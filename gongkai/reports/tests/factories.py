"""Hand-built FOI cases and remedies whose report tables are worked out by hand in the tests."""

from __future__ import annotations

import datetime as dt

from gongkai.foi_requests.models import FoiRequest, Remedy

D = dt.date


def case(unit, category, received, outcome="", concluded=None, fee=0, fee_paid=None):
    return FoiRequest.objects.create(
        unit=unit, applicant_category=category, received_on=received, outcome=outcome, concluded_on=concluded,
        fee_amount_yuan=fee, fee_paid_on=fee_paid,
    )


def remedy(unit, kind, filed, result="pending", decided=None):
    return Remedy.objects.create(unit=unit, kind=kind, filed_on=filed, result=result, decided_on=decided)


def civil_affairs_2025(unit, other_unit=None):
    """市民政局's cases around 2025 (letters as in test_statistics.py)."""
    case(unit, "natural_person", D(2024, 12, 20), "granted", D(2025, 1, 10))  # A carried over, granted
    case(unit, "commercial", D(2024, 12, 28))  # B carried over, still open
    case(unit, "natural_person", D(2024, 11, 1), "partial", D(2024, 11, 20))  # C all in 2024
    case(unit, "natural_person", D(2025, 3, 5), "granted", D(2025, 3, 20))  # D
    case(unit, "natural_person", D(2025, 4, 1), "denied_third_party", D(2025, 4, 25))  # E
    case(unit, "legal_service", D(2025, 5, 10), "unable_not_held", D(2025, 6, 1))  # F
    case(unit, "research", D(2025, 6, 10), "np_repeat", D(2025, 7, 1))  # G
    case(unit, "natural_person", D(2025, 7, 15), "other_no_fee", D(2025, 8, 1))  # H
    case(unit, "public_interest", D(2025, 8, 20), "other_other", D(2025, 9, 1))  # I
    case(unit, "natural_person", D(2025, 12, 20), "granted", D(2026, 1, 8))  # J received 2025, concluded 2026
    case(unit, "other_org", D(2025, 12, 30))  # K open at year end
    case(unit, "commercial", D(2025, 2, 1), "partial", D(2025, 2, 20), fee=100, fee_paid=D(2025, 2, 15))  # L
    case(unit, "natural_person", None)  # O receipt not yet confirmed: counted nowhere
    remedy(unit, "reconsideration", D(2025, 3, 1), "upheld", D(2025, 5, 1))  # a
    remedy(unit, "reconsideration", D(2025, 10, 1))  # b pending at year end
    remedy(unit, "reconsideration", D(2024, 6, 1), "corrected", D(2024, 9, 1))  # c decided in 2024
    remedy(unit, "litigation_direct", D(2024, 11, 1), "corrected", D(2025, 2, 1))  # d
    remedy(unit, "litigation_after_reconsideration", D(2025, 12, 1), "upheld", D(2026, 1, 15))  # e pending on 12-31
    remedy(unit, "reconsideration", D(2024, 10, 1), "other", D(2025, 1, 20))  # f
    if other_unit is not None:
        case(other_unit, "commercial", D(2025, 5, 5), "granted", D(2025, 5, 20))  # M another department
