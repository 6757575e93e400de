"""Public pages and API answers, built once per registry version and served from the
shared cache.

What a public page shows changes only when a row of the tables it reads changes.
Each app names those tables once (`watch()`, from its AppConfig.ready()), and every
SQL statement Django runs passes an execute wrapper that notices a write to one of
them: an INSERT, UPDATE or DELETE from the admin, an organizer's page, a service, a
management command or a bulk update alike. After such a write commits, the registry's
version (one key in the shared cache) takes a new random value, and every cached
answer, which remembers the version it was built at, is old. So the next request
after a write sees it, in every process and on every machine sharing the cache.

A write inside a transaction changes the version once the transaction commits
(`transaction.on_commit`), not before: a reader between the write and the commit
would otherwise cache the old rows under the new version. Until then, the writing
connection itself bypasses the cache, so a request that writes and then reads sees
its own write.

Answers are cached for visitors without a session or a message waiting (no session
or messages cookie), rendered as for an anonymous visitor, so a public page carries
nothing of one visitor's: no CSRF token, no session. Each cached answer has a strong
ETag, answered with 304 by ConditionalGetMiddleware, and `Cache-Control: public`; JSON
answers are kept gzip-compressed too, and served so to a client that asks. A request
with a free-text search (?q=) or a parameter the page does not know is rendered
fresh each time, so visitors cannot fill the cache.

A hit costs no query and, on Redis, no round trip while nothing changes: the version
is kept in the process and a change is published to it (RedisVersion); the answer's
bytes come from this process's memory when it holds them at that version (a few
megabytes, least recently used first out), else from the shared cache. One this
process holds is answered by ServeCachedAnswers, before most of the middleware.
"""

import atexit
import gzip
import hashlib
import logging
import os
import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import wraps

import redis
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.signals import request_finished
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from common.availability import CACHE_UNREACHABLE
from common.cache import breaker as redis_breaker

logger = logging.getLogger(__name__)

ALIAS = "pages"
VERSION_KEY = "registry-version"
# How long a proxy or the browser may keep a public answer, and serve it while it
# asks again in the background.
MAX_AGE = 60
STALE_WHILE_REVALIDATE = 600
# Per process: what the answers' bytes may take in memory.
LOCAL_BYTES = 64 * 1024 * 1024
# Below this, gzip saves too little to be worth a second copy.
GZIP_MIN_BYTES = 1024
COMPRESSED_TYPES = ("application/json", "application/geo+json", "application/vnd.oai.openapi")
WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCA")
WRITTEN_TABLE = re.compile(
    r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+["`\[]?(\w+)', re.IGNORECASE
)
# The message framework's cookie (django.contrib.messages' CookieStorage).
MESSAGES_COOKIE = "messages"
# Part of every answer's key: a release that changes Answer changes it, so that it
# never reads answers pickled by the release before (they would lack its fields).
ANSWER_FORMAT = 2
# Parameters whose value visitors type: their answers are not kept.
FREE_TEXT = frozenset({"q"})

_watched: set[str] = set()
_watched_settings: set[str] = set()


def watch(*models) -> None:
    """The models whose rows the public pages show; a write to their tables (or their
    many-to-many tables) makes every cached answer old."""
    for model in models:
        _watched.add(model._meta.db_table.lower())
        for many_to_many in model._meta.local_many_to_many:
            _watched.add(many_to_many.remote_field.through._meta.db_table.lower())
    connection_created.connect(_wrap_connection, dispatch_uid="common.pagecache")


def watch_settings(*names: str) -> None:
    """Settings the public pages show (the microgrant limits, the map's tiles): part of
    every answer's key, so a release that changes one is seen on the next request,
    with no write to the registry."""
    _watched_settings.update(names)


def settings_fingerprint() -> str:
    values = repr(sorted((name, getattr(settings, name, None)) for name in _watched_settings))
    return hashlib.sha256(values.encode()).hexdigest()[:16]


def watched_tables() -> frozenset[str]:
    return frozenset(_watched)


def _wrap_connection(sender, connection, **kwargs):
    # The signal comes for every new database connection of the same wrapper (after
    # each CONN_MAX_AGE): add the execute wrapper once. First in the list, not last: a
    # connection opened inside a `connection.execute_wrapper()` block (pghistory's, for
    # every request) must not take the place of that block's wrapper, which the block
    # removes by popping the last one when it ends.
    if _note_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _note_writes)


