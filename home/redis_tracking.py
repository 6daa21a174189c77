"""One Redis key's value kept in the process between its changes, which Redis announces (client-side caching).

Every API request needs the content version (home.api_cache), which lives in Redis: read there, it costs a
round trip, about a quarter of the server's work for a cached answer. Redis can instead tell a client when a
key changes. Each process keeps one connection on which Redis sends a message whenever the key is set,
deleted, expired, evicted or flushed, by anybody (`CLIENT TRACKING … BCAST PREFIX`, redirected to the
connection's own subscription to `__redis__:invalidate`; Redis 6 or later). `TrackedKey` keeps the value with
the listener's generation it was read under (home.change_listeners), and reads it again once that moves.

Redis queues the message before it answers the command that changed the key. So a change is seen by any
request that starts after the change was made (with Redis on another machine, after the network's delay
too). A value read while a message came is not kept. Without a
connection (lost, or a Redis that refuses tracking), the key is read at each request.
"""

from redis.connection import Connection, parse_url
from redis.exceptions import RedisError

from home.change_listeners import ChangeListener

INVALIDATION_CHANNEL = "__redis__:invalidate"
SOCKET_TIMEOUT = 2.0


def tracking_connection(url, password=None):
    """A new connection to the Redis at `url` (RESP2: the invalidations come as subscription messages)."""
    options = parse_url(url)
    connection_class = options.pop("connection_class", Connection)
    if password and not options.get("password"):
        options["password"] = password
    return connection_class(**options, protocol=2, socket_timeout=SOCKET_TIMEOUT, socket_connect_timeout=SOCKET_TIMEOUT)


class KeyChanges(ChangeListener):
    """Redis's messages about one key (and any key it prefixes), on a connection subscribed to them."""

    errors = (RedisError, OSError, ValueError)

    def __init__(self, key, connect):
        """`key`: the key's full name in Redis; `connect()`: a new, unconnected redis-py Connection."""
        super().__init__()
        self.key = key
        self.connect = connect
        self.description = f"la clé Redis {key}"

    def open(self):
        connection = self.connect()
        try:
            connection.connect()
            connection.send_command("CLIENT", "ID")
            client_id = connection.read_response()
            connection.send_command("CLIENT", "TRACKING", "ON", "REDIRECT", client_id, "BCAST", "PREFIX", self.key)
            connection.read_response()
            connection.send_command("SUBSCRIBE", INVALIDATION_CHANNEL)
            connection.read_response()
        except self.errors:
            connection.disconnect()
            raise
        return connection

    def receive(self, connection):
        count = 0
        while connection.can_read(timeout=0):  # true at the end of the connection too: the read then fails
            count += is_message(connection.read_response())
        return count

    def check(self, connection):
        connection.send_command("PING")
        count = 0
        while not is_pong(message := connection.read_response()):
            count += is_message(message)
        return count

    def shut(self, connection):
        connection.disconnect()


def is_message(reply):
    return isinstance(reply, list) and bool(reply) and reply[0] == b"message"


def is_pong(reply):
    return isinstance(reply, list) and bool(reply) and reply[0] == b"pong"


class TrackedKey:
    """The value of one Redis key, kept in this process until Redis says the key changed."""

    def __init__(self, key, connect):
        self.changes = KeyChanges(key, connect)
        self.kept = (None, None)  # (generation, value): one attribute, replaced whole

    def get(self, read):
        """The key's value: the one kept if Redis announced no change since it was read, else `read()`'s."""
        generation = self.changes.generation()
        kept_generation, value = self.kept
        if generation is not None and generation == kept_generation:
            return value
        value = read()
        if generation is not None and self.changes.generation() == generation:
            self.kept = (generation, value)
        return value

    def forget(self):
        """Drop the kept value (this process just changed the key)."""
        self.changes.changed()
