"""The answers: what a `cached` view returned, kept under the registry's version, the
release and the address, and served to everyone who sees the page as anyone does.

Answers are cached for visitors without a session or a message waiting (no session or
messages cookie), rendered as for an anonymous visitor, so a public page carries nothing
of one visitor's: no CSRF token, no session. Each cached answer has a strong ETag,
answered with 304 by ConditionalGetMiddleware, and `Cache-Control: public`; JSON answers
are kept gzip-compressed too, and served so to a client that asks. A request with a
free-text search (?q=) or a parameter the page does not know is rendered fresh each
time, so visitors cannot fill the cache.

The answer's bytes come from this process's memory when it holds them at the current
version (a few megabytes, least recently used first out), else from the shared cache.
A page rendered here goes to the shared cache once the visitor has it
(middleware.ShareAnswersOnceSent).
"""

import gzip
import hashlib
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import wraps

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from common.availability import CACHE_UNREACHABLE
from common.pagecache.release import release, settings_fingerprint
from common.pagecache.version import ALIAS
from common.pagecache.writes import current_version, has_uncommitted_changes

logger = logging.getLogger(__name__)

# How long a proxy or the browser may keep a public answer, and serve it while it
# asks again in the background.
MAX_AGE = 60
STALE_WHILE_REVALIDATE = 600
# Per process: what the answers' bytes may take in memory.
LOCAL_BYTES = 64 * 1024 * 1024
# Below this, gzip saves too little to be worth a second copy.
GZIP_MIN_BYTES = 1024
# A cold render's gzip: level 4 takes a 1.8 MB GeoJSON in about half level 6's time, for
# answers some 7 % larger (compressed once a version; nginx then serves the copy).
GZIP_LEVEL = 4
COMPRESSED_TYPES = ("application/json", "application/geo+json", "application/vnd.oai.openapi")
# The message framework's cookie (django.contrib.messages' CookieStorage).
MESSAGES_COOKIE = "messages"
# Parameters whose value visitors type: their answers are not kept.
FREE_TEXT = frozenset({"q"})


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
            gzipped=gzip.compress(body, GZIP_LEVEL, mtime=0)
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
    """The answer's key: the release, the address as asked (scheme, host, path, its
    parameters in order), the language it is answered in, and the settings the pages
    show."""
    parameters = sorted(request.GET.lists())
    address = f"{request.scheme}://{request.get_host()}{request.path}?{parameters}"
    return (
        f"answer:{release()}:"
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
            # For the other workers once this visitor has it (ShareAnswersOnceSent).
            request.answer_to_share = (key, answer)
        local_answers.put(key, answer)
        return answer.response(request)

    # For ServeCachedAnswers, which finds the view by the address.
    serve.pagecache_parameters = parameters
    return serve


def shared_key(key: str, version: int) -> str:
    """The answer's key in the shared cache, with the version: after a write the next
    request finds nothing there, rather than reading a whole old answer to discard it
    (answers nobody asks for age out: a day at most, or Redis's LRU first)."""
    return f"{key}:{version}"


def share(key: str, answer: Answer) -> None:
    """The answer in the shared cache, for every process."""
    try:
        caches[ALIAS].set(shared_key(key, answer.version), answer)
    except Exception:
        logger.exception("The page cache cannot be written")


def shared_answer(key: str, version: int) -> Answer | None:
    answer = caches[ALIAS].get(shared_key(key, version))
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
        response.content = gzip.compress(response.content, GZIP_LEVEL, mtime=0)
        response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))
        patch_vary_headers(response, ("Accept-Encoding",))
    return response
