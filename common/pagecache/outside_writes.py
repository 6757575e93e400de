"""Writes made outside the site (psql, another program), seen by PostgreSQL.

The site's own writes pass its execute wrapper (writes.py). Anything else that writes to
a public table fires a statement-level trigger, which notifies the channel
`registry_changed`; PostgreSQL delivers the notification once the transaction commits,
one per transaction, never for a rollback. The worker (manage.py worker) listens and
changes the registry's version, so the next request builds the pages again. The site's
connections say they are the site's (the setting registry.site, set when they connect:
common/postgresql), and their writes notify nobody: the wrapper has seen them already.

The triggers are (re)installed after every migrate, on every public table, and taken
off a table declared never public. SQLite has no such triggers: there a write from
outside is seen at the next write of the site's, or when the answers age out (a day).
"""

import logging
import time

import psycopg
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_migrate

from common.pagecache.version import new_version
from common.pagecache.writes import private_tables, public_tables

logger = logging.getLogger(__name__)

CHANNEL = "registry_changed"
TRIGGER = "registry_changed_outside"
FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('registry.site', true), '') <> 'on' THEN
        PERFORM pg_notify('{CHANNEL}', '');
    END IF;
    RETURN NULL;
END
$$
"""


def install_triggers(using: str = DEFAULT_DB_ALIAS) -> int:
    """The trigger on every public table that lacks it, off every private one that has
    it; how many tables changed."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [TRIGGER],
        )
        installed = {name for (name,) in cursor.fetchall()}
        existing = set(connection.introspection.table_names(cursor))
        missing = (public_tables() & existing) - installed
        extra = installed & private_tables()
        if missing:
            cursor.execute(FUNCTION)
        quote = connection.ops.quote_name
        for table in sorted(missing):
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR "
                f"TRUNCATE ON {quote(table)} FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()"
            )
        for table in sorted(extra):
            cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quote(table)}")
    return len(missing) + len(extra)


def _after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    install_triggers(using)


post_migrate.connect(_after_migrate, dispatch_uid="common.pagecache.outside_writes")


class Listener:
    """The worker's ear on the channel: `wait(seconds)` waits for a write made outside
    the site, at most that long, and changes the registry's version if one came."""

    def __init__(self, using: str = DEFAULT_DB_ALIAS):
        self.using = using
        self.connection: psycopg.Connection | None = None

    def listen(self) -> bool:
        if self.connection is not None and not self.connection.closed:
            return True
        wrapper = connections[self.using]
        if wrapper.vendor != "postgresql":
            return False
        # A connection of its own, as the site makes them (deadlines included), in
        # autocommit: LISTEN holds nothing open.
        self.connection = wrapper.get_new_connection(wrapper.get_connection_params())
        self.connection.autocommit = True
        self.connection.execute(f"LISTEN {CHANNEL}")
        return True

    def wait(self, seconds: float) -> bool:
        """Whether a write came (and the version changed); False after `seconds`."""
        try:
            if not self.listen():
                time.sleep(seconds)
                return False
            notes = list(self.connection.notifies(timeout=seconds, stop_after=1))
            if not notes:
                return False
            # Drain whatever else came meanwhile: one new version for all of them.
            list(self.connection.notifies(timeout=0))
        except psycopg.Error as error:
            logger.warning("Not listening for outside writes (%s): trying again", error)
            self.close()
            time.sleep(min(seconds, 1.0))
            return False
        new_version()
        return True

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            except psycopg.Error:
                pass
        self.connection = None
