"""Prepared statements for the queries the API runs at every listing (PostgreSQL).

Django binds parameters on the client (psycopg's ClientCursor), so PostgreSQL parses and plans every query
anew. For the API index's listing query, parsing and planning cost more than running it (0.2 ms of 0.35).
The few queries run at every listing go through `prepared_cursor()` instead: their parameters are bound
on the server and the statement is prepared once per database connection, so PostgreSQL keeps its plan
(a generic plan, once it has checked that it costs no more than the custom ones).

Preparing needs `prepare_threshold` in the database's OPTIONS (settings: `DATABASE_PREPARED_STATEMENTS`).
Without it (a pooler in transaction mode that cannot keep prepared statements, PgBouncer before 1.21),
the same queries are sent with server-side parameters, unprepared. Other databases (SQLite) get Django's
own cursor. Queries that read timestamps should stay with Django's cursor: this one registers no time
zone of its own.
"""

from django.db import connection


def _preparing_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        """A psycopg cursor that binds parameters on the server and, if `prepare`, prepares every statement
        it runs."""

        def __init__(self, *args, prepare=True, **kwargs):
            super().__init__(*args, **kwargs)
            self.prepare = prepare

        def execute(self, query, params=None, **kwargs):
            kwargs.setdefault("prepare", self.prepare)
            return super().execute(query, params, **kwargs)

    return PreparingCursor


_CURSOR_CLASS = []


def prepared_cursor():
    """A Django cursor (health check, query logging, error wrapping as for any query) whose statements are
    prepared on PostgreSQL, unless queries are logged; Django's usual cursor on other databases."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    if not _CURSOR_CLASS:
        _CURSOR_CLASS.append(_preparing_cursor_class())
    # What BaseDatabaseWrapper.cursor() does, with another psycopg cursor class.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    # Where queries are logged (DEBUG, tests counting them), they are sent unprepared: psycopg keeps no text
    # of a prepared execution, and Django's log needs it.
    logged = connection.queries_logged
    with connection.wrap_database_errors:
        cursor = _CURSOR_CLASS[0](connection.connection, prepare=not logged)
    return connection.make_debug_cursor(cursor) if logged else connection.make_cursor(cursor)


def inline_parameters(sql, params):
    """`sql` with its parameters written in as literals on PostgreSQL (and `%` escaped), for the part of a
    prepared statement that never changes: a pattern such as `path LIKE '0001%'` then keeps its index
    condition in the generic plan. Elsewhere, (sql, params) unchanged."""
    if connection.vendor != "postgresql":
        return sql, tuple(params)
    return connection.ops.compose_sql(sql, params).replace("%", "%%"), ()
