import datetime as dt
from pathlib import Path

import pytest

SEEDS = Path("/work/shared/seeds")
DEMO_DATA = Path(__file__).resolve().parent.parent / "demo_data"
TEST_DATA = Path(__file__).resolve().parent / "data"


def seed_bytes(prefix: str) -> tuple[str, bytes]:
    """A seed plan from shared/seeds, or the copy shipped in demo_data or tests/data when it is absent."""
    for folder in (SEEDS, DEMO_DATA, TEST_DATA):
        matches = sorted(folder.glob(f"{prefix}_*.txt")) if folder.exists() else []
        if matches:
            return matches[0].name, matches[0].read_bytes()
    pytest.skip(f"seed {prefix} not available")


@pytest.fixture
def seed():
    return seed_bytes


@pytest.fixture
def import_plan(directory):
    """Upload and confirm a seed as `owner` (default: the city) with unresolved names skipped."""
    from gongkai.workplan import services

    def run(prefix: str, owner=None, user=None, year=None):
        name, data = seed_bytes(prefix)
        owner = owner or directory.city
        user = directory.user(user) if isinstance(user, str) else (user or directory.user("gkb"))
        draft = services.draft_import_create(owner=owner, filename=name, data=data, by=user, year=year)
        assert not draft.parse.get("error"), draft.parse
        return services.draft_import_confirm(draft=draft, by=user, skip_unresolved=True)

    return run


@pytest.fixture
def today():
    return dt.date(2026, 11, 23)
