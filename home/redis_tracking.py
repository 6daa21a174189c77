"""One Redis key's value kept in the process between its changes, which Redis announces (client-side caching).

Every API request needs the content version (home.api_cache), which lives in Redis: read there, it costs a
round trip, about a quarter of the server's work for a cached answer. Redis can instead tell a client when a
key changes. `TrackedKey` keeps, in each process, one connection on which Redis sends a message whenever the
key is set, deleted, expired, evicted or flushed, by anybody (`CLIENT TRACKING … BCAST PREFIX`, redirected to
the connection's own subscription to `__redis__:invalidate`; Redis 6 or later). A request first reads
what is waiting on that connection, which is a poll of its socket and not a round trip, and uses the value it
keeps if no message came.

- Redis queues the message before it answers the command that changed the key, so a change is seen by any
  request that starts after the change was made.
- A value is kept only if no message came while it was being read.
- The connection is asked for a PING at least every `CHECK_SECONDS`. A connection dropped without a word (a
  firewall's idle time-out) would otherwise lose messages unnoticed.
- A connection that fails drops the value. The key is then read from Redis at each request until a new
  connection tracks it, which is retried every `RETRY_SECONDS`. So is a Redis that refuses tracking.
"""

import logging
import os
import threading
import time
import weakref

from redis.connection import Connection, parse_url
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

INVALIDATION_CHANNEL = "__redis__:invalidate"
CHECK_SECONDS = 1.0
RETRY_SECONDS = 30.0
SOCKET_TIMEOUT = 2.0
_NOTHING = object()
_INSTANCES = weakref.WeakSet()


def tracking_connection(url, password=None):
    """A new connection to the Redis at `url` (RESP2: the invalidations come as subscription messages)."""
    options = parse_url(url)
    connection_class = options.pop("connection_class", Connection)
    if password and not options.get("password"):
        options["password"] = password
    return connection_class(**options, protocol=2, socket_timeout=SOCKET_TIMEOUT, socket_connect_timeout=SOCKET_TIMEOUT)


class TrackedKey:
    """The value of one Redis key, kept in this process until Redis says the key changed."""

    def __init__(self, key, connect):
        """`key`: the key's full name in Redis; `connect()`: a new, unconnected redis-py Connection."""
        self.key = key
        self.connect = connect
        self.lock = threading.Lock()
        self.connection = None
        self.value = _NOTHING
        # Counts the messages: a value read while one came is not kept.
        self.generation = 0
        self.checked_at = 0.0
        self.retry_at = 0.0
        _INSTANCES.add(self)

    def get(self, read):
        """The key's value: the one kept if Redis announced no change since it was read, else `read()`'s."""
        with self.lock:
            tracking = self._listen()
            if tracking and self.value is not _NOTHING:
                return self.value
            generation = self.generation
        value = read()
        if tracking:
            with self.lock:
                if self._listen() and self.generation == generation:
                    self.value = value
        return value

    def forget(self):
        """Drop the kept value (this process just changed the key)."""
        with self.lock:
            self.generation += 1
            self.value = _NOTHING

    def close(self):
        with self.lock:
            self._drop()

    # The methods below run under self.lock.

    def _listen(self):
        """Read the messages waiting on the connection (opened if needed); whether the key is tracked."""
        if self.connection is None and not self._subscribe():
            return False
        try:
            while self.connection.can_read(timeout=0):
                self._receive(self.connection.read_response())
            if time.monotonic() - self.checked_at > CHECK_SECONDS:
                self._check()
        except (RedisError, OSError, ValueError):
            logger.warning("Suivi de la clé Redis %s interrompu : elle est relue à chaque requête.", self.key)
            self._drop()
            return False
        return True

    def _receive(self, message):
        if isinstance(message, list) and message and message[0] == b"message":
            self.generation += 1
            self.value = _NOTHING

    def _check(self):
        """PING the connection and read up to its answer: the messages sent before it have all arrived."""
        self.connection.send_command("PING")
        while True:
            message = self.connection.read_response()
            if isinstance(message, list) and message and message[0] == b"pong":
                break
            self._receive(message)
        self.checked_at = time.monotonic()

    def _subscribe(self):
        if time.monotonic() < self.retry_at:
            return False
        connection = self.connect()
        try:
            connection.connect()
            connection.send_command("CLIENT", "ID")
            client_id = connection.read_response()
            connection.send_command("CLIENT", "TRACKING", "ON", "REDIRECT", client_id, "BCAST", "PREFIX", self.key)
            connection.read_response()
            connection.send_command("SUBSCRIBE", INVALIDATION_CHANNEL)
            connection.read_response()
        except (RedisError, OSError) as error:
            connection.disconnect()
            self.retry_at = time.monotonic() + RETRY_SECONDS
            logger.warning("Redis ne suit pas la clé %s (%s) : elle est relue à chaque requête.", self.key, error)
            return False
        self.connection = connection
        self.checked_at = time.monotonic()
        # Values read before the connection tracked the key may have missed a change.
        self.generation += 1
        self.value = _NOTHING
        return True

    def _drop(self):
        if self.connection is not None:
            self.connection.disconnect()
        self.connection = None
        self.generation += 1
        self.value = _NOTHING

    def _forget_connection(self):
        """In a forked child: the parent's socket and lock are not this process's."""
        self.lock = threading.Lock()
        self.connection = None
        self.generation += 1
        self.value = _NOTHING
        self.retry_at = 0.0


def _after_fork_in_child():
    for tracked in list(_INSTANCES):
        tracked._forget_connection()


os.register_at_fork(after_in_child=_after_fork_in_child)
