import io

from gongkai.foi_requests import demo
from gongkai.foi_requests.models import FoiRequest, Remedy
from gongkai.foi_requests.outcomes import ReplyOutcome


def test_demo_loads_every_outcome_in_2025_and_is_idempotent(directory):
    demo.load(io.StringIO())
    count = FoiRequest.objects.count()
    concluded_2025 = set(FoiRequest.objects.filter(concluded_on__year=2025).values_list("outcome", flat=True))
    assert concluded_2025 == set(ReplyOutcome.values)
    assert FoiRequest.objects.filter(fee_amount_yuan__gt=0, fee_paid_on__year=2025).exists()
    assert Remedy.objects.filter(decided_on__isnull=False).exists() and Remedy.objects.filter(result="pending").exists()
    assert FoiRequest.objects.filter(received_on__year=2026, outcome="").exists()
    # every concluded case is internally consistent: outcome ⇔ concluded date, no conclusion before receipt
    for case in FoiRequest.objects.exclude(outcome=""):
        assert case.concluded_on >= case.received_on
    demo.load(io.StringIO())
    assert FoiRequest.objects.count() == count
