"""Workspace panels (dashboard.py): each count covers only what the user's scope lets them see."""

import datetime as dt

from gongkai.policies.dashboard import panels
from gongkai.policies.services import gazette_issue_create

D = dt.date


def _count(user, label: str) -> str:
    return next(value for panel in panels(user) for row_label, value, _ in panel.rows if row_label == label)


def test_draft_gazette_count_covers_only_the_governments_in_the_users_scope(directory):
    gazette_issue_create(government=directory.city, year=2025, number=1, issued_on=D(2025, 1, 25))
    gazette_issue_create(government=directory.pengjiang, year=2025, number=1, issued_on=D(2025, 1, 28))
    assert _count(directory.user("pj_gkb"), "编辑中的公报") == "1"  # the district's own issue, not the city's
    assert _count(directory.user("gkb"), "编辑中的公报") == "2"  # as the city's gazette list shows both
