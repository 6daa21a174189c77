"""A Redis key's value kept in the process until Redis announces a change (home.redis_tracking), against a real
redis-server: every way the key can change is seen by the next read, a value read while it changed is not
kept, and a lost or refused connection falls back to reading the key each time."""

import functools
import time

import pytest
import redis

from home import change_listeners
from home.benchmark.processes import free_port
from home.redis_tracking import TrackedKey, tracking_connection

KEY = ":1:figo:test:tracked"


@pytest.fixture
def server(redis_url):
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.close()


@pytest.fixture
def tracked(redis_url):
    key = TrackedKey(KEY, functools.partial(tracking_connection, redis_url))
    yield key
    key.changes.close()


class CountingReader:
    """Reads the key from Redis as the cache would, counting the reads."""

    def __init__(self, server):
        self.server = server
        self.count = 0

    def __call__(self):
        self.count += 1
        return self.server.get(KEY)


@pytest.fixture
def read(server, tracked):
    """The reader of a key set to "v1", read once through `tracked`, which keeps it (count 1)."""
    server.set(KEY, "v1")
    reader = CountingReader(server)
    assert tracked.get(reader) == b"v1"
    return reader


def wait_for_messages():
    time.sleep(0.02)  # Redis and this process talk over loopback; the message is sent before the change returns


@pytest.mark.parametrize(
    "check_seconds", [change_listeners.CHECK_SECONDS, 0], ids=["checked-each-second", "pinged-each-read"]
)
def test_the_value_is_read_once_then_kept_until_the_key_changes(server, tracked, monkeypatch, check_seconds):
    """Kept whether the connection was just PINGed or not: the PING reads the messages before its answer."""
    monkeypatch.setattr(change_listeners, "CHECK_SECONDS", check_seconds)
    server.set(KEY, "v1")
    read = CountingReader(server)

    assert [tracked.get(read) for _ in range(5)] == [b"v1"] * 5
    assert read.count == 1

    server.set(KEY, "v2")
    assert tracked.get(read) == b"v2"
    assert tracked.get(read) == b"v2"
    assert read.count == 2


def test_a_change_is_seen_by_the_next_read_without_waiting(server, tracked, read):
    for value in (b"v2", b"v3", b"v4"):
        server.set(KEY, value)
        assert tracked.get(read) == value


@pytest.mark.parametrize(
    "change",
    [
        lambda server: server.delete(KEY),
        lambda server: server.pexpire(KEY, 1),
        lambda server: server.flushdb(),
        lambda server: server.flushall(),
    ],
    ids=["deleted", "expired", "database-flushed", "everything-flushed"],
)
def test_every_way_the_key_can_change_is_announced(server, tracked, change, read):
    change(server)
    time.sleep(0.05)  # the expiry
    server.get(KEY)  # an expired key is deleted (and announced) when it is next touched, at the latest
    wait_for_messages()

    assert tracked.get(read) is None
    assert read.count == 2


def test_other_keys_do_not_drop_the_value(server, tracked, read):
    server.set(":1:figo:test:other", "x")
    wait_for_messages()

    assert tracked.get(read) == b"v1"
    assert read.count == 1


def test_a_value_read_while_the_key_changed_is_not_kept(server, tracked):
    server.set(KEY, "v1")
    tracked.get(CountingReader(server))  # the connection tracks the key…
    tracked.forget()  # …and keeps nothing: the next request reads it

    def read_then_change():
        value = server.get(KEY)
        server.set(KEY, "v2")  # another process publishes while this one reads
        wait_for_messages()
        return value

    assert tracked.get(read_then_change) == b"v1"
    read = CountingReader(server)
    assert tracked.get(read) == b"v2"
    assert read.count == 1


def test_this_process_forgets_the_value_it_replaced(server, tracked, read):
    tracked.forget()

    assert tracked.get(read) == b"v1"
    assert read.count == 2


def test_a_lost_connection_falls_back_to_reading_then_tracks_again(server, tracked, monkeypatch, read):
    monkeypatch.setattr(change_listeners, "RETRY_SECONDS", 0)

    sock = tracked.changes.connection._sock
    server.client_kill_filter(_type="pubsub")  # Redis restarted, a proxy closed the connection…
    deadline = time.monotonic() + 5
    while not change_listeners.readable(sock) and time.monotonic() < deadline:
        time.sleep(0.01)
    server.set(KEY, "v2")  # …and the change's message is lost with it
    wait_for_messages()

    assert tracked.get(read) == b"v2"  # the loss is noticed: read from Redis
    assert tracked.get(read) == b"v2"  # a new connection tracks the key: read once more…
    assert tracked.get(read) == b"v2"  # …then kept
    assert read.count == 3


def test_a_redis_that_refuses_tracking_is_read_each_time_and_retried_later(server, monkeypatch):
    attempts = []

    def unreachable():
        attempts.append(1)
        return tracking_connection(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there

    tracked = TrackedKey(KEY, unreachable)
    server.set(KEY, "v1")
    read = CountingReader(server)

    assert [tracked.get(read) for _ in range(3)] == [b"v1"] * 3
    assert read.count == 3
    assert len(attempts) == 1  # not at every request

    monkeypatch.setattr(change_listeners, "RETRY_SECONDS", 0)
    tracked.changes.retry_at = 0
    tracked.get(read)
    assert len(attempts) == 2


def test_a_forked_process_opens_its_own_connection(server, tracked, read):
    parents_connection = tracked.changes.connection

    change_listeners._after_fork_in_child()  # what os.fork() runs in the child

    assert tracked.changes.connection is None
    assert tracked.get(read) == b"v1"
    assert read.count == 2
    assert tracked.changes.connection is not parents_connection
    parents_connection.disconnect()
