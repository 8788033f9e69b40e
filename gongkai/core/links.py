"""URL reversing with a memo, for pages that print many links.

Django's reverse() walks the resolver and re-quotes its arguments on every call (tens of microseconds);
a public page printing breadcrumbs, navigation and a list of links spends more time there than on its
database query. The URLconf does not change while a process runs, so the result of reverse() for the
same view name and arguments is memoised, keyed by the active URLconf and script prefix.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse


@functools.lru_cache(maxsize=16384)
def _reverse(urlconf: str, prefix: str, viewname: str, args: tuple) -> str:
    return reverse(viewname, urlconf=urlconf, args=args)


def reverse_cached(viewname: str, *args) -> str:
    """reverse(viewname, args=args), memoised. Arguments must be hashable (ints, strings)."""
    return _reverse(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), viewname, args)


@receiver(setting_changed)
def _forget_on_urlconf_change(*, setting, **kwargs) -> None:
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _reverse.cache_clear()
