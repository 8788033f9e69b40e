"""The two full-text backends behind one interface, chosen by the database vendor.

Both index each document's words (the space-separated jieba tokens of title, document number and body)
together with its filter tags (`tags.py`), and answer one question: the `need` most recently indexed
documents that hold the query's words and pass the tag filter (visibility and filters), newest first,
with their `SearchEntry` fields. The cost follows `need` and the rarest required part of the query,
not how common a word is nor how selective a filter is.

Both receive a `ParsedQuery` whose words contain only letters, digits and CJK characters, and pass
them as bound parameters: FTS5 as double-quoted strings (FTS5's only quoting rule, "" inside, is
applied anyway), PostgreSQL through phraseto_tsquery(), which never interprets operators. Tags are
built by `tags.py` from `_`, lower-case letters, digits and hex only. No user input is ever spliced
into SQL or parsed as query syntax.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from . import tags
from .segmentation import ParsedQuery, Term
from .tags import DRAFT, TagFilter, recency_tags, recency_window

FTS_TABLE = "search_fts"
DOC_TABLE = "search_searchdocument"
ENTRY_TABLE = "search_entry"
# The filter values an entry row holds besides its id (the same names as on SearchDocument).
ENTRY_VALUES = ("is_public", "kind", "unit_id", "published_on", "year", "topic", "validity")
# What a search reads of an entry row `e`, and the keys of the dicts it becomes (_rows).
ENTRY_FIELDS = ("id", *ENTRY_VALUES)
ENTRY_COLUMNS = ", ".join(["e.document_id", *(f"e.{name}" for name in ENTRY_VALUES)])
FILL_ENTRIES_SQL = (
    f"INSERT INTO {ENTRY_TABLE} (document_id, {', '.join(ENTRY_VALUES)}) "
    f"SELECT id, {', '.join(ENTRY_VALUES)} FROM {DOC_TABLE}"
)
# (words, tags) of one document as its full-text index entries hold them.
Indexed = tuple[str, list[str]]


def _tag_sql_items(*, hexed: Callable[[str], str], contains: Callable[[str, str], str],
                   before: Callable[[str, str], str], char: str) -> list[tuple[str, str]]:
    """(condition, tag) SQL over an entry row `e` for each tag that `tags.entry_tags` can give, in its
    order, generated from tags.DRAFT and tags.FIELD_TAGS (for rebuilds). The dialect supplies `hexed`
    (text → lower-case hex of its UTF-8), `contains` / `before` (text, separator) and `char` (the SQL
    function from a code point to a one-character string)."""
    items = [("NOT e.is_public", f"'{tags.DRAFT}'")]
    for spec in tags.FIELD_TAGS:
        column = f"e.{spec.field}"

        def encoded(value: str, spec=spec) -> str:
            return f"'{spec.prefix}' || " + (hexed(value) if spec.is_text else value)

        items.append((f"{column} <> " + ("''" if spec.is_text else "0"), encoded(column)))
        if spec.parent_separator:
            separator = f"{char}({ord(spec.parent_separator)})"
            items.append((contains(column, separator), encoded(before(column, separator))))
    return items


def _write_entry(doc_id: int, entry: dict, *, vector: tuple[str, list] | None = None) -> None:
    """Insert or replace the entry row of `doc_id` in one statement, with the (SQL, params) of its
    `vector` column when given (PostgreSQL): one write of the row, whether or not it existed."""
    columns = ["document_id", *ENTRY_VALUES]
    values = ["%s"] * len(columns)
    params = [doc_id, *(entry[name] for name in ENTRY_VALUES)]
    params[columns.index("published_on")] = connection.ops.adapt_datefield_value(entry["published_on"])
    if vector is not None:
        columns.append("vector")
        values.append(vector[0])
        params.extend(vector[1])
    updates = ", ".join(f"{name} = excluded.{name}" for name in columns[1:])
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ENTRY_TABLE} ({', '.join(columns)}) VALUES ({', '.join(values)}) "
            f"ON CONFLICT (document_id) DO UPDATE SET {updates}",
            params,
        )


def _rows(cursor) -> list[dict]:
    out = []
    for row in cursor.fetchall():
        r = dict(zip(ENTRY_FIELDS, row, strict=True))
        if isinstance(r["published_on"], str):  # SQLite raw cursors return dates as text
            r["published_on"] = datetime.date.fromisoformat(r["published_on"])
        r["is_public"] = bool(r["is_public"])
        out.append(r)
    return out


class SqliteBackend:
    """SQLite FTS5: a contentless table search_fts(words, tags) with detail=column (no positions: every
    query token is a single jieba word, so positions would only make the index larger and slower).
    FTS5 walks a query's doclists backwards by rowid and stops after LIMIT rows, skipping through the
    longer doclists of an AND, so a filtered or very common query costs about as much as a plain one."""

    vendor = "sqlite"

    @staticmethod
    def tags_sql() -> str:
        """The FTS5 `tags` text of an entry row `e`: tags.entry_tags in SQL, space-separated (tested)."""
        items = _tag_sql_items(
            hexed=lambda value: f"lower(hex({value}))",
            contains=lambda value, separator: f"instr({value}, {separator}) > 0",
            before=lambda value, separator: f"substr({value}, 1, instr({value}, {separator}) - 1)",
            char="char",
        )
        return "trim(" + " || ".join(f"CASE WHEN {cond} THEN {tag} || ' ' ELSE '' END" for cond, tag in items) + ")"

    # A contentless table removes a row's entries only when given its indexed values again, so writes
    # need `old`: (words, tags) as indexed now, None when the document is not in the index.
    needs_old = True

    # ----- keeping the index in step with the documents (called by services, same transaction)
    def write(self, *, doc_id: int, entry: dict, new: Indexed, old: Indexed | None) -> None:
        """The entry row (ENTRY_VALUES in `entry`) and the full-text entries of `doc_id`, inserted or replaced."""
        _write_entry(doc_id, entry)
        self.remove(doc_id=doc_id, old=old)
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}(rowid, words, tags) VALUES(%s, %s, %s)",
                           [doc_id, new[0], " ".join(new[1])])

    def remove(self, *, doc_id: int, old: Indexed | None) -> None:
        """The full-text entries of `doc_id` (its entry row goes with the document, by cascade)."""
        if old is None:
            return
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, words, tags) VALUES('delete', %s, %s, %s)",
                           [doc_id, old[0], " ".join(old[1])])

    def rebuild(self) -> None:
        """Entries and the FTS5 index from the documents table."""
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {ENTRY_TABLE}")
            cursor.execute(FILL_ENTRIES_SQL)
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('delete-all')")
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, words, tags) "
                f"SELECT d.id, d.title_seg || ' ' || d.body_seg, {self.tags_sql()} "
                f"FROM {DOC_TABLE} d JOIN {ENTRY_TABLE} e ON e.document_id = d.id"
            )
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('optimize')")

    # ----- querying
    @staticmethod
    def _quote(token: str) -> str:
        return '"' + token.replace('"', '""') + '"'

    def _term(self, term: Term) -> str:
        alts = []
        for alt in term.alternatives:
            alts.append(" AND ".join(self._quote(t) for t in alt) if len(alt) > 1 else self._quote(alt[0]))
        if len(alts) == 1:
            return alts[0]
        return "(" + " OR ".join(f"({a})" for a in alts) + ")"

    def match_expression(self, query: ParsedQuery, *, any_term: bool = False) -> str:
        joiner = " OR " if any_term else " AND "
        return joiner.join(self._term(t) for t in query.terms)

    def full_expression(self, query: ParsedQuery, tag_filter: TagFilter, *, any_term: bool = False) -> str:
        expr = f"words : ({self.match_expression(query, any_term=any_term)})"
        for group in tag_filter.all_of:
            expr += " AND tags : (" + " OR ".join(self._quote(t) for t in group) + ")"
        if tag_filter.draft_units == []:
            expr = f"({expr}) NOT tags : {self._quote(DRAFT)}"
        return expr

    def first_below(self) -> int | None:
        """The `below` of a request's first window: None, as FTS5 walks down from the newest match itself."""
        return None

    def window(self, query: ParsedQuery, tag_filter: TagFilter, *, any_term: bool = False, need: int,
               below: int | None = None) -> tuple[list[dict], bool]:
        """Up to `need` matching entries, newest (highest id) first, below id `below`; and whether they
        are all the matches."""
        if query.is_empty:
            return [], True
        sql = (f"SELECT {ENTRY_COLUMNS} FROM {FTS_TABLE} JOIN {ENTRY_TABLE} e ON e.document_id = {FTS_TABLE}.rowid "
               f"WHERE {FTS_TABLE} MATCH %s")
        params: list = [self.full_expression(query, tag_filter, any_term=any_term)]
        if tag_filter.drafts_by_unit:
            sql += f" AND (e.is_public OR e.unit_id IN ({', '.join(['%s'] * len(tag_filter.draft_units))}))"
            params.extend(tag_filter.draft_units)
        if below is not None:
            sql += f" AND {FTS_TABLE}.rowid < %s"
            params.append(below)
        sql += f" ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s"
        params.append(need)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = _rows(cursor)
        return rows, len(rows) < need


