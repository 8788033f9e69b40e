"""The side table (SearchEntry) and the filter tags stay in step with the documents, on both backends."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.search import tags
from gongkai.search.backends import PostgresBackend, SqliteBackend, backend
from gongkai.search.models import SearchDocument, SearchEntry
from gongkai.search.segmentation import parse_query
from gongkai.search.selectors import search
from gongkai.search.services import search_document_delete, search_index_rebuild

from .factories import index

pytestmark = pytest.mark.django_db

ENTRY_FIELDS = ("is_public", "kind", "unit_id", "published_on", "year", "topic", "validity")


def entry_of(key):
    doc = SearchDocument.objects.get(key=key)
    return doc, SearchEntry.objects.get(pk=doc.pk)


def indexed_tags(doc_id: int) -> set[str]:
    """The tags the full-text index holds for a document, read back from the database."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # A contentless table cannot return its text; ask it which tags match this rowid instead.
            candidates = _candidate_tags(doc_id)
            found = set()
            for tag in candidates:
                cursor.execute("SELECT 1 FROM search_fts WHERE search_fts MATCH %s AND rowid = %s",
                               [f'tags : "{tag}"', doc_id])
                if cursor.fetchone():
                    found.add(tag)
            return found
        cursor.execute("SELECT array_agg(lexeme) FROM search_entry, unnest(vector) WHERE document_id = %s "
                       "AND lexeme LIKE '\\_%%'", [doc_id])
        return set(cursor.fetchone()[0] or [])


def _candidate_tags(doc_id):
    units = SearchEntry.objects.values_list("unit_id", flat=True)
    out = {tags.DRAFT, *(tags.unit_tag(u) for u in units if u)}
    for e in SearchEntry.objects.all():
        out.update(tags.entry_tags(is_public=True, unit_id=e.unit_id, kind=e.kind, year=e.year, topic=e.topic,
                                   validity=e.validity))
    out.update(tags.kind_tag(k) for k in ("item", "policy", "gazette"))
    out.update(tags.year_tag(y) for y in range(2015, 2027))
    return out


def expected_tags(entry) -> set[str]:
    out = set(tags.entry_tags(is_public=entry.is_public, unit_id=entry.unit_id, kind=entry.kind, year=entry.year,
                              topic=entry.topic, validity=entry.validity))
    if connection.vendor == "postgresql":
        out.update(tags.recency_tags(entry.pk))
    return out


def test_upsert_writes_the_entry_with_the_documents_filter_values(directory):
    mzj = directory.unit("市民政局")
    key = index("社会救助办法", "社会救助", kind="policy", unit=mzj, validity="有效", topic="民政、扶贫、救灾\\社会救助",
                published_on=datetime.date(2024, 3, 1))
    doc, entry = entry_of(key)
    assert [getattr(entry, f) for f in ENTRY_FIELDS] == [getattr(doc, f) for f in ENTRY_FIELDS]
    assert indexed_tags(doc.pk) == expected_tags(entry)


def test_changing_a_document_moves_its_entry_and_tags(directory):
    key = index("低保标准", "低保", key="k:1", kind="item", unit=directory.unit("市民政局"), is_public=False,
                published_on=datetime.date(2023, 1, 1))
    assert search(query="低保").total == 0
    index("低保标准", "低保", key="k:1", kind="policy", unit=directory.unit("市财政局"), is_public=True,
          published_on=datetime.date(2025, 1, 1), validity="有效")
    doc, entry = entry_of(key)
    assert (entry.is_public, entry.kind, entry.unit_id, entry.year, entry.validity) == (
        True, "policy", directory.unit("市财政局").pk, 2025, "有效")
    assert indexed_tags(doc.pk) == expected_tags(entry)
    # the old values no longer match, the new ones do
    assert search(query="低保", kinds=["item"]).total == 0
    assert search(query="低保", year=2023).total == 0
    assert search(query="低保", unit=directory.unit("市民政局")).total == 0
    assert search(query="低保", kinds=["policy"], year=2025, validity="有效").total == 1


