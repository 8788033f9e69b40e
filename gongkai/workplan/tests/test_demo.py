import io

import pytest

from gongkai.workplan import demo
from gongkai.workplan.models import Assignment, Bulletin, Plan, ReviewList

pytestmark = pytest.mark.django_db


def test_demo_loads_a_lived_in_ledger_and_is_idempotent(directory):
    out = io.StringIO()
    demo.load(out)
    current = Plan.objects.get(year=2026, owner__short_name="市政府办公室")
    assert current.tasks.filter(carried_from__isnull=True).count() == 55
    statuses = set(Assignment.objects.filter(task__plan=current).values_list("status", flat=True))
    assert {"done", "in_progress", "overdue", "not_started", "not_applicable"} <= statuses
    assert Bulletin.objects.filter(plan=current, status="published").count() == 1
    review = ReviewList.objects.get(plan=current)
    assert review.items.count() > 0
    child = Plan.objects.get(owner__short_name="区民政局")
    assert child.parent.year == 2021
    counts = (Plan.objects.count(), Assignment.objects.count())
    demo.load(io.StringIO())
    assert (Plan.objects.count(), Assignment.objects.count()) == counts
