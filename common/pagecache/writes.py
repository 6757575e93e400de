"""Which writes make the cached answers old, and how they are noticed.

Every table is public, that is read by some public page, unless it is declared never
public: the session, cache and history tables, the outbox, accounts, and what each app
declares in its AppConfig.ready() (`never_public(Model, "app_label")`). So a new public
page that reads a new table is never left stale because nobody added the table to a
list; at worst a private table nobody declared makes the pages build more often.

A write by the site itself passes an execute wrapper on every connection: an INSERT,
UPDATE, DELETE or TRUNCATE of a public table, from the admin, an organizer's page, a
service, a management command, `QuerySet.update()`, `bulk_create()` or raw SQL alike.
After it commits (`transaction.on_commit`; a rollback drops it) the registry's version
changes, so the next request, in any process, builds the page again. Until then, the
writing connection itself bypasses the cache, so a request that writes and then reads
sees its own write. Writes made outside the site (psql, another program) are seen by
PostgreSQL triggers (outside_writes.py).
"""

import atexit
import functools
import re
import threading
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.core.signals import request_finished
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.signals import connection_created

from common.pagecache.version import new_version, stored_version

WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCA")
WRITTEN_TABLE = re.compile(
    r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+["`\[]?(\w+)', re.IGNORECASE
)
# Django's and the libraries' tables no public page reads: accounts and their second
# factors, sessions, the admin's log, permissions, the history, the outbox's queue.
NEVER_PUBLIC_APPS = {
    "account",
    "admin",
    "auth",
    "contenttypes",
    "mfa",
    "pghistory",
    "post_office",
    "sessions",
    "socialaccount",
}

_never_public: set = set()


def never_public(*models_or_app_labels) -> None:
    """Tables no public page reads (an app's applications, grants, edits): a write to
    them leaves the cached answers as they are. Models, or app labels for all of an
    app's models."""
    _never_public.update(models_or_app_labels)
    private_tables.cache_clear()


@functools.cache
def private_tables() -> frozenset[str]:
    """The tables declared never public, history tables included (computed once the
    models are all loaded)."""
    from pghistory.models import Event

    # The cache's own table, and migrate's record of what it applied (a data migration's
    # writes to a public table count all the same).
    tables = {"django_migrations"} | {
        cache["LOCATION"].lower()
        for cache in settings.CACHES.values()
        if cache["BACKEND"].endswith("DatabaseCache")
    }
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        concrete = meta.auto_created or model
        if (
            meta.app_label in NEVER_PUBLIC_APPS
            or meta.app_label in _never_public
            or model in _never_public
            or concrete in _never_public
            or issubclass(model, Event)
        ):
            tables.add(meta.db_table.lower())
    return frozenset(tables)


def public_tables() -> frozenset[str]:
    """Every table of the site's models that is not declared never public."""
    return (
        frozenset(
            model._meta.db_table.lower() for model in apps.get_models(include_auto_created=True)
        )
        - private_tables()
    )


def writes_public_table(sql: str) -> bool:
    """Whether the statement writes to a public table (TRUNCATE: always, it may empty
    several at once)."""
    head = sql[:8].lstrip().upper()
    if not head.startswith(WRITES):
        return False
    if head.startswith("TRUNCA"):
        return True
    table = WRITTEN_TABLE.match(sql)
    return table is not None and table[1].lower() not in private_tables()


def _wrap_connection(sender, connection, **kwargs):
    # The signal comes for every new database connection of the same wrapper (after
    # each CONN_MAX_AGE): add the execute wrapper once. First in the list, not last: a
    # connection opened inside a `connection.execute_wrapper()` block (pghistory's, for
    # every request) must not take the place of that block's wrapper, which the block
    # removes by popping the last one when it ends.
    if _note_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _note_writes)


connection_created.connect(_wrap_connection, dispatch_uid="common.pagecache")


_batch = threading.local()


@contextmanager
def one_change_for_all():
    """Writes made inside count as one change, made when the block ends (migrate: its
    hundreds of statements, and the cache table perhaps not created yet)."""
    _batch.depth = getattr(_batch, "depth", 0) + 1
    _batch.changed = getattr(_batch, "changed", False)
    try:
        yield
    finally:
        _batch.depth -= 1
        if not _batch.depth and _batch.changed:
            _batch.changed = False
            new_version()


def _note_writes(execute, sql, params, many, context):
    connection = context["connection"]
    publish_committed_changes(connection)
    result = execute(sql, params, many, context)
    if writes_public_table(sql):
        if getattr(_batch, "depth", 0):
            _batch.changed = True
        else:
            registry_changed(connection)
    return result


def registry_changed(connection) -> None:
    """A public table changed on this connection: a new version once the transaction
    commits (once, however many rows it writes), or, for a statement that committed on
    its own, as soon as the statement is done (`publish_committed_changes`)."""
    if not connection.in_atomic_block:
        # Not in the execute wrapper itself: with the database cache, the new version
        # is written on this connection, while the statement's rows (RETURNING) are
        # still to be read.
        connection.pagecache_committed_changes = True
    elif not has_uncommitted_changes(connection):
        transaction.on_commit(new_version, using=connection.alias, robust=True)


def publish_committed_changes(connection) -> None:
    """The new version for writes that committed on their own, before the
    connection's next statement, the end of the request, the page cache's next read,
    or the end of the process, whichever comes first. Outside a transaction only: the
    database cache would otherwise undo the new version with a rollback."""
    if getattr(connection, "pagecache_committed_changes", False) and not (
        connection.in_atomic_block
    ):
        connection.pagecache_committed_changes = False
        new_version()


def publish_all_committed_changes(**kwargs) -> None:
    for connection in connections.all(initialized_only=True):
        publish_committed_changes(connection)


request_finished.connect(publish_all_committed_changes, dispatch_uid="common.pagecache")
atexit.register(publish_all_committed_changes)


def current_version() -> int:
    """The registry's version, with this connection's committed writes counted."""
    publish_committed_changes(connections[DEFAULT_DB_ALIAS])
    return stored_version()


def has_uncommitted_changes(connection) -> bool:
    """Whether the connection wrote to a public table in a transaction not committed
    yet. Rolling back (the whole or to a savepoint) drops the pending new version
    along with the writes."""
    return any(callback is new_version for _ids, callback, _robust in connection.run_on_commit)
