"""Search benchmark: indexing time and query latency (p50/p95) of gongkai.search on SQLite FTS5 or
PostgreSQL full text, over N synthetic government documents.

    .venv/bin/python bench/search_bench.py --db sqlite [--n 1000000] [--path /tmp/gongkai-search-bench.sqlite3]
    DB=pg PGHOST=127.0.0.1 PGPORT=5445 PGUSER=gov PGPASSWORD=gov PGDATABASE=gov_bench \\
        .venv/bin/python bench/search_bench.py --db pg [--n 1000000]

Uses its own database (a file under /tmp for SQLite; the PG* database for PostgreSQL — give it a
database of its own, the bench empties the search table). The corpus is kept between runs when it
already has N documents (--rebuild forces a new one).

Documents: a title of 12–30 characters and a body of about 200 characters built from government
vocabulary with a Zipf-like word frequency, so that common words (工作, 公开) match a large share of
the corpus and rare ones a handful, as in a real portal. Each pool sentence and title is segmented once
(jieba search mode, the same function the services use); loading uses COPY (PostgreSQL) or executemany
(SQLite), then the side table and the full-text index are rebuilt from the documents table
(`services.search_index_rebuild()`, as `gongkai search reindex` does).

Queries go through `gongkai.search.selectors.search` as the public page calls it (AND semantics with
fallback, count, one page of 20 highlighted hits, facets): 100 one-word queries over the whole
frequency range, 50 two-word queries, 20 traditional-character queries. Target: p95 ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SUBJECTS = [
    "政府信息公开", "政务公开", "依申请公开", "规范性文件", "行政复议", "社会救助", "最低生活保障", "临时救助",
    "特困供养", "营商环境", "安全生产", "防汛防旱", "生态环境", "乡村振兴", "义务教育", "医疗保障", "养老服务",
    "住房保障", "食品安全", "消防安全", "农村公路", "城市更新", "招商引资", "财政预算", "财政决算", "政府采购",
    "重大项目", "双随机一公开", "行政处罚", "行政许可", "政务服务", "一网通办", "人才引进", "就业创业", "职业技能",
    "退役军人", "残疾人", "未成年人保护", "殡葬改革", "婚姻登记", "社会组织", "慈善捐赠", "地名管理", "防灾减灾",
    "森林防火", "河长制", "水污染防治", "大气污染防治", "垃圾分类", "文明城市", "侨务工作", "统计调查", "审计整改",
    "价格监测", "粮食储备", "电动自行车", "燃气安全", "校外培训", "疫苗接种", "家庭医生", "计划生育", "户籍管理",
]
UNITS_WORDS = ["市民政局", "市财政局", "市发展改革局", "市生态环境局", "市教育局", "市卫生健康局", "市应急管理局",
               "蓬江区", "江海区", "新会区", "台山市", "开平市", "鹤山市", "恩平市", "江门市人民政府"]
VERBS = ["关于做好", "关于印发", "关于开展", "关于加强", "关于进一步规范", "关于公布", "关于调整", "关于征求"]
TAILS = ["工作的通知", "实施方案", "管理办法", "暂行办法", "工作要点", "的公告", "情况的报告", "的意见", "实施细则"]
FILLER = [
    "各镇人民政府、街道办事处，市直各有关单位：", "现将有关事项通知如下。", "请结合实际认真贯彻执行。",
    "执行中遇到的问题，请及时向主管部门反映。", "本办法自发布之日起施行，有效期五年。", "各地要加强组织领导，压实工作责任。",
    "相关经费从部门预算中统筹安排。", "要按照先审后发的要求做好信息发布工作。", "对群众反映强烈的问题要限期整改。",
    "工作开展情况请于每季度末报送。", "公开方式为主动公开。", "联系人及联系电话见附件。", "要建立健全长效机制。",
    "确保各项措施落到实处。", "加强宣传引导，营造良好氛围。", "按规定程序报批后组织实施。",
]
TOPICS = ["综合政务\\政务公开", "民政、扶贫、救灾\\社会救助", "财政、金融、审计\\财政", "城乡建设、环境保护\\环境监测、保护与治理",
          "工业、交通\\安全生产", "教育\\其他", "卫生、体育\\医药管理", "劳动、人事、监察\\就业"]
KINDS = ["item"] * 7 + ["policy", "interpretation", "gazette"]
VALIDITY = ["有效", "有效", "有效", "修改", "废止", "失效"]


SEED_DIR = Path("/work/shared/seeds")
SENTENCE_END = re.compile(r"(?<=[。；！？])|\n+")


def sentence_pool(rng: random.Random) -> tuple[list[str], list[str]]:
    """(titles, body sentences): real sentences of the shared seed documents (government notices) plus
    synthetic ones over the subject vocabulary, so that the vocabulary has a long tail."""
    sentences = []
    for path in sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.exists() else []:
        for s in SENTENCE_END.split(path.read_text(encoding="utf-8")):
            s = s.strip()
            if 8 <= len(s) <= 160:
                sentences.append(s)
    for subject in SUBJECTS:
        for filler in FILLER:
            if rng.random() < 0.5:
                sentences.append(f"围绕{subject}，{filler}")
    sentences += FILLER
    titles = sorted({f"{u}{v}{s}{t}" for u in UNITS_WORDS for v in VERBS for s in SUBJECTS for t in TAILS
                     if rng.random() < 0.02})
    rng.shuffle(sentences)  # pool rank (→ frequency) independent of the source order
    rng.shuffle(titles)
    return titles, sentences


class Corpus:
    """N documents composed by drawing sentences from a fixed pool with Zipf-like weights (rank^-1.1):
    each pool sentence is segmented with jieba once, and a document's segmented text is the join of its
    sentences' cached tokens (jieba is never run per document)."""

    def __init__(self, seed: int = 1):
        from gongkai.search.segmentation import segment_for_index

        rng = random.Random(seed)
        self.titles, self.sentences = sentence_pool(rng)
        self.title_seg = [segment_for_index(t) for t in self.titles]
        self.sentence_seg = [segment_for_index(s) for s in self.sentences]
        self.title_weights = list(itertools.accumulate(1 / (r + 1) ** 1.1 for r in range(len(self.titles))))
        self.sentence_weights = list(itertools.accumulate(1 / (r + 1) ** 1.1 for r in range(len(self.sentences))))

    def doc_parts(self, rng: random.Random) -> tuple[int, list[int]]:
        t = rng.choices(range(len(self.titles)), cum_weights=self.title_weights)[0]
        s = rng.choices(range(len(self.sentences)), cum_weights=self.sentence_weights, k=rng.randint(3, 8))
        return t, s

    def rows(self, start: int, stop: int, unit_ids: list[int], now):
        from gongkai.search.segmentation import segment_for_index

        for i in range(start, stop):
            rng = random.Random(i)
            t, s = self.doc_parts(rng)
            kind = rng.choice(KINDS)
            published = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 11 * 365))
            validity = rng.choice(VALIDITY) if kind == "policy" else ""
            doc_number = f"江府办〔{published.year}〕{rng.randrange(1, 300)}号" if kind == "policy" else ""
            title = self.titles[t]
            title_seg = self.title_seg[t] + (" " + segment_for_index(doc_number) if doc_number else "")
            body = "".join(self.sentences[j] for j in s)
            body_seg = " ".join(self.sentence_seg[j] for j in s)
            yield (f"bench.doc:{i}", kind, title, body, f"/xxgk/bench/{i}/", published, published.year,
                   rng.choice(TOPICS), validity, doc_number, rng.random() > 0.03, title_seg, body_seg,
                   unit_ids[i % len(unit_ids)] if unit_ids else None, now)

    def sample_document_frequencies(self, n: int, sample: int = 20000) -> dict[str, float]:
        """Estimated number of documents (out of n) holding each token, from a sample of documents."""
        df: Counter = Counter()
        for i in random.Random(3).sample(range(n), min(n, sample)):
            t, s = self.doc_parts(random.Random(i))
            tokens = set(self.title_seg[t].split())
            for j in s:
                tokens.update(self.sentence_seg[j].split())
            df.update(tokens)
        scale = n / min(n, sample)
        return {w: c * scale for w, c in df.items()}


