"""Portal latency at scale: a column list page and an item page over 1,000,000 published items, next to the
p95 of a trivial Django view measured in the same run (target: list and item pages within 3× that floor),
and the public search page over a search index of as many documents (target: p95 ≤ 50 ms).

    .venv/bin/python bench/portal_bench.py --db sqlite [--items 1000000] [--requests 400]
    DB=pg PGHOST=127.0.0.1 PGPORT=5443 PGUSER=gov PGPASSWORD=gov PGDATABASE=portal_bench \\
        .venv/bin/python bench/portal_bench.py --db pg

SQLite uses a fresh temporary file; PostgreSQL uses the database named by PGDATABASE, which it drops and
recreates (never point it at real data). Requests go through the full middleware stack with Django's test
client, in process, so the floor measures Django itself and the difference is the pages' own cost.
Half the items sit in one column (the worst case for a list page); list requests hit the first page and
deep keyset pages at random cursors; item requests open random items by 索引号. Each page kind is measured
cold (page cache emptied before the request: rendered from the database and stored — the cost of the first
visitor after a publication) and warm (served from the page cache, disclosure/pagecache.py — the cost of
every later anonymous visitor until the next change). The target applies to both; both are printed.

Then the same pages are timed as a client sees them (--served, on by default): served over HTTP/1.1
keep-alive by gunicorn with the production configuration (deploy/gunicorn.conf.py, one worker, one thread,
access log on) and the production cache layout (the generation in a file-based cache shared by the
processes, pages in the worker's memory), next to the trivial view served the same way. A cold request
there is the first request the server has seen for that address (the column frames are built beforehand).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import io
import os
import random
import statistics
import sys
import tempfile
import time
import types

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def _prepare_database(kind: str) -> None:
    if kind == "pg":
        import psycopg

        name = os.environ.get("PGDATABASE", "portal_bench")
        if name in ("gov", "gongkai"):
            sys.exit(f"refusing to drop PGDATABASE={name}: pass a scratch database name")
        with psycopg.connect(dbname="postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DB"] = "pg"
    else:
        path = os.path.join(tempfile.mkdtemp(prefix="portal-bench-"), "bench.sqlite3")
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.test")


def _install_urls() -> None:
    """The project's URLs plus /__trivial__/, the floor view."""
    from django.conf import settings
    from django.http import HttpResponse
    from django.shortcuts import render
    from django.urls import clear_url_caches, include, path

    def trivial(request):
        return HttpResponse("ok")

    def chrome(request):
        """The public page chrome alone: public/base.html with no query and no content."""
        return render(request, "public/base.html", {})

    module = types.ModuleType("portal_bench_urls")
    module.urlpatterns = [path("__trivial__/", trivial), path("__chrome__/", chrome), path("", include("gongkai.urls"))]
    sys.modules["portal_bench_urls"] = module
    settings.ROOT_URLCONF = "portal_bench_urls"
    clear_url_caches()


