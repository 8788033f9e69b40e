"""The reads behind the two public pages that carry the platform's traffic: an item page and a column list.

Each is one hand-written SQL statement over indexed columns (reads that run only when a page frame is built,
once per column per change, stay on the ORM). Compiling the equivalent ORM queryset
(select_related, only(), filters) costs about twenty times the lookup itself (0.4 ms against 0.02 ms on
SQLite), and these pages are held to three times the cost of a trivial Django view (issue 6,
bench/portal_bench.py). Rows become ordinary model instances through Model.from_db(), as the ORM itself
builds them: fields not read here are deferred, so a template that touches one still works (with a query).

On PostgreSQL the statements run as server-side prepared statements (`_cursor`): planning the item lookup
costs three times executing it (0.16 ms against 0.05 ms at a million items, 11 indexes to weigh), and a
prepared statement is planned once per connection.

Every other read of the platform goes through the ORM; keep these statements in step with the models
(tests/test_fast_pages.py compares them with the ORM's answers).
"""

from __future__ import annotations

import datetime as dt
import functools
import types
from typing import NamedTuple

from django.db import connection, models

from gongkai.organisations.models import Unit

from . import conf
from .models import Column, InformationItem, ItemAttachment, ItemStatus
from .pagecache import page_cache

ITEM_FIELDS = (
    "id", "unit_id", "column_id", "kind", "title", "body", "index_number", "topic", "issuing_organ", "written_on",
    "doc_number", "published_on", "validity", "related_url", "status", "content_hash",
)
COLUMN_FIELDS = ("id", "unit_id", "parent_id", "name", "slug", "section", "article20", "description", "public_count")
ATTACHMENT_FIELDS = ("id", "item_id", "original_name", "size", "is_original")


def _cursor():
    """A cursor for this module's statements: on PostgreSQL one that binds parameters on the server and
    prepares each statement (Django's own cursors bind on the client, so their statements cannot be
    prepared); elsewhere Django's usual cursor. Either way it is Django's cursor wrapper, so queries are
    logged, counted by tests and translated into Django's database errors as usual."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    cursor = _preparing_cursor_class()(connection.connection)
    return connection.make_debug_cursor(cursor) if connection.queries_logged else connection.make_cursor(cursor)


@functools.cache
def _preparing_cursor_class():
    import psycopg

    class PreparingCursor(psycopg.Cursor):
        """Prepares every statement it runs (psycopg keeps the prepared statements per connection, the most
        recent hundred). Needs the connection's prepare_threshold set (settings: OPTIONS), which Django leaves
        at None, turning preparation off; Django's own client-binding cursors never prepare either way."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            super().execute(query, params, prepare=True, binary=binary)
            if self._query is None:
                # psycopg records no statement for a prepared execution, and Django's query log (tests,
                # DEBUG's connection.queries) reads it from there: give it the statement's text.
                self._query = types.SimpleNamespace(query=query.encode())
            return self

    return PreparingCursor


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _columns(alias: str, names) -> str:
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(name)}" for name in names)


