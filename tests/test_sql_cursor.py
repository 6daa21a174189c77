"""The cursor of the API index's SQL (home.sql_cursor): prepared statements, items as bytes.

On PostgreSQL the queries a listing runs at every request are prepared once per connection and planned
once; they still pass through Django's cursor (logged, counted, errors wrapped), and answer exactly what
unprepared queries answer. On SQLite, Django's own cursor runs them.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.sql_cursor import api_cursor, as_bytes, inline_parameters
from tests import api_builders as build

PLAIN_LISTING = "/api/v2/pages/?type=blog.InitiativePage&fields=*&limit=2"
FILTERED_LISTING = "/api/v2/pages/?type=blog.InitiativePage&fields=*&theme=logement"


@pytest.fixture
def initiatives(home_page, settings):
    settings.API_CACHE_ENABLED = False  # every request runs its queries
    tree = build.tree(home_page)
    media = build.Media()
    organiser = build.centres(tree["department"], media, 1)[0]
    return build.initiatives(tree["blog"], organiser, media, 3)


def prepared_statements():
    """{statement: (generic plans, custom plans)} of this connection's prepared statements."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")
        return {statement: (generic, custom) for statement, generic, custom in cursor.fetchall()}


def listing_statements():
    return {sql: plans for sql, plans in prepared_statements().items() if "home_apiindexentry" in sql}


@pytest.mark.postgres
def test_listing_queries_are_prepared_once_and_keep_one_plan(client, initiatives, settings):
    if not settings.DATABASE_IS_POSTGRES:
        pytest.skip("les requêtes préparées sont propres à PostgreSQL")
    for _ in range(3):
        for url in (PLAIN_LISTING, FILTERED_LISTING):
            assert client.get(url).status_code == 200
    statements = listing_statements()
    assert any("listed" in sql for sql in statements), statements  # the plain listing's one query
    assert any("listed" not in sql for sql in statements), statements  # a filtered listing's items
    for plans in statements.values():
        assert plans[0] >= 2 and plans[1] == 0, statements  # planned once (a generic plan), reused
    assert client.get(PLAIN_LISTING.replace("limit=2", "limit=1")).status_code == 200
    assert listing_statements().keys() == statements.keys(), "another slice must reuse the same statement"


@pytest.mark.postgres
def test_prepared_queries_answer_what_unprepared_ones_answer(client, initiatives, settings):
    if not settings.DATABASE_IS_POSTGRES:
        pytest.skip("les requêtes préparées sont propres à PostgreSQL")
    prepared = [client.get(url).content for url in (PLAIN_LISTING, FILTERED_LISTING)]
    raw = connection.connection
    threshold, raw.prepare_threshold = raw.prepare_threshold, None  # as DATABASE_PREPARED_STATEMENTS=0
    try:
        unprepared = [client.get(url).content for url in (PLAIN_LISTING, FILTERED_LISTING)]
    finally:
        raw.prepare_threshold = threshold
    assert prepared == unprepared
    assert b'"total_count":3' in prepared[0]


def test_prepared_queries_are_logged_and_counted_like_any_other(client, initiatives):
    client.get(PLAIN_LISTING)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PLAIN_LISTING).status_code == 200
    assert any("home_apiindexentry" in query["sql"] for query in queries.captured_queries)


def test_inline_parameters_writes_fixed_values_in_and_keeps_percent_signs_literal(db):
    sql, params = inline_parameters("SELECT %s LIKE %s, %s", ["00010001", "0001%", 7])
    if connection.vendor == "postgresql":
        assert params == ()
        assert "'0001%%'" in sql
    else:
        assert (sql, params) == ("SELECT %s LIKE %s, %s", ("00010001", "0001%", 7))
    with api_cursor() as cursor:
        cursor.execute(sql, params)
        matches, number = cursor.fetchone()
    assert matches and number == 7


def test_bad_sql_through_the_api_cursor_raises_djangos_error(db):
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), api_cursor() as cursor:
        cursor.execute("SELECT no_such_column FROM home_apiindexentry WHERE key = %s", ["x"])


def test_text_comes_as_utf8_bytes_and_other_columns_as_usual(db):
    with api_cursor() as cursor:
        cursor.execute("SELECT CAST(%s AS TEXT), CAST(%s AS VARCHAR(20)), 7", ["Événement « logement »", "clé"])
        text, varchar, number = cursor.fetchone()
    assert as_bytes(text) == "Événement « logement »".encode()
    assert (varchar, number) == ("clé", 7)
    if connection.vendor == "postgresql":
        assert isinstance(text, bytes), "read as stored, never decoded"