def _entry_row_writes() -> int:
    """Rows inserted or updated in search_entry so far in this transaction (PostgreSQL's own count)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT n_tup_ins + n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'search_entry'")
        row = cursor.fetchone()
    return row[0] if row else 0


ENTRY_WRITE = re.compile(r'^(INSERT INTO|UPDATE|DELETE FROM) "?search_entry"?\s')


def test_an_upsert_reads_once_and_writes_the_entry_row_once(directory):
    """One locked read of the document (with its entry row where the backend needs the old index values),
    one write of the document and one write of its entry row, carrying the vector on PostgreSQL: no
    second read of the entry, and no second UPDATE that leaves a dead tuple and updates the GIN index again."""
    pg = connection.vendor == "postgresql"
    versions = [dict(unit=None, is_public=False), dict(unit=directory.unit("市民政局"), is_public=False),
                dict(unit=directory.unit("市财政局"), is_public=True, validity="有效")]
    for version in versions:  # a new document, then two replacements
        rows_before = _entry_row_writes() if pg else 0
        with CaptureQueriesContext(connection) as ctx:
            key = index("低保标准", "低保", key="k:1", **version)
        statements = [q["sql"] for q in ctx.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
        assert sum(sql.startswith("SELECT") for sql in statements) == 1, statements
        entry_writes = [sql for sql in statements if ENTRY_WRITE.match(sql)]
        assert len(entry_writes) == 1 and "ON CONFLICT" in entry_writes[0], statements
        if pg:
            assert _entry_row_writes() - rows_before == 1
        doc, entry = entry_of(key)
        assert indexed_tags(doc.pk) == expected_tags(entry)
    assert search(query="低保", unit=directory.unit("市财政局"), validity="有效").total == 1
    assert search(query="低保", unit=directory.unit("市民政局")).total == 0
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES('integrity-check', 0)")


def test_delete_removes_the_entry_and_its_index_rows():
    key = index("低保标准", "低保", key="k:1")
    doc_id = SearchDocument.objects.get(key=key).pk
    search_document_delete(key=key)
    assert not SearchEntry.objects.filter(pk=doc_id).exists()
    assert search(query="低保").total == 0
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES('integrity-check', 0)")
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH '\"低保\"'")
            assert cursor.fetchone()[0] == 0


def test_rebuild_gives_the_same_entries_and_tags_as_live_indexing(directory):
    """The rebuild computes tags in SQL, live indexing in Python: they must agree."""
    keys = [
        index("社会救助办法", "社会救助", kind="policy", unit=directory.unit("市民政局"), validity="废止",
              topic="民政、扶贫、救灾\\社会救助", published_on=datetime.date(2019, 3, 1)),
        index("年度报告", "政府信息公开", kind="annual_report", unit=directory.city, topic="综合政务",
              published_on=datetime.date(2025, 1, 20)),
        index("草稿", "低保", unit=directory.unit("市民政局"), is_public=False, published_on=None),
        index("无单位", "低保", unit=None),
    ]
    before = {k: (list(SearchEntry.objects.filter(document__key=k).values(*ENTRY_FIELDS)),
                  indexed_tags(SearchDocument.objects.get(key=k).pk)) for k in keys}
    search_index_rebuild()
    after = {k: (list(SearchEntry.objects.filter(document__key=k).values(*ENTRY_FIELDS)),
                 indexed_tags(SearchDocument.objects.get(key=k).pk)) for k in keys}
    assert after == before
    assert keys[0] in [h.key for h in search(query="社会救助", topic="民政、扶贫、救灾", validity="废止").hits]


# Other recency levels than tags.RECENCY_LEVELS: the rebuild SQL must follow a change of the definition.
OTHER_LEVELS = (("_d", 20), ("_c", 16), ("_b", 13), ("_a", 10))


@pytest.mark.parametrize("levels", [tags.RECENCY_LEVELS, OTHER_LEVELS], ids=["defined", "changed"])
def test_rebuild_sql_gives_every_row_the_tags_of_entry_tags(directory, monkeypatch, levels):
    """The rebuild computes tags in SQL that the backends generate from tags.py; live indexing calls
    entry_tags / recency_tags. Every row must get the same tags, in the same order, whatever the tag
    definitions say (here: RECENCY_LEVELS changed)."""
    import random

    monkeypatch.setattr(tags, "RECENCY_LEVELS", levels)
    rng = random.Random(3)
    # Ids on both sides of every block boundary of every level, and a spread beyond.
    ids = {1, *(n << shift for _, shift in (*tags.RECENCY_LEVELS, *levels) for n in (1, 3)),
           *((n << shift) - 1 for _, shift in (*tags.RECENCY_LEVELS, *levels) for n in (1, 3)),
           *rng.sample(range(2, 1 << 24), 30)}
    units = [None, directory.unit("市民政局"), directory.pengjiang]
    topics = ["", "综合政务", "民政、扶贫、救灾\\社会救助", "\\无大类", "财政、金融、审计\\财政\\预算"]
    for n, doc_id in enumerate(sorted(ids)):
        published_on = rng.choice([None, datetime.date(2019, 3, 1), datetime.date(2025, 1, 20)])
        SearchDocument.objects.create(
            id=doc_id, key=f"t:{n}", kind=rng.choice(["item", "policy", "annual_report"]), title="低保",
            url="/x", unit=units[n % len(units)], published_on=published_on,
            year=published_on.year if published_on else None, topic=topics[n % len(topics)],
            validity=rng.choice(["", "有效", "废止"]), is_public=n % 4 != 0, title_seg="低保",
        )
    search_index_rebuild()
    be = backend()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT e.document_id, {be.tags_sql()} FROM search_entry e")
        by_sql = {doc_id: value.split() if isinstance(value, str) else list(value)
                  for doc_id, value in cursor.fetchall()}
    entries = list(SearchEntry.objects.all())
    assert sorted(by_sql) == sorted(ids) == sorted(e.pk for e in entries)
    for entry in entries:
        python = tags.entry_tags(is_public=entry.is_public, unit_id=entry.unit_id, kind=entry.kind,
                                 year=entry.year, topic=entry.topic, validity=entry.validity)
        if connection.vendor == "postgresql":
            python += tags.recency_tags(entry.pk)
        assert by_sql[entry.pk] == python, entry.pk
        assert indexed_tags(entry.pk) == expected_tags(entry), entry.pk


def test_rebuild_restores_a_lost_entry():
    key = index("低保标准", "低保")
    SearchEntry.objects.all().delete()
    assert search(query="低保").total == 0
    search_index_rebuild()
    assert [h.key for h in search(query="低保").hits] == [key]


def test_a_topic_filter_on_the_top_level_and_on_the_full_value():
    full = index("社会救助办法", "救助", topic="民政、扶贫、救灾\\社会救助")
    other = index("救灾通知", "救助", topic="民政、扶贫、救灾\\减灾救灾")
    assert {h.key for h in search(query="救助", topic="民政、扶贫、救灾").hits} == {full, other}
    assert [h.key for h in search(query="救助", topic="民政、扶贫、救灾\\社会救助").hits] == [full]
    assert search(query="救助", topic="民政").total == 0


@pytest.mark.parametrize("need", [1, 3, 7])
def test_the_window_returns_the_newest_matches_first_and_says_when_it_has_them_all(need):
    keys = [index(f"低保公示{i}", "低保") for i in range(6)]
    index("其他", "防汛")
    ids = list(SearchDocument.objects.filter(key__in=keys).order_by("-id").values_list("id", flat=True))
    rows, complete = backend().window(parse_query("低保"), tags.TagFilter(), need=need)
    assert [r["id"] for r in rows] == ids[:need]
    assert complete is (need > len(ids))
    older, _ = backend().window(parse_query("低保"), tags.TagFilter(), need=10, below=ids[1])
    assert [r["id"] for r in older] == ids[2:]


@pytest.mark.parametrize(("lo", "hi"), [(3 * 4096, 77 * 4096), (5, 4100), (1_000_000, 3_000_000), (123_456, 123_457)])
def test_recency_blocks_cover_a_window_in_a_few_blocks(lo, hi):
    blocks, floor = tags.recency_window(lo, hi)
    ids = set()
    for tag in blocks:
        shift = dict(tags.RECENCY_LEVELS)[tag[:2]]
        n = int(tag[2:])
        ids.update(range(n << shift, (n + 1) << shift))
    assert set(range(lo, hi)) <= ids and min(ids) == floor <= lo
    assert len(blocks) <= 4
    # one level, the smallest that can: one level finer would need more than four blocks
    shifts = dict(tags.RECENCY_LEVELS)
    chosen = shifts[blocks[0][:2]]
    assert {tag[:2] for tag in blocks} == {blocks[0][:2]}
    finer = [shift for shift in shifts.values() if shift < chosen]
    if finer:
        assert ((hi - 1) >> max(finer)) - (lo >> max(finer)) + 1 > 4


def _skip_ids(after: str, count: int) -> None:
    """Let the next document's id be `count` past that of document `after` (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence('search_searchdocument', 'id'), %s)",
                       [SearchDocument.objects.get(key=after).pk + count])


