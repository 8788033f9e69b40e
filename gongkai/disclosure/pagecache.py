"""Whole-page cache of the anonymous public platform (/xxgk/ home, column lists, item pages).

A hit costs two cache reads (the platform generation and the page) and no database query. The page key is
the request path + its query string + the language + the platform *generation*, a counter bumped
(`platform_changed()`) by every service that changes what the public platform shows:
publishing, withdrawing, importing, a change of 有效性 of a public item (the policies library marks a repealed
or amended document through `services.item_set_validity`), column and catalogue changes; and by signal
receivers for data other modules own that the pages show (unit names in breadcrumbs and directories,
published annual reports). Bumping the generation orphans every cached page at once; orphans expire by TTL
or are culled by the backend.

What is cached: only GET requests without a session cookie (a logged-in or recently logged-in user always
gets a freshly rendered page, and reading `request.user` would need the session table), whose query
parameters are all known to the view (so random query strings cannot flood the cache), and whose response
is a 200 that sets no cookie and did not use a CSRF token. 404 and 410 (withdrawn) are rendered every time.

Two caches, which may be one: the *generation* cache (conf.generation_cache_alias(), "default") holds the
counter and must be shared by every worker process, since invalidation across processes is exact only when
they all read the same counter; the *page* cache (conf.page_cache_alias()) holds pages, column rows and
breadcrumbs and may be private to each process (production: an in-memory cache per worker in front of the
shared file-based counter, gongkai.settings.prod), because a page is only ever found under the current
generation. With a process-local generation cache a page may stay stale in other processes until the TTL
(conf.page_cache_seconds(), 5 minutes by default); `manage.py check --deploy` warns about that
(disclosure.W001), and about a file-based page cache, whose every write lists its whole directory
(disclosure.W002).

The generation is read once per request (`current_generation(request)`): the decorator, the column row
and the page frame all use that one reading.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import InvalidCacheBackendError, caches
from django.db import transaction
from django.http import HttpResponse

from . import conf

logger = logging.getLogger(__name__)
GENERATION_KEY = "disclosure:pages:generation"


def _cache(alias: str):
    try:
        return caches[alias]
    except InvalidCacheBackendError:
        return caches["default"]


def page_cache():
    """The cache holding pages: GONGKAI_DISCLOSURE_PAGE_CACHE_ALIAS (default "default")."""
    return _cache(conf.page_cache_alias())


def generation_cache():
    """The cache holding the platform generation, shared by all processes:
    GONGKAI_DISCLOSURE_GENERATION_CACHE_ALIAS (default "default")."""
    return _cache(conf.generation_cache_alias())


def _fresh_generation(cache) -> int:
    """A missing counter (first start, eviction, cache restart) restarts from the clock, never from an old
    value, so pages stored under an earlier generation can never become current again."""
    cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
    value = cache.get(GENERATION_KEY)
    return value if value is not None else time.time_ns()


def _read_generation() -> int:
    cache = generation_cache()
    value = cache.get(GENERATION_KEY)
    return value if value is not None else _fresh_generation(cache)


def current_generation(request=None) -> int:
    """The platform generation; with a request, the one reading of it that the request makes (a GET page
    renders against one generation, and each reading is a trip to the shared cache)."""
    if request is None:
        return _read_generation()
    try:
        return request._platform_generation
    except AttributeError:
        request._platform_generation = generation = _read_generation()
        return generation


def _bump() -> None:
    cache = generation_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the counter was evicted: start a new, later one
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception:  # a cache outage must not break a publication; pages then expire by TTL
        logger.exception("could not bump the public page generation")


def platform_changed() -> None:
    """Invalidate every cached public page. Called inside the writing transaction (so that the writer's own
    next request and tests see the change at once) and again after commit: a page rendered from the old
    rows by a request that read the generation before the commit is stored under a superseded key."""
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


def _cacheable_request(request, allowed_params: frozenset[str]) -> bool:
    if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return all(name in allowed_params for name in request.GET)


def _cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and "no-store" not in response.get("Cache-Control", "")
        and "private" not in response.get("Cache-Control", "")
    )


def _page_key(request, generation: int) -> str:
    raw = f"{request.path}?{request.META.get('QUERY_STRING', '')}|{getattr(request, 'LANGUAGE_CODE', '')}"
    return f"disclosure:page:{generation}:{hashlib.sha1(raw.encode('utf-8')).hexdigest()}"


def cached_public_page(view=None, *, params: tuple[str, ...] = ()):
    """Decorate a public view; `params` lists the query parameters the view reads (others bypass the cache)."""
    allowed = frozenset(params)

    def decorator(func):
        @functools.wraps(func)
        def wrapper(request, *args, **kwargs):
            if not conf.page_cache_enabled() or not _cacheable_request(request, allowed):
                return func(request, *args, **kwargs)
            cache = page_cache()
            try:
                key = _page_key(request, current_generation(request))
                hit = cache.get(key)
            except Exception:  # cache outage: serve from the database
                logger.exception("public page cache unavailable")
                return func(request, *args, **kwargs)
            if hit is not None:
                content, content_type = hit
                response = HttpResponse(content, content_type=content_type)
                response["X-Page-Cache"] = "hit"
                return response
            response = func(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.render()
            if _cacheable_response(request, response):
                try:
                    cache.set(key, (response.content, response["Content-Type"]), conf.page_cache_seconds())
                except Exception:
                    logger.exception("could not store a public page")
                response["X-Page-Cache"] = "miss"
            return response

        return wrapper

    return decorator(view) if view is not None else decorator
