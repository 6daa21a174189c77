"""The PostgreSQL backend's health check (home.postgresql): no round trip while the connection is quiet, and a
connection PostgreSQL closed is still replaced before it can fail a request.

The check only skips its round trip on an idle connection, outside any transaction: these tests use a
connection of their own to the test database, in autocommit, beside the test's transaction.
"""

import select
from unittest import mock

import psycopg
import pytest
from django.db import connections, transaction

pytestmark = pytest.mark.postgres


@pytest.fixture
def own(db, settings):
    """A second connection to the test database, health-checked as with the deployed settings, that serves
    the requests made during the test."""
    if not settings.DATABASE_IS_POSTGRES:
        pytest.skip("le contrôle de connexion est propre au moteur PostgreSQL du projet")
    original = connections["default"]
    wrapper = connections.create_connection("default")
    wrapper.health_check_enabled = True
    wrapper.ensure_connection()
    connections["default"] = wrapper
    yield wrapper
    connections["default"] = original
    wrapper.close()


def backend_pid(wrapper):
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def terminate(wrapper):
    """Terminate the connection's backend from another connection, as a restart of PostgreSQL would, and
    wait until its socket has heard of it."""
    with psycopg.connect(**wrapper.get_connection_params(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [wrapper.connection.info.backend_pid])
    poller = select.poll()
    poller.register(wrapper.connection.fileno(), select.POLLIN)
    assert poller.poll(2000), "PostgreSQL n'a pas fermé la connexion"


def new_request(wrapper):
    wrapper.health_check_done = False  # what Django does when a request starts


def test_a_quiet_connection_is_used_without_a_round_trip(own):
    pid = backend_pid(own)
    new_request(own)
    with mock.patch.object(type(own), "is_usable", autospec=True) as is_usable:
        assert backend_pid(own) == pid
    is_usable.assert_not_called()
    assert own.health_check_done


def test_a_connection_postgresql_closed_is_replaced_before_the_next_query(own):
    pid = backend_pid(own)
    terminate(own)
    new_request(own)
    assert backend_pid(own) != pid  # no error: the check saw the socket, closed it, and a new one was opened


def test_a_closed_connection_is_replaced_without_failing_an_api_request(client, own, settings):
    settings.API_CACHE_ENABLED = False
    pid = backend_pid(own)
    terminate(own)
    new_request(own)
    response = client.get("/api/v2/pages/?type=blog.InitiativePage&fields=*")
    assert response.status_code == 200
    assert backend_pid(own) != pid


def test_a_connection_inside_a_transaction_gets_djangos_check(own):
    with transaction.atomic(using=own.alias):
        backend_pid(own)
        new_request(own)
        with mock.patch.object(type(own), "is_usable", autospec=True, return_value=True) as is_usable:
            backend_pid(own)
        is_usable.assert_called_once()
