"""PostgreSQL's NOTIFY on one channel, heard by one LISTENing connection per process.

With a cache of its own (local memory, no REDIS_URL), a process must learn of the changes the others make:
the admin in another worker, a cron command. Each request used to read the latest entries of Wagtail's action
logs for that, one query per request (half the cost of a cached answer). Instead, a change sends `NOTIFY` on
a channel (home.api_cache), and each process listens on its own connection (`ChannelNotifications`).

PostgreSQL delivers a notification when the transaction that sent it commits, never before and not at all
if it rolls back. So a response computed from the data as it was before the commit is stale once the
notification is heard. At commit, PostgreSQL wakes the listening backends, which send it at once: a request
that starts after the commit, in another process, finds it waiting on its connection, unless it starts
within the fraction of a millisecond that takes on one machine (plus the network's delay, to another).
"""

import psycopg
from psycopg import sql

from home.change_listeners import ChangeListener, readable

# What Django passes to psycopg.connect() besides libpq's connection parameters.
NOT_LIBPQ_PARAMETERS = {"cursor_factory", "context", "prepare_threshold", "server_side_binding", "pool", "autocommit"}


def listening_connection_parameters(database_wrapper):
    """libpq's parameters of a Django PostgreSQL connection (database, host, user, options…)."""
    parameters = database_wrapper.get_connection_params()
    return {name: value for name, value in parameters.items() if name not in NOT_LIBPQ_PARAMETERS}


class ChannelNotifications(ChangeListener):
    """The notifications of one channel, counted on a connection of this process that LISTENs to it."""

    errors = (psycopg.Error, OSError)

    def __init__(self, channel, parameters):
        """`channel`: a plain identifier; `parameters`: libpq's (listening_connection_parameters)."""
        super().__init__()
        self.channel = channel
        self.parameters = parameters
        self.description = f"les notifications PostgreSQL « {channel} »"
        self.heard = 0  # notifications psycopg took while running the check's query
        self.ending = None  # the server's word that it closes the connection

    def open(self):
        connection = psycopg.connect(**self.parameters, autocommit=True)
        self.ending = None
        try:
            connection.add_notify_handler(self._heard_during_query)
            connection.add_notice_handler(self._noticed)
            connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
        except self.errors:
            connection.close()
            raise
        return connection

    def receive(self, connection):
        raw = connection.pgconn
        # Read while the socket has something. A server that ends the connection (terminated backend, restart)
        # first says so (FATAL, see _noticed), then closes it, which makes consume_input fail.
        while readable(raw.socket):
            raw.consume_input()
        count = 0
        while raw.notifies() is not None:  # parses what was read, the server's messages included
            count += 1
        if self.ending:  # said before the connection's end reaches the socket
            raise psycopg.OperationalError(self.ending)
        return count

    def check(self, connection):
        self.heard = 0
        connection.execute("SELECT 1")
        return self.heard + self.receive(connection)

    def shut(self, connection):
        connection.close()

    def _heard_during_query(self, _notification):
        self.heard += 1

    def _noticed(self, diagnostic):
        """libpq hands the messages of an idle connection to the notice handlers, "terminating connection"
        included."""
        if diagnostic.severity_nonlocalized in ("FATAL", "PANIC"):
            self.ending = diagnostic.message_primary or diagnostic.severity_nonlocalized
