"""Changes announced by PostgreSQL's NOTIFY (home.postgresql.notifications), as the API cache uses them when
each process has a cache of its own (no Redis): heard once committed and never before, checked by a round trip,
and a lost connection falls back to the query it replaces.

A test runs in a transaction that is never committed: what must commit is sent from connections of its own,
psycopg's or Django's in another thread (autocommit, outside the test's transaction; nothing is written).
"""

import threading
import time

import psycopg
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from home import api_cache, change_listeners
from home.postgresql.notifications import ChannelNotifications, listening_connection_parameters
from tests import api_builders as build

pytestmark = pytest.mark.postgres
CHANNEL = "figo_test_changes"


def heard(listener, generation, seconds=5):
    """The listener's generation once it reached `generation`, or as it is after `seconds`: PostgreSQL's
    listening backend sends the notification as the commit returns, a busy machine may take a moment."""
    deadline = time.monotonic() + seconds
    while (current := listener.generation()) is not None and current < generation and time.monotonic() < deadline:
        time.sleep(0.01)
    return current


def wait_until_readable(socket, seconds=5):
    deadline = time.monotonic() + seconds
    while not change_listeners.readable(socket) and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.fixture
def parameters(db, settings):
    if not settings.DATABASE_IS_POSTGRES:
        pytest.skip("NOTIFY est propre à PostgreSQL")
    return listening_connection_parameters(connection)


@pytest.fixture
def listener(parameters):
    listening = ChannelNotifications(CHANNEL, parameters)
    yield listening
    listening.close()


@pytest.fixture
def other_process(parameters):
    """Another process's connection, in autocommit."""
    with psycopg.connect(**parameters, autocommit=True) as other:
        yield other


def test_a_notification_is_heard_once_committed_and_never_before(listener, other_process):
    start = listener.generation()
    assert listener.generation() == start, "nothing changed"

    other_process.execute(f"NOTIFY {CHANNEL}")
    assert heard(listener, start + 1) == start + 1

    with other_process.transaction():
        other_process.execute(f"NOTIFY {CHANNEL}")
        time.sleep(0.05)
        assert listener.generation() == start + 1, "not committed yet"
    assert heard(listener, start + 2) == start + 2

    with pytest.raises(psycopg.errors.DivisionByZero), other_process.transaction():
        other_process.execute(f"NOTIFY {CHANNEL}")
        other_process.execute("SELECT 1 / 0")
    other_process.execute("NOTIFY figo_another_channel")
    time.sleep(0.05)
    assert listener.generation() == start + 2, "rolled back, or another channel"


def test_the_check_by_a_round_trip_counts_what_came_before_it(listener, other_process, monkeypatch):
    monkeypatch.setattr(change_listeners, "CHECK_SECONDS", 0)
    start = listener.generation()
    other_process.execute(f"NOTIFY {CHANNEL}")
    time.sleep(0.05)  # arrived: the round trip's answer comes after it
    assert listener.generation() == start + 1
    assert listener.generation() == start + 1


def test_a_lost_connection_says_so_then_listens_again(listener, other_process, monkeypatch):
    monkeypatch.setattr(change_listeners, "RETRY_SECONDS", 0)
    start = listener.generation()
    pid = listener.connection.pgconn.backend_pid
    other_process.execute("SELECT pg_terminate_backend(%s)", [pid])  # a restart, an idle time-out…
    wait_until_readable(listener.connection.pgconn.socket)  # the backend ends a moment later

    assert listener.generation() is None, "changes may go unheard: the caller asks the database"
    again = listener.generation()
    assert again is not None and again > start
    assert listener.connection.pgconn.backend_pid != pid


def test_a_database_that_cannot_be_reached_is_retried_later(parameters, monkeypatch):
    attempts = []
    unreachable = ChannelNotifications(CHANNEL, {**parameters, "port": 1, "connect_timeout": 1})
    original = unreachable.open
    monkeypatch.setattr(unreachable, "open", lambda: attempts.append(1) or original())

    assert [unreachable.generation() for _ in range(3)] == [None] * 3
    assert len(attempts) == 1


def in_another_thread(function):
    """Run `function` with Django's connection of another thread: autocommit, outside the test's transaction."""
    errors = []

    def run():
        try:
            function()
        except Exception as error:  # noqa: BLE001 — reported to the test
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    assert not errors, errors


@pytest.fixture
def local_caches(parameters, settings, home_page):
    """Each process with its own cache (no REDIS_URL), as a deployment without Redis has it."""
    settings.API_CACHE_CHECK_DATABASE = True
    api_cache.LOCAL_ENTRIES.clear()
    return build.tree(home_page)


def test_without_redis_a_hit_runs_no_query_and_hears_other_processes_changes(client, local_caches):
    url = "/api/v2/pages/?type=centres.DepartmentPage"
    listener = api_cache.database_changes()
    assert listener is not None
    assert [client.get(url)["X-Cache"] for _ in range(2)] == ["MISS", "HIT"]

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url)["X-Cache"] == "HIT"
    assert len(queries) == 0

    start = listener.generation()
    # Another worker publishes: its transaction commits, with the announcement.
    in_another_thread(api_cache.bump_content_version)
    assert heard(listener, start + 1) > start
    assert client.get(url)["X-Cache"] == "MISS"


def test_a_change_is_announced_when_its_transaction_commits(local_caches):
    listener = api_cache.database_changes()
    start = listener.generation()
    heard_before_commit = []

    def change_in_a_transaction():
        with transaction.atomic():
            api_cache.bump_content_version()
            api_cache.bump_content_version()
            heard_before_commit.append(listener.generation())

    in_another_thread(change_in_a_transaction)
    assert heard_before_commit == [start]
    assert heard(listener, start + 1) == start + 1
    time.sleep(0.05)
    assert listener.generation() == start + 1, "once per transaction"
