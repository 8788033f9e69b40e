"""Search settings, each overridable in Django settings as GONGKAI_SEARCH_<NAME>."""

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, f"GONGKAI_SEARCH_{name}", default)


def title_weight() -> float:
    """How much a hit in the title outweighs the same hit in the body when ranking by relevance."""
    return float(_get("TITLE_WEIGHT", 10.0))


def snippet_length() -> int:
    """Characters of body text shown around the first match in a result snippet."""
    return int(_get("SNIPPET_LENGTH", 120))


def max_page_size() -> int:
    return int(_get("MAX_PAGE_SIZE", 100))


def extra_user_dictionary() -> str | None:
    """Path of an additional jieba user dictionary (one `word [freq] [tag]` a line), loaded after ours."""
    return _get("USER_DICTIONARY", None)


def count_limit() -> int:
    """Counting stops here (shown as “超过 N 条”); facets are computed only for result sets up to this size,
    since both mean reading every match and a very common word matches most of a large portal."""
    return int(_get("COUNT_LIMIT", 1000))


def rank_window() -> int:
    """When a query matches more than count_limit() documents, ranking (by relevance or date) considers the most
    recently indexed `rank_window()` matches only: scoring every match of a word found in most of a
    million documents cannot be done within the latency target, and for government information the
    recent documents are the ones sought."""
    return int(_get("RANK_WINDOW", 300))


def scan_limit() -> int:
    """At most this many full-text matches are examined per query with quoted phrases (checked on the
    stored text) to find the count_limit() + 1 that contain them; beyond it the count is shown as a
    lower bound (“超过 N 条”). Visibility and filters need no such bound: they are part of the match."""
    return int(_get("SCAN_LIMIT", 20000))
