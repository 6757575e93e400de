"""Django's PostgreSQL backend, with a deadline on every wait for the server.

`connect_timeout` bounds making a connection and `statement_timeout` a query the
server is running; neither helps when the server stops answering a connection that
is already open (a hung server, a stalled disk): the kernel still acknowledges what is
sent, and psycopg would wait for ever, holding a gunicorn worker until gunicorn kills
it. Here every wait for the server ends after OPTIONS["deadline"] seconds: the
connection is closed and Django sees an OperationalError, which the site answers with
its 503 page (common/availability.py). After a connection or a deadline fails, the
process does not try again for a few seconds (common/breaker.py): one request waits
out the deadline, not every request of the instance.
"""

from contextlib import contextmanager

import psycopg
from django.db.backends.postgresql import base
from psycopg import errors

from common.breaker import Breaker


class DatabaseUnavailable(psycopg.OperationalError):
    """The database failed to answer a moment ago: not asked again yet."""


breaker = Breaker("database", failures=(psycopg.OperationalError,), unavailable=DatabaseUnavailable)


class DeadlineConnection(psycopg.Connection):
    """A psycopg connection whose every wait for the server has a deadline."""

    deadline: float | None = None

    def wait(self, gen, interval=0.1, timeout=None):
        if timeout is not None:
            # The caller's own wait (notifies(timeout=…)): its end is no failure.
            return super().wait(gen, interval=interval, timeout=timeout)
        deadline = self.deadline
        try:
            return super().wait(gen, interval=interval, timeout=deadline)
        except errors._WaitTimeout:
            # Mid-exchange: the protocol's state is unknown, the connection unusable.
            self.pgconn.finish()
            error = psycopg.OperationalError(
                f"The database did not answer within {deadline:g} seconds"
            )
            breaker.failed(error)
            raise error from None


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        self.deadline = params.pop("deadline", None)
        statement_timeout = params.pop("statement_timeout", None)
        # The site's own connection: PostgreSQL's triggers for writes made outside the
        # site leave its writes to the page cache's wrapper (common/pagecache).
        options = [params.get("options", ""), "-c registry.site=on"]
        # Not on the connection to the server's own database (settings NAME None), which
        # Django uses to create and drop databases: dropping one waits for its sessions.
        if statement_timeout and self.settings_dict["NAME"] is not None:
            options.append(f"-c statement_timeout={statement_timeout}")
        else:
            self.deadline = None
        params["options"] = " ".join(option for option in options if option)
        return params

    def get_new_connection(self, conn_params):
        # Made by Django's own steps (connect_timeout bounds them), then given the
        # deadline for everything after.
        with breaker.guard():
            connection = super().get_new_connection(conn_params)
        connection.__class__ = DeadlineConnection
        connection.deadline = self.deadline
        return connection


@contextmanager
def without_deadlines(connection):
    """For maintenance that may rightly take long (migrate): no statement timeout and no
    client deadline on this connection while it runs."""
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    deadline = raw.deadline
    raw.deadline = None
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
    try:
        yield
    finally:
        if connection.connection is raw and not raw.closed:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")
            raw.deadline = deadline