def test_postgres_window_widens_over_recency_blocks_until_enough(monkeypatch):
    """The first window (about FIRST_WINDOW ids down from the newest) holds only the newest match, so the
    next, wider window of recency blocks must be read for the second, and only the rest of the ids
    without blocks. The ids are spread far enough apart for this on a fresh database too, where a few
    documents numbered 1, 2, 3 would share one block and the widening would go straight to the rest."""
    if connection.vendor != "postgresql":
        pytest.skip("recency blocks are PostgreSQL-only")
    from gongkai.search import backends

    old = index("低保旧文", "低保")
    _skip_ids(old, 40 * tags.SMALLEST_BLOCK)
    middle = index("低保中文", "低保")
    _skip_ids(middle, 2 * tags.SMALLEST_BLOCK)
    new = index("低保新文", "低保")
    ids = {key: SearchDocument.objects.get(key=key).pk for key in (new, middle, old)}
    assert [h.key for h in search(query="低保", order="date").hits] == [new, middle, old]

    block_windows, fetches = [], []
    real_window, real_fetch = backends.recency_window, PostgresBackend._fetch

    def recency_window(lo, hi, **kwargs):
        block_windows.append(real_window(lo, hi, **kwargs))
        return block_windows[-1]

    def fetch(self, *args, **kwargs):
        fetches.append(real_fetch(self, *args, **kwargs))
        return fetches[-1]

    monkeypatch.setattr(backends, "recency_window", recency_window)
    monkeypatch.setattr(PostgresBackend, "_fetch", fetch)
    rows, complete = backend().window(parse_query("低保"), tags.TagFilter(), need=2)
    assert [r["id"] for r in rows] == [ids[new], ids[middle]] and complete is False
    # two windows of blocks, the second one found the middle document; the rest was not read
    assert len(block_windows) == len(fetches) == 2
    assert [[r["id"] for r in found] for found in fetches] == [[ids[new]], [ids[middle]]]
    first_floor, second_floor = (floor for _, floor in block_windows)
    assert ids[middle] < first_floor and second_floor <= ids[middle]

    block_windows.clear()
    fetches.clear()
    rows, complete = backend().window(parse_query("低保"), tags.TagFilter(), need=4)
    assert [r["id"] for r in rows] == [ids[new], ids[middle], ids[old]] and complete is True
    # after the windows of blocks, the rest of the ids without blocks (one fetch more than windows)
    assert len(block_windows) >= 2 and len(fetches) == len(block_windows) + 1


