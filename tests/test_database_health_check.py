"""The PostgreSQL backend's health check (home.postgresql): no round trip while the connection is quiet, and a
connection PostgreSQL closed is still replaced before it can fail a request.

These tests run outside a test transaction (the check only skips the round trip on an idle connection).
"""

import select
from unittest import mock

import psycopg
import pytest
from django.db import connection, connections

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgresql_only(settings):
    if not settings.DATABASE_IS_POSTGRES:
        pytest.skip("le contrôle de connexion est propre au moteur PostgreSQL du projet")


@pytest.fixture
def health_checks():
    """Health checks on, as with the deployed settings (one per request)."""
    enabled = connection.health_check_enabled
    connection.health_check_enabled = True
    connection.ensure_connection()
    yield
    connection.health_check_enabled = enabled


def backend_pid():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def terminate(pid):
    """Terminate a backend from another connection, as a restart of PostgreSQL would, and wait until its
    client's socket has heard of it."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    poller = select.poll()
    poller.register(connection.connection.fileno(), select.POLLIN)
    assert poller.poll(2000), "PostgreSQL n'a pas fermé la connexion"


def new_request():
    connection.health_check_done = False  # what Django does when a request starts


def test_a_quiet_connection_is_used_without_a_round_trip(health_checks):
    pid = backend_pid()
    new_request()
    with mock.patch.object(type(connections["default"]), "is_usable", autospec=True) as is_usable:
        assert backend_pid() == pid
    is_usable.assert_not_called()
    assert connection.health_check_done


def test_a_connection_postgresql_closed_is_replaced_before_the_next_query(health_checks):
    pid = backend_pid()
    terminate(pid)
    new_request()
    assert backend_pid() != pid  # no error: the check saw the socket, closed it, and a new one was opened


def test_a_closed_connection_is_replaced_without_failing_an_api_request(client, health_checks, settings):
    settings.API_CACHE_ENABLED = False
    pid = backend_pid()
    terminate(pid)
    new_request()
    response = client.get("/api/v2/pages/?type=blog.InitiativePage&fields=*")
    assert response.status_code == 200
    assert backend_pid() != pid


def test_a_connection_inside_a_transaction_gets_djangos_check(health_checks):
    from django.db import transaction

    with transaction.atomic():
        backend_pid()
        new_request()
        with mock.patch.object(
            type(connections["default"]), "is_usable", autospec=True, return_value=True
        ) as is_usable:
            backend_pid()
        is_usable.assert_called_once()
