import pytest


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test starts with an empty public page cache: the per-process cache outlives a test's database
    rollback, and object ids are reused across tests."""
    from gongkai.disclosure.frames import frames
    from gongkai.disclosure.pagecache import page_cache

    page_cache().clear()
    frames.clear()
    yield
    page_cache().clear()
    frames.clear()