def served_application():
    """The WSGI application gunicorn runs for the served measurement (`portal_bench:served_application()`):
    the project, the floor views and the production cache layout, on the bench's database."""
    import django

    django.setup()
    from django.conf import settings

    from gongkai.settings.base import production_caches

    settings.CACHES = production_caches(shared_location=os.environ["PORTAL_BENCH_CACHE_DIR"], page_entries=1_000_000)
    settings.GONGKAI_DISCLOSURE_PAGE_CACHE_ALIAS = "pages"
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    _install_urls()
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def _generate(total: int) -> tuple[list, list[str], object]:

    from gongkai.disclosure import services
    from gongkai.disclosure.models import FreshnessClass, InformationItem, ItemKind, ItemStatus
    from gongkai.organisations import demo
    from gongkai.organisations.models import Unit, UnitKind

    demo.load(io.StringIO())
    units = list(Unit.objects.filter(kind__in=[UnitKind.DEPARTMENT, UnitKind.GOVERNMENT]).exclude(credit_code=""))
    columns = []
    for unit in units:
        for slug, name in [("tzgg", "通知公告"), ("zcwj", "政策文件"), ("gzdt", "工作动态")]:
            columns.append(services.column_create(
                unit=unit, slug=slug, name=name, section="news" if slug == "gzdt" else "statutory",
                freshness_class=FreshnessClass.DYNAMIC if slug == "gzdt" else FreshnessClass.NOTICE_POLICY,
                opened_on=dt.date(2015, 1, 1)))
    big = columns[0]
    start_day = dt.date(2016, 1, 1)
    keys: list[str] = []
    batch: list = []
    rng = random.Random(7)
    began = time.perf_counter()
    body = "根据《中华人民共和国政府信息公开条例》有关规定，现将有关事项公告如下。" * 8
    for n in range(total):
        column = big if n % 2 == 0 else columns[1 + n % (len(columns) - 1)]
        day = start_day + dt.timedelta(days=n * 3650 // total)
        number = f"{column.unit.credit_code}/{day.year}-{n:07d}"
        batch.append(InformationItem(
            unit_id=column.unit_id, column_id=column.pk, kind=ItemKind.NOTICE, title=f"关于第{n}号事项的公告",
            body=body, index_number=number, topic="综合政务\\政务公开", issuing_organ=column.unit.name,
            written_on=day, doc_number=f"江府〔{day.year}〕{n % 900}号", published_on=day,
            status=ItemStatus.PUBLISHED, content_hash="0" * 64,
        ))
        if rng.random() < 0.001:
            keys.append(number)
        if len(batch) == 2000:
            InformationItem.objects.bulk_create(batch)
            batch = []
            if (n + 1) % 100000 == 0:
                print(f"  {n + 1:>9,} items  {time.perf_counter() - began:6.1f} s", flush=True)
    if batch:
        InformationItem.objects.bulk_create(batch)
    for column in columns:
        services._refresh_column_counters(column.pk)
    _settle()
    print(f"generated {total:,} items in {time.perf_counter() - began:.1f} s", flush=True)
    return columns, keys, big


def _settle() -> None:
    """Statistics, and on PostgreSQL a VACUUM, after a bulk load: otherwise autovacuum works through the
    freshly loaded rows (setting hint bits and the visibility map) while the requests are being timed."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[94] * 1000


def _forget_page(url: str) -> None:
    """Remove one page from the page cache (its frame, column row and breadcrumbs stay cached)."""
    from django.conf import settings
    from django.test import RequestFactory

    from gongkai.disclosure.pagecache import _page_key, current_generation, page_cache

    path, _, query = url.partition("?")
    request = RequestFactory().get(path, QUERY_STRING=query)
    request.LANGUAGE_CODE = settings.LANGUAGE_CODE
    page_cache().delete(_page_key(request, current_generation()))


def _measure(client, urls: list[str], expect: int = 200, cache: str = "") -> list[float]:
    """Time each GET. cache="cold": the page is removed from the page cache before the request (outside the
    timing), so it is rendered from the database: the first visitor of a page, e.g. any of a million items;
    cache="changed": the whole platform was just changed (platform_changed(), as a publication does), so the
    page's frame, column row and breadcrumbs are rebuilt too; cache="warm": the page must come from the cache."""
    from gongkai.disclosure.pagecache import platform_changed

    expected_header = {"cold": "miss", "changed": "miss", "warm": "hit"}.get(cache)
    samples = []
    for url in urls:
        if cache == "cold":
            _forget_page(url)
        elif cache == "changed":
            platform_changed()
        began = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - began)
        if response.status_code != expect:
            raise SystemExit(f"{url} answered {response.status_code}")
        if expected_header and response.get("X-Page-Cache") != expected_header:
            raise SystemExit(f"{url}: expected a {cache} page cache, got {response.get('X-Page-Cache')!r}")
    return samples


def _search_samples(client, documents: int) -> dict[str, list[float]]:
    """Fill the search index with `documents` government texts (bench/search_bench.py's corpus: Zipf-weighted
    sentences of real notices, so that common words match a large share and rare ones a handful) and time the
    public search page for its query mix: 100 single words across the frequency range, 50 two-word AND
    queries, 20 in traditional characters; each query twice (relevance order, then date order)."""
    if not documents:
        return {}
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import search_bench

    from gongkai.organisations.models import Unit

    print(f"search index: {documents:,} documents", flush=True)
    corpus = search_bench.Corpus()
    search_bench.build(corpus, documents, list(Unit.objects.values_list("id", flat=True)))
    _settle()
    singles, doubles, traditional = search_bench.pick_queries(corpus, documents)
    queries = [w for _, w in singles] + doubles + traditional
    for query in queries[:20]:  # warm up
        client.get("/search/", {"q": query})
    samples: dict[str, list[float]] = {"relevance order": [], "date order": []}
    for query in queries:
        for label, order in (("relevance order", "relevance"), ("date order", "date")):
            began = time.perf_counter()
            response = client.get("/search/", {"q": query, "order": order})
            samples[label].append(time.perf_counter() - began)
            if response.status_code != 200:
                raise SystemExit(f"/search/?q={query} answered {response.status_code}")
    samples["all searches"] = samples["relevance order"] + samples["date order"]
    return samples


