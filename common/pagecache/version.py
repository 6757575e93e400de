"""The registry's version: one random number in the shared cache, replaced after every
committed write to a public table (writes.py) and by whatever else changes what the
public pages show from outside the site (restore, the worker's listener). A cached
answer remembers the version it was built at; once the version changes it is old.

With Redis, each process keeps the version between changes: a change is published on a
channel the process subscribes to, in one MULTI with the change itself, and a look at
the subscription's socket, without waiting, says whether one came (RedisVersion). A
hit then costs no round trip to Redis. Every Redis call has the cache's deadline and
its breaker (common/cache.py).
"""

import logging
import os
import secrets
import threading

import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from common.cache import breaker as redis_breaker

logger = logging.getLogger(__name__)

ALIAS = "pages"
VERSION_KEY = "registry-version"


def new_version() -> int:
    """A new random version: every answer cached before is old. Random rather than
    counted, so two processes changing it at once still leave one neither had read.

    A cache that cannot be written (Redis down; the cache table not created yet
    while `migrate` runs) is logged, not raised: the write it follows has committed.
    """
    version = secrets.randbits(63)
    try:
        version_store().set(version)
    except Exception as error:  # Whatever the cache raises: the write stands.
        logger.warning("The page cache's version cannot be changed: %r", error)
    return version


def stored_version() -> int:
    """The version as the shared cache has it (writes.current_version counts this
    connection's committed writes first)."""
    store = version_store()
    version = store.get()
    if version is None:
        # Never set, or dropped from a full cache: whatever was cached is old.
        version = store.add(secrets.randbits(63))
    return version


class CacheVersion:
    """The version as a key of the `pages` cache (the database cache, or any other)."""

    def __init__(self, cache):
        self.cache = cache

    def get(self) -> int | None:
        return self.cache.get(VERSION_KEY)

    def set(self, version: int) -> None:
        self.cache.set(VERSION_KEY, version, timeout=None)

    def add(self, version: int) -> int:
        self.cache.add(VERSION_KEY, version, timeout=None)
        return self.cache.get(VERSION_KEY, version)


class RedisVersion:
    """The version in Redis, kept in this process between changes.

    Every cached request needs the version, and a round trip to Redis would be most
    of a hit's cost. So the process subscribes to a channel on which every change of
    the version is published (in one MULTI with the change itself), reads the
    version once, and keeps it until a message arrives. Whether one has is a look at
    the subscription's socket, without waiting: Redis writes the message there before
    the writer hears its change is done, so any request that follows a change, in
    any process, sees it. If the subscription breaks (Redis restarted, the connection
    killed), the socket says so, and the version is read again under a new one.
    """

    def __init__(self, cache):
        location = cache._servers[0]
        self.key = cache.make_and_validate_key(VERSION_KEY)
        self.channel = f"{self.key}:changed"
        # The cache's deadlines (settings.REDIS_OPTIONS), and its breaker.
        self.client = redis.Redis.from_url(location, **settings.REDIS_OPTIONS)
        self.lock = threading.Lock()
        self.subscription = None
        self.known: int | None = None

    def get(self) -> int | None:
        with self.lock, redis_breaker.guard():
            try:
                if self.subscription is None:
                    self.subscribe()
                if self.subscription.connection.can_read(timeout=0):
                    # A change (or several): read them all, then the version itself.
                    while self.subscription.get_message(timeout=0) is not None:
                        pass
                    self.known = None
            except redis.RedisError:
                self.unsubscribe()
                raise
            if self.known is None:
                self.known = self.read()
            return self.known

    def subscribe(self) -> None:
        """Subscribed before the version is read: no change can fall between."""
        self.known = None
        subscription = self.client.pubsub()
        subscription.subscribe(self.channel)
        try:
            # The confirmation, once Redis has the subscription.
            while (
                message := subscription.get_message(timeout=settings.REDIS_SECONDS)
            ) is None or message["type"] != "subscribe":
                if message is None:
                    raise redis.TimeoutError("No confirmation of the subscription")
        except BaseException:
            subscription.close()
            raise
        self.subscription = subscription

    def unsubscribe(self) -> None:
        if self.subscription is not None:
            try:
                self.subscription.close()
            except redis.RedisError:
                pass
        self.subscription = None
        self.known = None

    def read(self) -> int | None:
        # An integer, as Django's cache keeps one (in digits, not pickled): the same
        # key reads the same through caches["pages"].
        try:
            return int(self.client.get(self.key))
        except (TypeError, ValueError):
            return None

    def set(self, version: int) -> None:
        with redis_breaker.guard(), self.client.pipeline(transaction=True) as change:
            change.set(self.key, version)
            change.publish(self.channel, version)
            change.execute()
        with self.lock:
            # Read again next time: this process's own message may not be here yet.
            self.known = None

    def add(self, version: int) -> int:
        with redis_breaker.guard():
            added = self.client.set(self.key, version, nx=True)
        if added:
            self.client.publish(self.channel, version)
            with self.lock:
                self.known = None
            return version
        # Set meanwhile by another process; or something unreadable, replaced.
        existing = self.read()
        if existing is None:
            self.set(version)
            return version
        return existing


_version_stores: dict[tuple, CacheVersion | RedisVersion] = {}


def version_store() -> CacheVersion | RedisVersion:
    cache = caches[ALIAS]
    if not isinstance(cache, RedisCache):
        return CacheVersion(cache)
    # Per process: a worker forked from a process that had one makes its own.
    where = (cache._servers[0], cache.key_prefix, os.getpid())
    if where not in _version_stores:
        _version_stores[where] = RedisVersion(cache)
    return _version_stores[where]
