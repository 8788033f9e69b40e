"""Query building for both backends: what reaches the database is bound parameters, never user syntax."""

import pytest
from django.db import connection

from gongkai.search.backends import PostgresBackend, SqliteBackend, backend
from gongkai.search.segmentation import parse_query


def test_fts5_expression_quotes_every_word_and_offers_the_parts_of_compounds():
    expr = SqliteBackend().match_expression(parse_query("政府信息公开 年报"))
    assert expr == '(("政府信息公开") OR ("政府" AND "信息" AND "公开")) AND "年报"'


def test_fts5_expression_for_any_term_joins_with_or():
    expr = SqliteBackend().match_expression(parse_query("低保 救助"), any_term=True)
    assert expr == '"低保" OR "救助"'


def test_fts5_expression_never_contains_an_unquoted_operator():
    expr = SqliteBackend().match_expression(parse_query('near(a b) * ^c:d OR "e'))
    # every bare word is wrapped in double quotes, so NEAR / OR from the user are plain strings
    assert expr == '"near" AND "a" AND "b" AND "c" AND "d" AND "or" AND "e"'


def test_postgres_tsquery_uses_only_placeholders():
    sql, params = PostgresBackend().tsquery(parse_query("政府信息公开 年报"))
    assert "%s" in sql and "政府" not in sql
    assert params[0] == "政府信息公开"
    assert params[-1] == "年报"
    assert sql.count("%s") == len(params)
    assert " && " in sql


def test_postgres_tsquery_any_term_uses_or():
    sql, params = PostgresBackend().tsquery(parse_query("低保 救助"), any_term=True)
    assert sql == "(((phraseto_tsquery('simple', %s))) || ((phraseto_tsquery('simple', %s))))"
    assert params == ["低保", "救助"]


@pytest.mark.django_db
def test_backend_follows_the_database_vendor():
    expected = {"sqlite": SqliteBackend, "postgresql": PostgresBackend}[connection.vendor]
    assert isinstance(backend(), expected)
