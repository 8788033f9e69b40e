"""Project-wide pytest fixtures: directory factories and the headless-browser setup."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; live_server views are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's chromium. CI sets GONGKAI_REQUIRE_BROWSER=1 so that they fail loudly
    instead of skipping when it is missing; a developer machine without it skips them with a reason."""
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    if os.environ.get("GONGKAI_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"GONGKAI_REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"],
    }


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests (live_server, browser) flush the database between tests, which removes
    what data migrations installed; put the holiday schedules and role groups back first."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        from gongkai.core.reference import ensure_reference_data

        ensure_reference_data()


@pytest.fixture
def directory(db):
    """The demo directory (江门市 and its units, groups and one account per role)."""
    import io

    from gongkai.organisations import demo

    demo.load(io.StringIO())
    from gongkai.organisations.models import Unit, User

    class Directory:
        city = Unit.objects.get(name="江门市人民政府")
        pengjiang = Unit.objects.get(name="江门市蓬江区人民政府")

        @staticmethod
        def unit(short_name: str) -> Unit:
            return Unit.objects.get(short_name=short_name)

        @staticmethod
        def user(username: str) -> User:
            return User.objects.get(username=username)

    return Directory