def setup_django(args) -> None:
    if args.db == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{args.path}"
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["DB"] = "pg"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "search", verbosity=0)
    call_command("migrate", "organisations", verbosity=0)
    call_command("migrate", "core", verbosity=0)


COLUMNS = ("key", "kind", "title", "body", "url", "published_on", "year", "topic", "validity", "doc_number",
           "is_public", "title_seg", "body_seg", "unit_id", "indexed_at")


def build(corpus: Corpus, n: int, unit_ids: list[int]) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    now = timezone.now()
    pg = connection.vendor == "postgresql"
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        if pg:
            cursor.execute("TRUNCATE search_searchdocument, search_entry")
        else:
            cursor.execute("DELETE FROM search_entry")
            cursor.execute("DELETE FROM search_searchdocument")
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES('delete-all')")
            cursor.execute("PRAGMA synchronous=OFF")
    placeholders = ", ".join(["%s"] * len(COLUMNS))
    insert = f"INSERT INTO search_searchdocument ({', '.join(COLUMNS)}) VALUES ({placeholders})"
    batch = 50000
    for start in range(0, n, batch):
        rows = corpus.rows(start, min(n, start + batch), unit_ids, now)
        with transaction.atomic():
            if pg:
                with connection.connection.cursor() as cur, cur.copy(
                    f"COPY search_searchdocument ({', '.join(COLUMNS)}) FROM STDIN"
                ) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                with connection.cursor() as cursor:
                    cursor.executemany(insert, list(rows))
        print(f"\r  {min(n, start + batch):,}/{n:,} documents loaded  {time.perf_counter() - t0:.0f}s",
              end="", flush=True)
    print()
    load_time = time.perf_counter() - t0
    i0 = time.perf_counter()
    rebuild_index()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_entry" if pg else "ANALYZE")
    index_time = time.perf_counter() - i0
    print(f"indexing: {n:,} docs in {time.perf_counter() - t0:.1f}s  (load {load_time:.1f}s, "
          f"entries + full-text index build {index_time:.1f}s: "
          f"{'entries with tsvector, CREATE INDEX … USING gin, VACUUM ANALYZE' if pg else 'entries, FTS5 insert + optimize, ANALYZE'}; "
          f"{len(corpus.sentences):,} pool sentences and {len(corpus.titles):,} titles segmented once)")