class PostgresBackend:
    """PostgreSQL full text: search_entry.vector = to_tsvector('simple', words) plus the filter tags and
    recency blocks as lexemes, GIN-indexed. The GIN index gives matches in no useful order, so the newest
    are found by restricting the query to recency blocks (`_a<id >> 12>` …, tags.RECENCY_LEVELS) covering
    a window of the newest ids, widened from an estimate of the match rate until `need` are found. GIN
    intersects posting lists by skipping through the longer ones (driven by the rarest required entry),
    so a window of a very common word costs about the window's size, and a rare word its own postings."""

    vendor = "postgresql"

    @staticmethod
    def tags_sql() -> str:
        """The tag lexemes of an entry row `e`, as a text[]: tags.entry_tags then tags.recency_tags in SQL
        (tested)."""
        items = _tag_sql_items(
            hexed=lambda value: f"encode(convert_to({value}, 'UTF8'), 'hex')",
            contains=lambda value, separator: f"strpos({value}, {separator}) > 0",
            before=lambda value, separator: f"split_part({value}, {separator}, 1)",
            char="chr",
        )
        filters = [f"CASE WHEN {cond} THEN {tag} END" for cond, tag in items]
        recency = [f"'{prefix}' || (e.document_id >> {int(shift)})" for prefix, shift in tags.RECENCY_LEVELS]
        return f"array_remove(ARRAY[{', '.join(filters + recency)}], NULL)"

    FIRST_WINDOW = 4096  # ids in the first, newest window (at least; blocks round it down)
    MARGIN = 1.3  # widen the next window to expect this many times the matches still needed
    FINAL_MATCHES = 4  # … or when the rest is expected to hold at most this many times `need` matches
    WHOLE_SHARE = 0.5  # a window reaching below this share of the remaining ids becomes the final, unblocked one

    needs_old = False  # the vector lives in the entry row, replaced or removed with it

    def write(self, *, doc_id: int, entry: dict, new: Indexed, old: Indexed | None = None) -> None:
        """The entry row of `doc_id` with its vector, inserted or replaced in one statement (a second
        UPDATE for the vector would leave a dead tuple and update the GIN index twice)."""
        words, filter_tags = new
        _write_entry(doc_id, entry, vector=(
            "strip(to_tsvector('simple', %s)) || array_to_tsvector(%s::text[])",
            [words, [*filter_tags, *recency_tags(doc_id)]],
        ))

    def remove(self, *, doc_id: int, old: Indexed | None = None) -> None:
        """Nothing: the vector goes with the entry row, which goes with the document (cascade)."""

    def rebuild(self) -> None:
        """Entries, vectors and the GIN index from the documents table (the index is built once, after
        the rows are in: much faster than maintaining it row by row)."""
        with connection.cursor() as cursor:
            # Deferred foreign-key checks would leave "pending trigger events" that forbid CREATE INDEX.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("DROP INDEX IF EXISTS search_entry_vector_gin")
            # TRUNCATE, not DELETE: a fresh heap, not one twice the size with a million dead rows (the
            # lock it takes is the one DROP INDEX already holds).
            cursor.execute(f"TRUNCATE {ENTRY_TABLE}")
            cursor.execute(
                f"INSERT INTO {ENTRY_TABLE} (document_id, {', '.join(ENTRY_VALUES)}, vector) SELECT {ENTRY_COLUMNS}, "
                "strip(to_tsvector('simple', e.title_seg || ' ' || e.body_seg)) || "
                f"array_to_tsvector({self.tags_sql()}) FROM (SELECT d.id AS document_id, d.* FROM {DOC_TABLE} d) e"
            )
            cursor.execute(
                f"CREATE INDEX search_entry_vector_gin ON {ENTRY_TABLE} USING gin (vector) WITH (fastupdate = off)"
            )
            cursor.execute(f"ANALYZE {ENTRY_TABLE}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    @staticmethod
    def _term(term: Term) -> tuple[str, list[str]]:
        sql_alts, params = [], []
        for alt in term.alternatives:
            sql_alts.append("(" + " && ".join(["phraseto_tsquery('simple', %s)"] * len(alt)) + ")")
            params.extend(alt)
        return "(" + " || ".join(sql_alts) + ")", params

    def tsquery(self, query: ParsedQuery, *, any_term: bool = False) -> tuple[str, list[str]]:
        parts, params = [], []
        for term in query.terms:
            sql, p = self._term(term)
            parts.append(sql)
            params.extend(p)
        return "(" + (" || " if any_term else " && ").join(parts) + ")", params

    @staticmethod
    def tag_query(tag_filter: TagFilter) -> str:
        """A tsquery literal (tags hold only `_`, letters and digits, so quoting is plain). GIN drives the
        scan from the query's words (required entries) and only checks the tags, NOT included."""
        parts = ["(" + " | ".join(f"'{t}'" for t in group) + ")" for group in tag_filter.all_of if group]
        if tag_filter.draft_units == []:
            parts.append(f"!'{DRAFT}'")
        return " & ".join(parts)

    def _fetch(self, condition: str, params: list, *, top: int, limit: int, draft_units: list[int]) -> list[dict]:
        # `document_id + 0`: keeps the planner from walking the primary key backwards and testing each
        # row's vector; the GIN bitmap is always the cheaper way in.
        scope = " AND (e.is_public OR e.unit_id = ANY(%s))" if draft_units else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {ENTRY_COLUMNS} FROM {ENTRY_TABLE} e WHERE e.vector @@ ({condition}){scope} "
                "AND e.document_id + 0 <= %s ORDER BY e.document_id + 0 DESC LIMIT %s",
                [*params, *([list(draft_units)] if draft_units else []), top, limit],
            )
            return _rows(cursor)

    def first_below(self) -> int:
        """The `below` of a request's first window: one past the newest entry, from which the windows are
        laid out (the caller reads it once per request and passes it to each window)."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT max(document_id) FROM {ENTRY_TABLE}")
            return (cursor.fetchone()[0] or 0) + 1

    def window(self, query: ParsedQuery, tag_filter: TagFilter, *, any_term: bool = False, need: int,
               below: int | None = None) -> tuple[list[dict], bool]:
        if query.is_empty:
            return [], True
        tsq, params = self.tsquery(query, any_term=any_term)
        tag_q = self.tag_query(tag_filter)
        condition = tsq + (" && %s::tsquery" if tag_q else "")
        params = [*params, tag_q] if tag_q else list(params)
        top = (self.first_below() if below is None else below) - 1
        if top < 1:
            return [], True
        rows: list[dict] = []
        hi = top + 1  # exclusive: the ids from hi up have been covered
        lo = hi - self.FIRST_WINDOW
        while True:
            remaining = need - len(rows)
            if lo <= 0:
                # Everything that is left, without recency blocks: GIN is then driven by the rarest word
                # or tag, which is cheaper than a window over most of the ids.
                found = self._fetch(condition, params, top=hi - 1, limit=remaining, draft_units=tag_filter.draft_units)
                rows += found
                return rows, len(found) < remaining
            blocks, lo = recency_window(lo, hi)
            found = self._fetch(f"{condition} && %s::tsquery", [*params, " | ".join(f"'{t}'" for t in blocks)],
                                top=hi - 1, limit=remaining, draft_units=tag_filter.draft_units)
            rows += found
            if len(found) >= remaining:
                return rows, False
            seen = top + 1 - lo
            rate = max(len(rows), 1) / seen
            wanted = int(need * self.MARGIN / rate)  # ids to cover in all, from top down
            hi, lo = lo, top + 1 - max(wanted, 4 * seen)
            # A window over most of what is left, or over few enough expected matches to read them all,
            # costs more than letting GIN pick its rarest entry (a block window costs about its size).
            if lo < hi * self.WHOLE_SHARE or rate * hi <= self.FINAL_MATCHES * need:
                lo = 0


_BACKENDS = {"sqlite": SqliteBackend, "postgresql": PostgresBackend}


def backend():
    """The backend for the default database's vendor."""
    try:
        return _BACKENDS[connection.vendor]()
    except KeyError:
        raise ImproperlyConfigured(
            f"全文检索不支持数据库 {connection.vendor}：请使用 SQLite（内置 FTS5）或 PostgreSQL。"
        )
