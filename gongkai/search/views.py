"""Search pages: the public /search/ (published content only) and the staff /staff/search/ (also the
drafts of the units the user may see)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .forms import SearchForm
from .kinds import DocumentKind
from .selectors import ORDER_LABELS, search

FACET_TITLES = [("kind", "类型"), ("unit", "发布单位"), ("year", "年份"), ("topic", "主题分类"), ("validity", "有效性")]


def _href(request, **changes) -> str:
    """The current query string with `changes` applied (None removes a parameter), always back to page 1;
    parameters that were invalid are dropped."""
    return _href_maker(request)(**changes)


def _href_maker(request):
    """_href for many links of one page: the current parameters are read once, then each link is one
    urlencode (a QueryDict copy per facet value cost more than the rest of the facets)."""
    dropped = {"page", *getattr(request, "_search_invalid", ())}
    base = [(k, v) for k, values in request.GET.lists() if k not in dropped for v in values]

    def href(**changes) -> str:
        pairs = [(k, v) for k, v in base if k not in changes]
        pairs += [(k, v) for k, v in changes.items() if v is not None]
        return "?" + urlencode(pairs)

    return href


def _facet_sections(request, results) -> list:
    href = _href_maker(request)
    sections = []
    for name, title in FACET_TITLES:
        values = results.facets.get(name) or []
        for value in values:
            value.href = href(**{name: value.value})
        if values:
            sections.append((title, values))
    return sections


def _options(form, name: str) -> list[tuple[str, str, bool]]:
    """(value, label, selected) of a choice field, for the template to write out: Django's widgets render
    each option through a template of its own, which made the form cost more than the search."""
    raw = form[name].value() if form.is_bound else form.fields[name].initial
    chosen = {str(v) for v in raw} if isinstance(raw, (list, tuple)) else {str(raw if raw is not None else "")}
    return [(str(value), label, str(value) in chosen) for value, label in form.fields[name].choices]


def _chips(request, args, unit_label) -> list[tuple[str, str]]:
    chips = []
    kinds = dict(DocumentKind.choices)
    for kind in args.get("kinds") or []:
        remaining = request.GET.copy()
        remaining.pop("page", None)
        remaining.setlist("kind", [k for k in remaining.getlist("kind") if k != kind])
        chips.append((f"类型：{kinds.get(kind, kind)}", "?" + remaining.urlencode()))
    if args.get("unit"):
        chips.append((f"单位：{unit_label}", _href(request, unit=None)))
    if args.get("year"):
        chips.append((f"{args['year']}年", _href(request, year=None)))
    if args.get("topic"):
        chips.append((f"主题：{args['topic']}", _href(request, topic=None)))
    if args.get("validity"):
        chips.append((f"有效性：{args['validity']}", _href(request, validity=None)))
    return chips


def _context(request, *, user, page_size: int = 20) -> dict:
    form = SearchForm(request.GET or None)
    args = form.search_arguments() if request.GET else {"query": ""}
    results = search(user=user, page_size=page_size, **args)
    request._search_invalid = set(form.errors) if request.GET else set()
    unit_label = ""
    if args.get("unit"):
        unit_label = dict(form.fields["unit"].choices).get(str(args["unit"]), "").strip("\u3000")
    return {
        "form": form,
        "results": results,
        "problems": form.problems() if request.GET else [],
        "searched": bool(request.GET),
        "args": args,
        "unit_label": unit_label,
        "order_labels": ORDER_LABELS,
        "options": {name: _options(form, name) for name in ("kind", "unit", "year", "validity")},
        "facet_sections": _facet_sections(request, results),
        "chips": _chips(request, args, unit_label),
    }


def public_search(request):
    return render(request, "search/public_search.html", _context(request, user=None))


@login_required
def staff_search(request):
    return render(request, "search/staff_search.html", _context(request, user=request.user))