def rebuild_index() -> None:
    """The side table and full-text index from the documents table, as `gongkai search reindex` does."""
    from django.db import transaction

    from gongkai.search.services import search_index_rebuild

    with transaction.atomic():
        search_index_rebuild()


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def timed(fn, queries) -> list[float]:
    out = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - t) * 1000)
    return out


def report(label: str, ms: list[float]) -> None:
    print(f"  {label:<44} n={len(ms):<4} p50 {statistics.median(ms):7.1f} ms   p95 {percentile(ms, 95):7.1f} ms"
          f"   max {max(ms):7.1f} ms")


CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
# Document-frequency bands as a share of the corpus (at 1M: ≥ 100k, 10k–100k, 1k–10k, < 1k documents).
BANDS = (("common ≥ 10% of docs", 0.1, None), ("frequent 1–10%", 0.01, 0.1),
         ("medium 0.1–1%", 0.001, 0.01), ("rare < 0.1%", 0, 0.001))


def pick_queries(corpus: Corpus, n: int) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """100 one-word queries (2–4 characters, from the corpus vocabulary, stratified by document
    frequency: 25 per band where the band has them), 50 two-word AND queries (common+common,
    common+rare, rare+rare mixes), 20 traditional-character queries."""
    from gongkai.search.segmentation import parse_query

    rng = random.Random(7)
    df = {w: c / n for w, c in corpus.sample_document_frequencies(n).items()}
    vocab = [w for w in df if CJK_WORD.match(w) and len(parse_query(w).terms) == 1]
    by_band = {label: sorted(w for w in vocab if lo <= df[w] < (hi or float("inf"))) for label, lo, hi in BANDS}
    singles: list[tuple[str, str]] = []
    for label, words in by_band.items():
        singles += [(label, w) for w in rng.sample(words, min(25, len(words)))]
    rest = sorted(set(vocab) - {w for _, w in singles})
    singles += [("", w) for w in rng.sample(rest, max(0, 100 - len(singles)))]
    singles = [(next(lbl for lbl, lo, hi in BANDS if lo <= df[w] < (hi or float("inf"))), w) for _, w in singles]
    common = by_band["common ≥ 10% of docs"] + by_band["frequent 1–10%"]
    rarer = by_band["medium 0.1–1%"] + by_band["rare < 0.1%"]
    doubles = []
    for i in range(50):
        a_pool, b_pool = ((common, common), (common, rarer), (rarer, rarer))[i % 3]
        a, b = rng.choice(a_pool or vocab), rng.choice(b_pool or vocab)
        doubles.append(f"{a} {b}")
    import opencc

    t2t = opencc.OpenCC("s2t")
    traditional = [t2t.convert(w) for _, w in rng.sample(singles, 20)]
    return singles, doubles, traditional


