"""Django's PostgreSQL backend, with a health check that needs no round trip while the connection is quiet.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before the first query of each request, so that a
connection PostgreSQL has closed (a restart, an idle timeout, a terminated backend) is replaced instead of
failing the request. Such a connection shows on its socket: PostgreSQL sends its "terminating connection"
error and closes it, or the kernel closes it, and the socket becomes readable while no query is running.
So the socket is polled first: an idle connection with nothing to read has heard of nothing, and is used as
it is; anything to read, or any other state, falls back to Django's check. The benchmark measured the
round trip at 0.13 ms of CPU per request, a tenth of an API listing.
"""

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus

from home.change_listeners import readable


class DatabaseWrapper(base.DatabaseWrapper):
    """PostgreSQL, health-checked without a round trip when the connection's socket is quiet."""

    def close_if_health_check_failed(self):
        if self.health_check_enabled and not self.health_check_done and self.is_quiet():
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def is_quiet(self):
        """Whether the connection is open, idle outside a transaction, and nothing came on its socket since
        its last answer (PostgreSQL has not closed it, nor sent anything)."""
        raw = self.connection
        if raw is None or raw.closed or raw.broken or raw.info.transaction_status != TransactionStatus.IDLE:
            return False
        return not readable(raw.fileno())
