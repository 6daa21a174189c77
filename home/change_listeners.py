"""Changes announced by a server on a connection that each process keeps open for them.

The API cache (home.api_cache) must know, at every request, whether content changed since it computed a
response. Asking costs a round trip per request. Instead, the server can announce each change on a connection
kept by each process:
- Redis sends a message when a key changes (home.redis_tracking);
- PostgreSQL delivers NOTIFY at commit (home.postgresql.notifications).

A request then reads what is waiting on that connection, which is a poll of its socket and not a round trip.
`ChangeListener.generation()` counts what was heard. The count also moves when the connection is opened or
lost, since changes may have gone unheard then. While there is no connection, it returns None: the caller
then asks the server as before.
- The connection is checked by a round trip at least every `CHECK_SECONDS`. A connection dropped without a
  word (a firewall's idle time-out) would otherwise lose announcements unnoticed.
- A connection that fails or cannot be opened is tried again after `RETRY_SECONDS`.
- A forked process (a gunicorn worker) opens its own.
"""

import contextlib
import logging
import os
import select
import threading
import time
import weakref

logger = logging.getLogger(__name__)

CHECK_SECONDS = 1.0
RETRY_SECONDS = 30.0
ASKED_EACH_TIME = "le serveur est interrogé à chaque requête."
_LISTENERS = weakref.WeakSet()


def readable(sock):
    """Whether something (data, or the end of the connection) waits on the socket or file descriptor."""
    if not hasattr(select, "poll"):  # not on Linux or another Unix
        return bool(select.select([sock], [], [], 0)[0])
    poller = select.poll()  # unlike select(), any descriptor number
    poller.register(sock, select.POLLIN | select.POLLPRI)
    return bool(poller.poll(0))


class ChangeListener:
    """Counts the changes announced on one connection kept by this process. Subclasses open the connection,
    read what waits on it, check it by a round trip and close it; they raise one of `errors` on failure."""

    errors = (OSError,)
    description = "les changements"

    def __init__(self):
        self.lock = threading.Lock()
        self.connection = None
        self.count = 0
        self.checked_at = 0.0
        self.retry_at = 0.0
        _LISTENERS.add(self)

    # What subclasses do, on their connection.
    def open(self):
        raise NotImplementedError

    def receive(self, connection):
        """How many announcements were waiting (without blocking)."""
        raise NotImplementedError

    def check(self, connection):
        """A round trip; how many announcements came before its answer."""
        raise NotImplementedError

    def shut(self, connection):
        raise NotImplementedError

    def generation(self):
        """A number that changes whenever something may have changed; None when nothing is heard."""
        with self.lock:
            if self.connection is None and not self._connect():
                return None
            try:
                self.count += self.receive(self.connection)
                if time.monotonic() - self.checked_at > CHECK_SECONDS:
                    self.count += self.check(self.connection)
                    self.checked_at = time.monotonic()
            except self.errors as error:
                logger.warning(
                    "Écoute de %s interrompue (%s) : le serveur est interrogé à chaque requête.",
                    self.description,
                    error,
                )
                self._drop()
                return None
            return self.count

    def changed(self):
        """This process made a change: move the count without waiting for the announcement."""
        with self.lock:
            self.count += 1

    def close(self):
        with self.lock:
            self._drop()

    def _connect(self):
        if time.monotonic() < self.retry_at:
            return False
        try:
            self.connection = self.open()
        except self.errors as error:
            self.retry_at = time.monotonic() + RETRY_SECONDS
            logger.warning(
                "Impossible d'écouter %s (%s) : le serveur est interrogé à chaque requête.", self.description, error
            )
            return False
        self.checked_at = time.monotonic()
        self.count += 1  # changes made before the connection listened went unheard
        return True

    def _drop(self):
        if self.connection is not None:
            with contextlib.suppress(self.errors):
                self.shut(self.connection)
        self.connection = None
        self.count += 1

    def _after_fork(self):
        """In a forked child: the parent's socket and lock are not this process's (nor closed by it)."""
        self.lock = threading.Lock()
        self.connection = None
        self.count += 1
        self.retry_at = 0.0


def close_all():
    """Close every listener's connection (the tests, before their database is dropped)."""
    for listener in list(_LISTENERS):
        listener.close()


def _after_fork_in_child():
    for listener in list(_LISTENERS):
        listener._after_fork()


os.register_at_fork(after_in_child=_after_fork_in_child)