class _Server:
    """gunicorn with deploy/gunicorn.conf.py serving served_application(), one worker and one thread (every
    request lands in the same process and its page cache), and one keep-alive connection to it."""

    def __init__(self):
        from gongkai.core import serving

        directory = tempfile.mkdtemp(prefix="portal-bench-served-")
        env = {**os.environ, "GONGKAI_WORKERS": "1", "GONGKAI_THREADS": "1", "GONGKAI_LOG_LEVEL": "warning",
               "PORTAL_BENCH_CACHE_DIR": os.path.join(directory, "cache")}
        try:
            self.process, port = serving.start_gunicorn(
                env, os.path.join(directory, "gunicorn.log"),
                extra_args=("--pythonpath", "bench", "portal_bench:served_application()"))
        except RuntimeError as exc:
            sys.exit(str(exc))
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, url: str, expect_cache: str = "") -> float:
        began = time.perf_counter()
        self.connection.request("GET", url)
        response = self.connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - began
        if response.status != 200:
            sys.exit(f"served {url} answered {response.status}")
        if expect_cache and response.getheader("X-Page-Cache") != expect_cache:
            sys.exit(f"served {url}: expected a {expect_cache} page cache, got {response.getheader('X-Page-Cache')!r}")
        return elapsed

    def stop(self) -> None:
        from gongkai.core import serving

        self.connection.close()
        serving.stop(self.process)


def _served_samples(requests: int, columns, big) -> dict[str, list[float]]:
    """The floor and the pages over HTTP. Cold = an address the server has not seen (each measured once),
    warm = the same address again. Every column's frames are built first, by one list page and one item page
    of the column that are not measured."""
    from django.db import models

    from gongkai.disclosure.models import InformationItem, ItemStatus

    rng = random.Random(13)
    public = InformationItem.objects.filter(status=ItemStatus.PUBLISHED)
    bounds = public.aggregate(lo=models.Min("id"), hi=models.Max("id"))
    sample = rng.sample(range(bounds["lo"], bounds["hi"] + 1), min(requests * 4, bounds["hi"] - bounds["lo"] + 1))
    dated = list(public.filter(column=big, pk__in=sample).values_list("published_on", "id"))[:requests]
    items = list(public.filter(pk__in=sample).exclude(index_number="").values_list("index_number", flat=True))
    items = items[:requests + 1]
    rng.shuffle(dated)
    rng.shuffle(items)
    column_urls = [f"/xxgk/{big.unit_id}/{big.slug}/?after={day.isoformat()}_{pk}" for day, pk in dated]
    item_urls = [f"/xxgk/item/{key}/" for key in items[1:]]
    server = _Server()
    try:
        for column in columns:
            server.get(f"/xxgk/{column.unit_id}/{column.slug}/")
            first = public.filter(column=column).exclude(index_number__in=items).values_list("index_number", flat=True)[:1]
            for key in first:
                server.get(f"/xxgk/item/{key}/")
        for _ in range(30):
            server.get("/__trivial__/")
            server.get("/__chrome__/")
        results: dict[str, list[float]] = {k: [] for k in (
            "trivial", "chrome", "column_cold", "column_warm", "item_cold", "item_warm")}
        step = 50
        for start in range(0, requests, step):
            results["trivial"] += [server.get("/__trivial__/") for _ in range(step)]
            results["chrome"] += [server.get("/__chrome__/") for _ in range(step)]
            for kind, urls in (("column", column_urls), ("item", item_urls)):
                batch = urls[start:start + step]
                results[f"{kind}_cold"] += [server.get(url, "miss") for url in batch]
                results[f"{kind}_warm"] += [server.get(url, "hit") for url in batch]
    finally:
        server.stop()
    return results


