"""Page frames: a public page's template rendered once with placeholders, then filled per request.

An item page and a column list differ from their neighbours only in a few places (the item's title and
article; the list's rows and paging links). Everything else — the site chrome, breadcrumbs, column name,
links — depends on the column and its unit alone, which change only through services that bump the platform
generation (pagecache.platform_changed). So the page template is rendered once per (frame key, generation)
with a marker in each *slot*, split at the markers and kept in the process; a request then renders only its slots and
joins the pieces. The result is byte-for-byte what rendering the whole template would give
(tests/test_frames.py checks it), at a fraction of the cost: Django's template engine spends most of a page's
time in inheritance, includes and URL reversing, all of which now happen once per column per change.

Constraint on templates rendered through a frame: a slot variable must be printed plainly (`{{ article }}`),
not filtered, tested or looped over, since at frame time it holds only its marker. Slot values are escaped
unless they are SafeStrings (rendered HTML).
"""

from __future__ import annotations

import copy
import re
import threading
import uuid
from collections import OrderedDict

from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from .pagecache import current_generation

# A fresh token per process start, so that markers cannot collide with content.
_TOKEN = uuid.uuid4().hex
_MARKER = re.compile(rf"\x00{_TOKEN}:(\w+)\x00")


def _marker(name: str) -> str:
    return mark_safe(f"\x00{_TOKEN}:{name}\x00")


def _frame_request(request: HttpRequest) -> HttpRequest:
    """The request as the frame sees it: no query string (a frame is shared by every visitor of the page)."""
    frame_request = copy.copy(request)
    frame_request.GET = QueryDict()
    frame_request.META = {**request.META, "QUERY_STRING": ""}
    return frame_request


def _build(request, template_name: str, context, slots) -> list[str]:
    """The template rendered with markers, split into [text, slot name, text, slot name, …, text]."""
    context = context() if callable(context) else context
    html = render_to_string(template_name, {**context, **{name: _marker(name) for name in slots}},
                            _frame_request(request))
    return _MARKER.split(html)


class _FrameMemo:
    """The frames this process has built, most recently used last. Frames are few (one per column and page
    kind) and small, so they live in the process rather than in the shared cache, where they would cost an
    unpickling per request and compete with whole pages for the cache's entries. A frame is found by the
    platform generation it was built under, so a change anywhere (read from the shared cache) retires it."""

    def __init__(self, size: int = 4096):
        self.size = size
        self._frames: OrderedDict[tuple, list[str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> list[str] | None:
        with self._lock:
            parts = self._frames.get(key)
            if parts is not None:
                self._frames.move_to_end(key)
            return parts

    def put(self, key: tuple, parts: list[str]) -> None:
        with self._lock:
            self._frames[key] = parts
            while len(self._frames) > self.size:
                self._frames.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._frames.clear()


frames = _FrameMemo()


def render_framed(request, template_name: str, *, frame_key: str, context, slots: dict,
                  status: int = 200) -> HttpResponse:
    """Render `template_name` with `context` and `slots`. `frame_key` names everything in `context` that the
    page's fixed part depends on (e.g. "item:<column id>"); `slots` hold the per-request values. `context`
    may be a callable returning the dict, called only when the frame has to be built."""
    key = (current_generation(request), template_name, frame_key)
    parts = frames.get(key)
    if parts is None:
        parts = _build(request, template_name, context, slots)
        frames.put(key, parts)
    pieces = []
    for index, part in enumerate(parts):
        pieces.append(part if index % 2 == 0 else conditional_escape(slots[part]))
    return HttpResponse("".join(pieces), status=status)