def run_queries(corpus: Corpus, n: int, rounds: int) -> None:
    from gongkai.search.selectors import search
    from gongkai.search.services import search_document_upsert

    singles, doubles, traditional = pick_queries(corpus, n)
    rng = random.Random(9)
    # The corpus model (pool, sampled frequencies) is millions of Python objects that a web process does
    # not have; move them out of the cyclic collector's reach so that its full passes are not timed.
    gc.collect()
    gc.freeze()
    for q in ("预热", singles[0][1], doubles[0]):
        search(query=q)  # jieba and OpenCC dictionaries load outside the timing

    print("queries (public search as the page runs it: count (capped) + 20 highlighted hits + facets when small):")
    all_ms: list[float] = []
    single_ms: dict[str, list[float]] = {label: [] for label, _, _ in BANDS}
    for _ in range(rounds):
        for band, q in singles:
            single_ms[band] += timed(lambda q: search(query=q), [q])
    for label, ms in single_ms.items():
        if ms:
            report(f"  one word, {label}", ms)
    ones = [m for ms in single_ms.values() for m in ms]
    report("one word (2–4 characters)", ones)
    all_ms += ones
    for label, queries in (("two words (AND)", doubles), ("traditional characters", traditional)):
        ms = []
        for _ in range(rounds):
            ms += timed(lambda q: search(query=q), queries)
        report(label, ms)
        all_ms += ms
    report("all public queries", all_ms)
    words = [w for _, w in singles]
    report("one word, date order", timed(lambda q: search(query=q, order="date"), words))
    report("one word, page 3", timed(lambda q: search(query=q, page=3), words))
    report("one word + kind + year filters", timed(lambda q: search(query=q, kinds=["policy"], year=2024), words))
    from gongkai.organisations.models import User

    coordinator = User.objects.filter(username="gkb").first()  # 公开办: drafts of the whole city in scope
    if coordinator is not None:
        report("one word, staff search (coordinator scope)", timed(lambda q: search(query=q, user=coordinator), words))

    from django.db import transaction

    def upserts(keys) -> list[float]:
        """Each key upserted once through the service, timed; rolled back afterwards."""
        sid = transaction.savepoint()
        ms = []
        for key in keys:
            t = time.perf_counter()
            search_document_upsert(key=key, kind="item", title=f"关于做好{rng.choice(SUBJECTS)}工作的通知",
                                   body="".join(rng.choice(FILLER) for _ in range(10)), url="/x/", is_public=True)
            ms.append((time.perf_counter() - t) * 1000)
        transaction.savepoint_rollback(sid)
        return ms

    report("live upsert (service, one new document)", upserts(f"bench.live:{i}" for i in range(200)))
    report("live upsert (service, replacing a document)",
           upserts(f"bench.doc:{i}" for i in random.Random(11).sample(range(n), min(n, 200))))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", choices=["sqlite", "pg"], default="sqlite")
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--path", default="/tmp/gongkai-search-bench.sqlite3", help="SQLite file (never var/gongkai.sqlite3)")
    ap.add_argument("--rounds", type=int, default=1, help="repeat each query list this many times")
    ap.add_argument("--rebuild", action="store_true", help="regenerate the corpus even if it has N documents")
    args = ap.parse_args()
    if args.db == "sqlite" and Path(args.path).resolve().name == "gongkai.sqlite3":
        ap.error("use a separate database file for the bench")
    setup_django(args)

    import io

    from django.db import connection, transaction

    from gongkai.organisations import demo as directory_demo
    from gongkai.organisations.models import Unit
    from gongkai.search.models import SearchDocument

    with transaction.atomic():
        directory_demo.load(io.StringIO())
    unit_ids = list(Unit.objects.exclude(kind="office").values_list("id", flat=True))
    print(f"backend: {connection.vendor}  documents wanted: {args.n:,}  ({os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f})")
    corpus = Corpus()
    existing = SearchDocument.objects.count()
    if existing != args.n or args.rebuild:
        build(corpus, args.n, unit_ids)
    else:
        print(f"reusing the existing corpus of {existing:,} documents (--rebuild to regenerate)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('search_searchdocument')), "
                           "pg_size_pretty(pg_total_relation_size('search_entry')), "
                           "pg_size_pretty(pg_relation_size('search_entry'))")
            docs, entries, heap = cursor.fetchone()
            print(f"documents table + indexes: {docs}; search_entry incl. vectors and GIN: {entries} (heap {heap})")
    else:
        print(f"database file: {Path(args.path).stat().st_size / 1048576:.0f} MB")
    with transaction.atomic():
        run_queries(corpus, args.n, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