def _print_pages(title: str, results: dict[str, list[float]]) -> None:
    floor = _p95(results["trivial"])
    chrome = _p95(results["chrome"])
    print(f"\n{title}")
    print(f"{'page':<26}{'p50 ms':>9}{'p95 ms':>9}{'× floor':>9}{'× chrome':>10}  target (≤3× floor)")
    for label, key in [("trivial view (floor)", "trivial"), ("base template (chrome)", "chrome"),
                       ("column list, cold", "column_cold"), ("column list, warm", "column_warm"),
                       ("column list, after change", "column_changed"),
                       ("item page, cold", "item_cold"), ("item page, warm", "item_warm"),
                       ("item page, after change", "item_changed")]:
        samples = results.get(key)
        if not samples:
            continue
        p95 = _p95(samples)
        verdict = ("" if key in ("trivial", "chrome") else "(once per column per change)" if key.endswith("changed")
                   else "ok" if p95 <= 3 * floor else "MISSED")
        print(f"{label:<26}{statistics.median(samples) * 1000:>9.2f}{p95:>9.2f}{p95 / floor:>9.2f}"
              f"{p95 / chrome:>10.2f}  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "pg"], default="sqlite")
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--search-documents", type=int, default=None,
                        help="documents in the search index (default: as many as --items; 0 skips the search)")
    parser.add_argument("--served", action=argparse.BooleanOptionalAction, default=True,
                        help="also time the pages served over HTTP by gunicorn (default: on)")
    args = parser.parse_args()
    _prepare_database(args.db)
    import django

    django.setup()
    from django.conf import settings

    # An in-memory cache large enough for every page the run stores: Django's default LocMemCache keeps 300
    # entries and would evict pages between the priming and the warm measurement. Production uses a shared
    # cache (gongkai.settings.prod: file-based by default; Redis or Memcached are faster still).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "OPTIONS": {"MAX_ENTRIES": 1_000_000}}}
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    _install_urls()
    columns, keys, big = _generate(args.items)

    from gongkai.disclosure.models import InformationItem, ItemStatus

    rng = random.Random(11)
    # Deep keyset cursors anywhere in the big column.
    dated = list(InformationItem.objects.filter(column=big, status=ItemStatus.PUBLISHED)
                 .order_by("?" if args.db == "pg" else "id").values_list("published_on", "id")[:5000])
    rng.shuffle(dated)
    column_urls = []
    for i in range(args.requests):
        if i % 4 == 0:
            column_urls.append(f"/xxgk/{big.unit_id}/{big.slug}/")
        else:
            day, pk = dated[i % len(dated)]
            column_urls.append(f"/xxgk/{big.unit_id}/{big.slug}/?after={day.isoformat()}_{pk}")
    other = [c for c in columns if c.pk != big.pk]
    column_urls = [u if i % 5 else f"/xxgk/{other[i % len(other)].unit_id}/{other[i % len(other)].slug}/"
                   for i, u in enumerate(column_urls)]
    item_urls = [f"/xxgk/item/{keys[i % len(keys)]}/" for i in range(args.requests)]
    trivial_urls = ["/__trivial__/"] * args.requests
    chrome_urls = ["/__chrome__/"] * args.requests

    client = Client()
    for warm in (trivial_urls[:30], chrome_urls[:30], column_urls[:30], item_urls[:30]):
        _measure(client, warm)
    # Interleave the kinds in rounds so that each sees the same machine conditions. Cold = first hit after
    # an invalidation (rendered from the database, then stored); warm = the same URLs again, from the cache
    # (primed just before, untimed, so that a bounded LocMemCache cannot have culled them).
    results: dict[str, list[float]] = {k: [] for k in (
        "trivial", "chrome", "column_cold", "column_warm", "column_changed", "item_cold", "item_warm",
        "item_changed")}
    step = 50
    for start in range(0, args.requests, step):
        results["trivial"] += _measure(client, trivial_urls[start:start + step])
        results["chrome"] += _measure(client, chrome_urls[start:start + step])
        for kind, urls in (("column", column_urls), ("item", item_urls)):
            batch = urls[start:start + step]
            results[f"{kind}_changed"] += _measure(client, batch, cache="changed")
            _measure(client, batch)  # rebuild the frames of the columns in this batch, as their first visitors do
            results[f"{kind}_cold"] += _measure(client, batch, cache="cold")
            results[f"{kind}_warm"] += _measure(client, batch, cache="warm")
    served = _served_samples(args.requests, columns, big) if args.served else {}
    search_samples = _search_samples(client, args.items if args.search_documents is None else args.search_documents)
    print(f"\nportal_bench db={connection.vendor} items={InformationItem.objects.count():,} "
          f"requests={args.requests} per page type")
    _print_pages("in process (Django's test client, no HTTP)", results)
    if served:
        _print_pages("served (gunicorn, HTTP/1.1 keep-alive, production cache layout)", served)
    if search_samples:
        print(f"\n{'search page /search/?q=':<26}{'p50 ms':>9}{'p95 ms':>9}  target (p95 ≤ 50 ms)")
        for label, samples in search_samples.items():
            p95 = _p95(samples)
            print(f"{label:<26}{statistics.median(samples) * 1000:>9.2f}{p95:>9.2f}  "
                  f"{'ok' if p95 <= 50 else 'MISSED'}")


if __name__ == "__main__":
    main()