def writes_watched_table(sql: str) -> bool:
    """Whether the statement writes to a watched table (TRUNCATE: always, it empties
    several at once)."""
    head = sql[:8].lstrip().upper()
    if not head.startswith(WRITES):
        return False
    if head.startswith("TRUNCA"):
        return True
    table = WRITTEN_TABLE.match(sql)
    return table is not None and table[1].lower() in _watched


def _note_writes(execute, sql, params, many, context):
    connection = context["connection"]
    publish_committed_changes(connection)
    result = execute(sql, params, many, context)
    if writes_watched_table(sql):
        registry_changed(connection)
    return result


def registry_changed(connection) -> None:
    """A watched table changed on this connection: a new version once the transaction
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


def has_uncommitted_changes(connection) -> bool:
    """Whether the connection wrote to a watched table in a transaction not committed
    yet. Rolling back (the whole or to a savepoint) drops the pending new version
    along with the writes."""
    return any(callback is new_version for _ids, callback, _robust in connection.run_on_commit)


def new_version() -> int:
    """A new random version: every answer cached before is old. Random rather than
    counted, so two processes changing it at once still leave one neither had read.

    A cache that cannot be written (Redis down; the cache table not created yet
    while `migrate` runs) is logged, not raised: the write it follows has committed.
    """
    version = secrets.randbits(63)
    local_answers.clear()
    try:
        version_store().set(version)
    except Exception:
        logger.exception("The page cache's version cannot be changed")
    return version


def current_version() -> int:
    publish_committed_changes(connections[DEFAULT_DB_ALIAS])
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


@dataclass
class Answer:
    """A cached answer: what the view returned, at a registry version."""

    version: int
    status: int
    headers: dict
    body: bytes
    etag: str
    gzipped: bytes | None = None
    # What a view's csp_update() and the like asked of the Content-Security-Policy
    # (the map's tile server): django-csp reads them off the response.
    policy_changes: dict = field(default_factory=dict)
    size: int = field(init=False)

    def __post_init__(self):
        self.size = len(self.body) + len(self.gzipped or b"")

    @classmethod
    def of(cls, response, version: int) -> "Answer":
        body = response.content
        compressible = response.get("Content-Type", "").startswith(COMPRESSED_TYPES)
        return cls(
            version=version,
            status=response.status_code,
            headers={
                name: value
                for name, value in response.items()
                if name.lower() not in ("content-length", "etag", "set-cookie")
            },
            body=body,
            etag=hashlib.sha256(body).hexdigest()[:32],
            gzipped=gzip.compress(body, 6, mtime=0)
            if compressible and len(body) >= GZIP_MIN_BYTES
            else None,
            policy_changes={
                name: value for name, value in vars(response).items() if name.startswith("_csp_")
            },
        )

    def response(self, request) -> HttpResponse:
        """The answer for this request: compressed if it asks, with this form's ETag."""
        compressed = self.gzipped is not None
        gzip_wanted = compressed and accepts_gzip(request)
        response = HttpResponse(self.gzipped if gzip_wanted else self.body, status=self.status)
        for name, value in self.headers.items():
            response[name] = value
        if gzip_wanted:
            response["Content-Encoding"] = "gzip"
        # Served before CommonMiddleware, which would otherwise count it.
        response["Content-Length"] = str(len(response.content))
        # One ETag per representation, as a strong ETag must be.
        response["ETag"] = f'"{self.etag}{"-gzip" if gzip_wanted else ""}"'
        if compressed:
            patch_vary_headers(response, ("Accept-Encoding",))
        for name, value in self.policy_changes.items():
            setattr(response, name, value)
        return response


class LocalAnswers:
    """This process's copies of the answers' bytes, least recently used out first."""

    def __init__(self, limit: int = LOCAL_BYTES):
        self.limit = limit
        self.answers: OrderedDict[str, Answer] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: str, version: int) -> Answer | None:
        with self.lock:
            answer = self.answers.get(key)
            if answer is None or answer.version != version:
                return None
            self.answers.move_to_end(key)
            return answer

    def put(self, key: str, answer: Answer) -> None:
        if answer.size > self.limit // 4:
            return
        with self.lock:
            old = self.answers.pop(key, None)
            self.size += answer.size - (old.size if old else 0)
            self.answers[key] = answer
            while self.size > self.limit:
                _key, dropped = self.answers.popitem(last=False)
                self.size -= dropped.size

    def clear(self) -> None:
        with self.lock:
            self.answers.clear()
            self.size = 0


local_answers = LocalAnswers()


def accepts_gzip(request) -> bool:
    for coding in request.headers.get("Accept-Encoding", "").split(","):
        name, _, parameters = coding.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            quality = parameters.strip().removeprefix("q=") if parameters else "1"
            try:
                return float(quality) > 0
            except ValueError:
                return False
    return False


