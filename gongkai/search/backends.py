"""The two full-text backends behind one interface, chosen by the database vendor.

Both receive a `ParsedQuery` whose words contain only letters, digits and CJK characters, and pass
them as bound parameters: FTS5 as double-quoted strings (FTS5's only quoting rule, "" inside, is
applied anyway), PostgreSQL through phraseto_tsquery(), which never interprets operators. No user
input is ever spliced into SQL or parsed as query syntax.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet

from . import conf
from .segmentation import ParsedQuery, Term

FTS_TABLE = "search_fts"
DOC_TABLE = "search_searchdocument"


class SqliteBackend:
    """SQLite FTS5 over the space-separated jieba tokens; ranked with bm25() (title weighted)."""

    vendor = "sqlite"

    # ----- keeping the index in step with the documents table (called by services, same transaction)
    def sync(self, *, doc_id: int, old: tuple[str, str] | None, new: tuple[str, str] | None) -> None:
        with connection.cursor() as cursor:
            if old is not None:
                # External-content tables need the old values to remove a row's entries.
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title_seg, body_seg) VALUES('delete', %s, %s, %s)",
                    [doc_id, old[0], old[1]],
                )
            if new is not None:
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE}(rowid, title_seg, body_seg) VALUES(%s, %s, %s)",
                    [doc_id, new[0], new[1]],
                )

    def rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('rebuild')")
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

    def filter(self, qs: QuerySet, query: ParsedQuery, *, any_term: bool = False, ranked: bool = True,
               min_id: int | None = None) -> QuerySet:
        if query.is_empty:
            return qs.none()
        expr = self.match_expression(query, any_term=any_term)
        kwargs = {
            "tables": [FTS_TABLE],
            "where": [f"{FTS_TABLE}.rowid = {DOC_TABLE}.id", f"{FTS_TABLE} MATCH %s"],
            "params": [expr],
        }
        if min_id is not None:
            # On the FTS table itself, so that FTS5 skips the older part of each doclist.
            kwargs["where"].append(f"{FTS_TABLE}.rowid >= %s")
            kwargs["params"].append(min_id)
        if ranked:
            # bm25() is lower-is-better; negate it so that `relevance` sorts descending on both backends.
            kwargs["select"] = {"relevance": f"-bm25({FTS_TABLE}, %s, 1.0)"}
            kwargs["select_params"] = [conf.title_weight()]
        return qs.extra(**kwargs)


    def match_ids(self, query: ParsedQuery, *, any_term: bool = False, below: int | None = None,
                  limit: int) -> list[int]:
        """Ids of up to `limit` matching documents, most recently indexed first (below id `below`): FTS5
        walks the doclist backwards by rowid and stops after `limit` entries, scoring nothing."""
        if query.is_empty:
            return []
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        params: list = [self.match_expression(query, any_term=any_term)]
        if below is not None:
            sql += " AND rowid < %s"
            params.append(below)
        sql += " ORDER BY rowid DESC LIMIT %s"
        params.append(limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def recent_floor(self, query: ParsedQuery, *, any_term: bool, window: int) -> int | None:
        """The id of the `window`-th most recently indexed match (FTS5 walks a doclist backwards by rowid
        without scoring it), or None when there are fewer matches."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rowid DESC LIMIT 1 OFFSET %s",
                [self.match_expression(query, any_term=any_term), window - 1],
            )
            row = cursor.fetchone()
        return row[0] if row else None


class PostgresBackend:
    """PostgreSQL full text: to_tsvector('simple', segmented text) in a generated, GIN-indexed column;
    ranked with ts_rank, title lexemes weighted A, body B."""

    vendor = "postgresql"

    def sync(self, *, doc_id: int, old, new) -> None:
        """Nothing to do: search_vector is a generated column, computed in the same statement."""

    def rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("REINDEX INDEX search_vector_gin")
            cursor.execute(f"ANALYZE {DOC_TABLE}")

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

    def filter(self, qs: QuerySet, query: ParsedQuery, *, any_term: bool = False, ranked: bool = True,
               min_id: int | None = None) -> QuerySet:
        if query.is_empty:
            return qs.none()
        tsq, params = self.tsquery(query, any_term=any_term)
        kwargs = {"where": [f"{DOC_TABLE}.search_vector @@ {tsq}"], "params": list(params)}
        if min_id is not None:
            kwargs["where"].append(f"{DOC_TABLE}.id >= %s")
            kwargs["params"].append(min_id)
        if ranked:
            body = 1.0 / max(conf.title_weight(), 1.0)
            # ts_rank weights are {D, C, B, A} and must lie in [0, 1]: A (title) = 1, B (body) = 1/weight.
            kwargs["select"] = {
                "relevance": f"ts_rank('{{0, 0, {body:.6f}, 1}}'::float4[], {DOC_TABLE}.search_vector, {tsq})"
            }
            kwargs["select_params"] = params
        return qs.extra(**kwargs)


def _pg_match_ids(self, query: ParsedQuery, *, any_term: bool = False, below: int | None = None,
                  limit: int) -> list[int]:
    """Ids of up to `limit` matching documents, most recently indexed first (below id `below`). The
    planner walks the primary key backwards and stops early for a common word, or reads the GIN posting
    lists and sorts the few matches of a rare one (it knows which from ANALYZE's lexeme statistics)."""
    if query.is_empty:
        return []
    tsq, params = self.tsquery(query, any_term=any_term)
    sql = f"SELECT id FROM {DOC_TABLE} WHERE search_vector @@ {tsq}"
    params = list(params)
    if below is not None:
        sql += " AND id < %s"
        params.append(below)
    sql += " ORDER BY id DESC LIMIT %s"
    params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


PostgresBackend.match_ids = _pg_match_ids


def _pg_recent_floor(self, query: ParsedQuery, *, any_term: bool, window: int) -> int | None:
    tsq, params = self.tsquery(query, any_term=any_term)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {DOC_TABLE} WHERE search_vector @@ {tsq} ORDER BY id DESC LIMIT 1 OFFSET %s",
            [*params, window - 1],
        )
        row = cursor.fetchone()
    return row[0] if row else None


PostgresBackend.recent_floor = _pg_recent_floor

_BACKENDS = {"sqlite": SqliteBackend, "postgresql": PostgresBackend}


def backend():
    """The backend for the default database's vendor."""
    try:
        return _BACKENDS[connection.vendor]()
    except KeyError:
        raise ImproperlyConfigured(
            f"全文检索不支持数据库 {connection.vendor}：请使用 SQLite（内置 FTS5）或 PostgreSQL。"
        )