def test_sqlite_full_expression_restricts_words_and_tags_to_their_columns():
    query = parse_query("低保")
    expr = SqliteBackend().full_expression(query, tags.TagFilter([["_k01", "_k02"]], draft_units=[]))
    assert expr == '(words : ("低保") AND tags : ("_k01" OR "_k02")) NOT tags : "_draft"'
    # a staff scope is checked on the entry rows (unit ids), not in the match expression
    assert SqliteBackend().full_expression(query, tags.TagFilter([], draft_units=[1, 2])) == 'words : ("低保")'
    assert SqliteBackend().full_expression(query, tags.TagFilter([], draft_units=None)) == 'words : ("低保")'


def test_postgres_tag_query_excludes_drafts_outside_the_scope():
    assert PostgresBackend.tag_query(tags.TagFilter([["_y2024"]], draft_units=[])) == "('_y2024') & !'_draft'"
    assert PostgresBackend.tag_query(tags.TagFilter([], draft_units=[1])) == ""
    assert PostgresBackend.tag_query(tags.TagFilter([], draft_units=None)) == ""


def test_results_equal_a_plain_python_reading_of_the_documents(directory):
    """Whatever the backend, the index (words + tags) finds exactly the documents that a direct reading of
    the stored rows says match: words, drafts scope, kind, unit subtree, year, topic and validity."""
    import random

    rng = random.Random(5)
    units = [directory.unit("市民政局"), directory.unit("市财政局"), directory.pengjiang,
             directory.pengjiang.children.get(short_name="区民政局"), None]
    words = ["低保", "救助", "防汛", "资金", "公开"]
    topics = ["", "民政、扶贫、救灾\\社会救助", "民政、扶贫、救灾\\减灾救灾", "财政、金融、审计\\财政"]
    for i in range(60):
        index(f"文件{i}" + rng.choice(words), "，".join(rng.sample(words, 2)), kind=rng.choice(["item", "policy"]),
              unit=rng.choice(units), is_public=rng.random() > 0.3, topic=rng.choice(topics),
              validity=rng.choice(["", "有效", "废止"]),
              published_on=rng.choice([None, datetime.date(2023, 5, 1), datetime.date(2025, 2, 1)]))
    docs = list(SearchDocument.objects.select_related("unit"))
    city_handler = directory.user("mzj_jb")
    from gongkai.organisations.selectors import visible_units

    visible = set(visible_units(city_handler).values_list("id", flat=True))

    def oracle(word, user=None, kinds=None, unit=None, year=None, topic=None, validity=None):
        out = set()
        for d in docs:
            if word not in f" {d.title_seg} {d.body_seg} ".split():
                continue
            if not d.is_public and (user is None or d.unit_id not in visible):
                continue
            if kinds and d.kind not in kinds:
                continue
            if unit and not (d.unit and d.unit.path.startswith(unit.path)):
                continue
            if year and d.year != year:
                continue
            if topic and not (d.topic == topic or d.topic.startswith(topic + "\\")):
                continue
            if validity and d.validity != validity:
                continue
            out.add(d.key)
        return out

    cases = [
        dict(), dict(user=city_handler), dict(kinds=["policy"]), dict(unit=directory.pengjiang),
        dict(unit=directory.unit("市民政局"), user=city_handler), dict(year=2025), dict(topic="民政、扶贫、救灾"),
        dict(validity="废止", kinds=["item", "policy"]), dict(year=2023, topic="财政、金融、审计\\财政"),
    ]
    for word in words:
        for case in cases:
            found = {h.key for h in search(query=word, page_size=100, **case).hits}
            assert found == oracle(word, **case), (word, case)