def cache_key(request) -> str:
    """The answer's key: the address as asked (scheme, host, path, its parameters in
    order), the language it is answered in, and the settings the pages show."""
    parameters = sorted(request.GET.lists())
    address = f"{request.scheme}://{request.get_host()}{request.path}?{parameters}"
    return (
        f"answer:{ANSWER_FORMAT}:"
        + hashlib.sha256(
            f"{address}|{get_language()}|{settings_fingerprint()}".encode()
        ).hexdigest()
    )


def is_cacheable(request, parameters) -> bool:
    """A GET from someone without a session or a message waiting (they see the page as
    anyone does), with only the parameters the page knows and no search typed, while
    this connection has no write of its own uncommitted."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
        and all(
            name in parameters and not (name in FREE_TEXT and value)
            for name, value in request.GET.items()
        )
        and not has_uncommitted_changes(connections[DEFAULT_DB_ALIAS])
    )


def cached(view=None, *, parameters=()):
    """Serve the view's public answer from the cache, as described above. `parameters`:
    the query parameters the view reads (anything else is rendered fresh)."""
    if view is None:
        return lambda view: cached(view, parameters=parameters)
    parameters = frozenset(parameters)

    @wraps(view)
    def serve(request, *args, **kwargs):
        if not is_cacheable(request, parameters):
            response = view(request, *args, **kwargs)
            return fresh(request, response)
        key = cache_key(request)
        try:
            version = current_version()
            answer = local_answers.get(key, version) or shared_answer(key, version)
        except CACHE_UNREACHABLE as error:
            logger.warning("The page cache cannot be read (%s); answering without it", error)
            return fresh(request, view(request, *args, **kwargs))
        except Exception:
            logger.exception("The page cache cannot be read; answering without it")
            return fresh(request, view(request, *args, **kwargs))
        if answer is None:
            # Rendered as anyone without a session sees it.
            request.user = AnonymousUser()
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            if response.status_code != 200 or response.streaming:
                return response
            if not response.has_header("Cache-Control"):
                # Unless the view says how long (the website's feeds do).
                patch_cache_control(
                    response,
                    public=True,
                    max_age=MAX_AGE,
                    stale_while_revalidate=STALE_WHILE_REVALIDATE,
                )
            # A logged-in visitor's answer may differ: a shared cache must keep them
            # apart. (Said by the answer itself: a hit reads no session to say it.)
            patch_vary_headers(response, ("Cookie",))
            answer = Answer.of(response, version)
            try:
                caches[ALIAS].set(key, answer)
            except Exception:
                logger.exception("The page cache cannot be written")
        local_answers.put(key, answer)
        return answer.response(request)

    # For ServeCachedAnswers, which finds the view by the address.
    serve.pagecache_parameters = parameters
    return serve


class ServeCachedAnswers:
    """A hit answered as early as it can be: below LocaleMiddleware (the answer's key
    holds the page's language), above everything a public answer needs nothing of
    (CommonMiddleware, CSRF, authentication, messages, the history's context,
    allauth's middleware; the view's own URL resolution). A miss goes on to the view,
    where `cached` renders and keeps the answer; so does anything `cached` would not
    serve from the cache. The answers' bytes in this process only: the shared
    cache's are the view's to read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        answer = local_answer(request)
        if answer is not None:
            return answer.response(request)
        return self.get_response(request)


def local_answer(request) -> Answer | None:
    """The answer this process holds for the request at the current version, if the
    address is a `cached` view's and the request one it serves from the cache."""
    try:
        match = resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
    except Resolver404:
        return None
    parameters = getattr(match.func, "pagecache_parameters", None)
    if parameters is None or not is_cacheable(request, parameters):
        return None
    try:
        return local_answers.get(cache_key(request), current_version())
    except Exception:
        # The view answers, and says why (`cached`).
        return None


def shared_answer(key: str, version: int) -> Answer | None:
    answer = caches[ALIAS].get(key)
    return answer if answer is not None and answer.version == version else None


def fresh(request, response):
    """An answer rendered for this request alone; JSON compressed all the same."""
    if hasattr(response, "render"):
        response = response.render()
    if (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith(COMPRESSED_TYPES)
        and len(response.content) >= GZIP_MIN_BYTES
        and accepts_gzip(request)
        and not response.has_header("Content-Encoding")
    ):
        response.content = gzip.compress(response.content, 6, mtime=0)
        response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))
        patch_vary_headers(response, ("Accept-Encoding",))
    return response
