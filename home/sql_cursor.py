"""The cursor of the API index's own SQL (PostgreSQL): statements prepared once per connection, items
read as bytes.

Django binds parameters on the client (psycopg's ClientCursor), so PostgreSQL parses and plans every query
anew. For the API index's listing query, parsing and planning cost more than running it (0.2 ms of 0.35).
The queries run at every listing go through `api_cursor()` instead: their parameters are bound on the
server and the statement is prepared once per database connection, so PostgreSQL keeps its plan (one
generic plan: `plan_cache_mode=force_generic_plan` in the settings).

Its results come in PostgreSQL's binary format, with text columns as bytes: the items are stored as UTF-8
JSON and go out as UTF-8 JSON, so they are never decoded into Python strings and encoded back (for the
map's 4,000 centres, 2.6 MB each way). Other columns come as usual (integers, strings of varchar…).

Preparing needs `prepare_threshold` in the database's OPTIONS (settings: `DATABASE_PREPARED_STATEMENTS`).
Without it (a pooler in transaction mode that cannot keep prepared statements, PgBouncer before 1.21),
the same queries are sent unprepared. Other databases (SQLite) get Django's own cursor, and text as str:
`as_bytes()` takes either.
"""

from functools import cache

from django.db import connection


@cache
def _cursor_class():
    """The cursor class, made at first use: Django's PostgreSQL backend is imported only where it runs."""
    from django.db.backends.postgresql.base import ServerBindingCursor
    from psycopg.types.string import ByteaBinaryLoader

    class ApiCursor(ServerBindingCursor):
        """A psycopg cursor that binds parameters on the server, prepares its statements if `prepare`, and
        reads results in binary format, text as bytes."""

        def __init__(self, *args, prepare=True, **kwargs):
            super().__init__(*args, **kwargs)
            self.prepare = prepare
            self.adapters.register_loader("text", ByteaBinaryLoader)  # the raw UTF-8 bytes

        def execute(self, query, params=None, **kwargs):
            kwargs.setdefault("prepare", self.prepare)
            kwargs.setdefault("binary", True)
            return super().execute(query, params, **kwargs)

    return ApiCursor


def api_cursor(prepare=True):
    """A Django cursor (health check, query logging, error wrapping as for any query) for the API index's
    SQL: on PostgreSQL, text read as bytes and statements prepared (if `prepare`, unless queries are
    logged); Django's usual cursor on other databases."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    # What BaseDatabaseWrapper.cursor() does, with another psycopg cursor class.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    # Where queries are logged (DEBUG, tests counting them), they are sent unprepared: psycopg keeps no text
    # of a prepared execution, and Django's log needs it.
    logged = connection.queries_logged
    with connection.wrap_database_errors:
        cursor = _cursor_class()(connection.connection, prepare=prepare and not logged)
    return connection.make_debug_cursor(cursor) if logged else connection.make_cursor(cursor)


def as_bytes(text):
    """A text column's value as UTF-8 bytes, whichever way the database returned it."""
    return text if isinstance(text, bytes) else text.encode()


def inline_parameters(sql, params):
    """`sql` with its parameters written in as literals on PostgreSQL (and `%` escaped), for the part of a
    prepared statement that never changes: a pattern such as `path LIKE '0001%'` then keeps its index
    condition in the generic plan. Elsewhere, (sql, params) unchanged."""
    if connection.vendor != "postgresql":
        return sql, tuple(params)
    return connection.ops.compose_sql(sql, params).replace("%", "%%"), ()
