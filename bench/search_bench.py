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
the corpus and rare ones a handful, as in a real portal. Segmentation runs in a process pool (jieba
search mode, the same function the services use); loading uses COPY (PostgreSQL) or executemany
(SQLite), then the full-text index is built.

Queries go through `gongkai.search.selectors.search` as the public page calls it (AND semantics with
fallback, count, one page of 20 highlighted hits, facets): 100 one-word queries over the whole
frequency range, 50 two-word queries, 20 traditional-character queries. Target: p95 ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from multiprocessing import Pool
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


def zipf_choice(rng: random.Random, items: list[str]) -> str:
    # rank r chosen with probability ~ 1/r: the first words are very common, the last rare
    r = int(len(items) ** rng.random())
    return items[min(r, len(items)) - 1] if r else items[0]


def make_doc(i: int) -> tuple:
    rng = random.Random(i)
    subject = zipf_choice(rng, SUBJECTS)
    title = f"{rng.choice(UNITS_WORDS)}{rng.choice(VERBS)}{subject}{rng.choice(TAILS)}"
    parts = []
    while sum(map(len, parts)) < 200:
        if rng.random() < 0.45:
            parts.append(f"围绕{zipf_choice(rng, SUBJECTS)}，{rng.choice(FILLER)}")
        else:
            parts.append(rng.choice(FILLER))
    body = "".join(parts)
    kind = rng.choice(KINDS)
    published = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 11 * 365))
    validity = rng.choice(VALIDITY) if kind == "policy" else ""
    doc_number = f"江府办〔{published.year}〕{rng.randrange(1, 300)}号" if kind == "policy" else ""
    return (f"bench.doc:{i}", kind, title, body, f"/xxgk/bench/{i}/", published, published.year,
            rng.choice(TOPICS), validity, doc_number, rng.random() > 0.03)


def segment_row(i: int) -> tuple:
    from gongkai.search.segmentation import segment_for_index

    key, kind, title, body, url, published, year, topic, validity, doc_number, public = make_doc(i)
    return (key, kind, title, body, url, published, year, topic, validity, doc_number, public,
            segment_for_index(f"{title} {doc_number}".strip()), segment_for_index(body))


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


def build(n: int, workers: int, unit_ids: list[int]) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.search.services import search_index_rebuild

    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_searchdocument")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES('delete-all')")

    t0 = time.perf_counter()
    seg_time = 0.0
    load_time = 0.0
    placeholders = ", ".join(["%s"] * len(COLUMNS))
    insert = f"INSERT INTO search_searchdocument ({', '.join(COLUMNS)}) VALUES ({placeholders})"
    batch = 20000
    with Pool(workers) as pool:
        for start in range(0, n, batch):
            s0 = time.perf_counter()
            rows = pool.map(segment_row, range(start, min(n, start + batch)), chunksize=500)
            seg_time += time.perf_counter() - s0
            rows = [(*r, unit_ids[hash(r[0]) % len(unit_ids)] if unit_ids else None, now) for r in rows]
            l0 = time.perf_counter()
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    raw = connection.connection
                    with raw.cursor() as cur, cur.copy(
                        f"COPY search_searchdocument ({', '.join(COLUMNS)}) FROM STDIN"
                    ) as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    with connection.cursor() as cursor:
                        cursor.executemany(insert, rows)
            load_time += time.perf_counter() - l0
            done = min(n, start + batch)
            print(f"\r  {done:,}/{n:,} documents  segment {seg_time:.0f}s  load {load_time:.0f}s", end="", flush=True)
    print()
    i0 = time.perf_counter()
    with transaction.atomic():
        search_index_rebuild()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchdocument") if not connection.in_atomic_block else None
    index_time = time.perf_counter() - i0
    total = time.perf_counter() - t0
    print(f"indexing: {n:,} docs in {total:.1f}s  (jieba segmentation {seg_time:.1f}s on {workers} processes, "
          f"load {load_time:.1f}s, full-text index build {index_time:.1f}s; "
          f"{'GIN maintained during COPY' if connection.vendor == 'postgresql' else 'FTS5 rebuild'})")


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


def run_queries(rounds: int) -> None:
    import opencc

    from gongkai.search.selectors import search
    from gongkai.search.services import search_document_upsert

    rng = random.Random(7)
    words = [w for w in SUBJECTS for _ in range(2)][:100]
    singles = (words + ["低保", "公开", "通知", "办法", "蓬江区", "防汛", "殡葬", "侨务"])[:100]
    doubles = [f"{rng.choice(SUBJECTS)} {rng.choice(['通知', '办法', '实施方案', '蓬江区', '市民政局', '公告'])}"
               for _ in range(50)]
    t2t = opencc.OpenCC("s2t")
    traditional = [t2t.convert(w) for w in rng.sample(SUBJECTS, 20)]
    search(query="预热")  # jieba and OpenCC dictionaries load outside the timing

    print("queries (public search: count + 20 highlighted hits + facets):")
    all_ms: list[float] = []
    for label, queries in (("one word", singles), ("two words (AND)", doubles), ("traditional characters", traditional)):
        ms = []
        for _ in range(rounds):
            ms += timed(lambda q: search(query=q), queries)
        report(label, ms)
        all_ms += ms
    report("all public queries", all_ms)
    ms = timed(lambda q: search(query=q, order="date"), singles)
    report("one word, date order", ms)
    ms = timed(lambda q: search(query=q, with_facets=False), singles)
    report("one word, without facets", ms)
    ms = timed(lambda q: search(query=q, kinds=["policy"], year=2024), singles)
    report("one word + kind + year filters", ms)

    from django.db import transaction

    sid = transaction.savepoint()
    ms = []
    for i in range(200):
        t = time.perf_counter()
        search_document_upsert(key=f"bench.live:{i}", kind="item", title=f"关于做好{rng.choice(SUBJECTS)}工作的通知",
                               body="".join(rng.choice(FILLER) for _ in range(10)), url="/x/", is_public=True)
        ms.append((time.perf_counter() - t) * 1000)
    transaction.savepoint_rollback(sid)
    report("live upsert (service, one document)", ms)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", choices=["sqlite", "pg"], default="sqlite")
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--path", default="/tmp/gongkai-search-bench.sqlite3", help="SQLite file (never var/gongkai.sqlite3)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
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
    print(f"backend: {connection.vendor}  documents wanted: {args.n:,}")
    existing = SearchDocument.objects.count()
    if existing != args.n or args.rebuild:
        build(args.n, args.workers, unit_ids)
    else:
        print(f"reusing the existing corpus of {existing:,} documents (--rebuild to regenerate)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('search_searchdocument'))")
            print(f"table + indexes: {cursor.fetchone()[0]}")
    else:
        print(f"database file: {Path(args.path).stat().st_size / 1048576:.0f} MB")
    with transaction.atomic():
        run_queries(args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