def _date(value):
    """SQLite hands back an ISO string where the column's declared type is lost in an expression."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


@functools.cache
def _model_order(model, names: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[tuple[int, bool], ...]]:
    """`names` in the model's field order (what Model.from_db expects), and for each where it sits in `names`
    and whether it is a date."""
    fields = [f for f in model._meta.concrete_fields if f.attname in names]
    return (tuple(f.attname for f in fields),
            tuple((names.index(f.attname), isinstance(f, models.DateField)) for f in fields))


def _build(model, names: tuple[str, ...], values):
    ordered, positions = _model_order(model, names)
    return model.from_db(connection.alias, ordered,
                         [_date(values[i]) if is_date else values[i] for i, is_date in positions])


# No join to the unit or column tables, deliberately: on PostgreSQL, planning a three-table join costs four
# times running an indexed lookup (0.2 ms against 0.05 ms). The attachments ride along in a LEFT JOIN, since
# a second round trip to the server costs more than planning a two-table join.
@functools.cache
def _item_sql(vendor: str, field: str) -> str:
    quote = connection.ops.quote_name
    return (
        f"SELECT {_columns('i', ITEM_FIELDS)}, {_columns('a', ATTACHMENT_FIELDS)} "
        f"FROM {_table(InformationItem)} i LEFT JOIN {_table(ItemAttachment)} a ON a.item_id = i.id "
        f"WHERE i.{quote(field)} = %s ORDER BY a.{quote('order')}, a.id"
    )


def item_for_page(key: str) -> InformationItem | None:
    """The item whose public key (索引号, or id for an item without one) is `key`, in any status (the view
    decides what to show), with `page_attachments` (originals and annexes, in order); None if there is none.
    Its unit and column are not read: the page's frame (frames.py) is cached per column and reads them only
    when it is built."""
    lookups = [("id", int(key)), ("index_number", key)] if key.isdigit() else [("index_number", key)]
    with _cursor() as cursor:
        for field, value in lookups:  # a numeric 索引号 is possible in imported data
            cursor.execute(_item_sql(connection.vendor, field), [value])
            rows = cursor.fetchall()
            if rows:
                break
        else:
            return None
    item = _build(InformationItem, ITEM_FIELDS, rows[0][:len(ITEM_FIELDS)])
    item.page_attachments = [_build(ItemAttachment, ATTACHMENT_FIELDS, row[len(ITEM_FIELDS):])
                             for row in rows if row[len(ITEM_FIELDS)] is not None]
    return item


def unit_name(unit_id: int) -> str:
    with _cursor() as cursor:
        cursor.execute(f"SELECT u.{connection.ops.quote_name('name')} FROM {_table(Unit)} u WHERE u.id = %s",
                       [unit_id])
        row = cursor.fetchone()
    return row[0] if row else ""


@functools.cache
def _column_sql(vendor: str) -> str:
    return (f"SELECT {_columns('c', COLUMN_FIELDS)} FROM {_table(Column)} c "
            f"WHERE c.unit_id = %s AND c.slug = %s AND c.is_active")


def column_for_page(unit_id: int, slug: str, generation: int) -> Column | None:
    """The active column `slug` of unit `unit_id` (its own fields only). The row is kept in the page cache
    under the platform `generation` (pagecache.current_generation), which every change of a column bumps, so
    a list page costs one query."""
    cache = page_cache()
    key = f"disclosure:column-row:{generation}:{unit_id}:{slug}"
    row = cache.get(key)
    if row is None:
        with _cursor() as cursor:
            cursor.execute(_column_sql(connection.vendor), [unit_id, slug])
            row = cursor.fetchone() or ()
        cache.set(key, tuple(row), conf.page_cache_seconds())
    return _build(Column, COLUMN_FIELDS, row) if row else None


class ListRow(NamedTuple):
    """A line of a column list: what the list shows of an item, no model instance."""

    id: int
    title: str
    index_number: str
    published_on: dt.date
    doc_number: str
    validity: str

    @property
    def public_key(self) -> str:
        return self.index_number or str(self.id)


@functools.cache
def _column_items_sql(vendor: str, after: bool) -> str:
    # The status is a literal, not a parameter: SQLite uses a partial index only when it can prove the
    # index's condition from the statement's text.
    where = ["i.column_id = %s", f"i.status = '{ItemStatus.PUBLISHED.value}'", "i.published_on IS NOT NULL"]
    if after:
        # A row comparison, which both databases read as a range of the index; the equivalent
        # "published_on <= d AND NOT (published_on = d AND id >= n)" makes PostgreSQL fetch and discard every
        # row of day d above the cursor (150 heap rows where a day has as many items).
        where.append("(i.published_on, i.id) < (%s, %s)")
    published_on = connection.ops.quote_name("published_on")
    return (f"SELECT {_columns('i', ListRow._fields)} FROM {_table(InformationItem)} i WHERE {' AND '.join(where)} "
            f"ORDER BY i.{published_on} DESC, i.id DESC LIMIT %s")


def column_items(column_id: int, *, after: tuple[dt.date, int] | None, limit: int) -> list[ListRow]:
    """Up to `limit` dated public items of a column, newest first, strictly after the keyset cursor
    (published_on, id): a range read of the partial index item_public_by_column, whatever the column's size."""
    params: list = [column_id]
    if after is not None:
        params += list(after)
    with _cursor() as cursor:
        cursor.execute(_column_items_sql(connection.vendor, after is not None), [*params, limit])
        return [ListRow(r[0], r[1], r[2], _date(r[3]), r[4], r[5]) for r in cursor.fetchall()]
