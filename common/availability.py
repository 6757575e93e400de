"""Whether the site can answer: /healthz for monitors and the load balancer, and the
answer a visitor gets while the database is down (503, not a 500).

Imports no app: only Django's database and cache, so it says nothing about what the
registry holds.
"""

import logging
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass

import redis
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

# How long each of the database and the cache may take to answer /healthz.
HEALTH_SECONDS = 1.0
# Errors that mean the database cannot be reached (down, restarting, out of
# connections, past its deadline), not that a query is wrong.
DATABASE_UNREACHABLE = (OperationalError, InterfaceError)
# Redis down or hung: what needs it (rate limits, used authenticator codes) is refused
# with the 503 page rather than let through unlimited (README, "When a part is down").
CACHE_UNREACHABLE = (redis.ConnectionError, redis.TimeoutError)
# Asked again after this many seconds, by a browser or a client that reads it.
RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"


def database_answers() -> None:
    """One trivial query, on a connection of this thread's own, closed after."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        connections.close_all()


def cache_answers() -> None:
    """A read from the cache the rate limits and the page cache's version live in."""
    try:
        caches["default"].get("healthz")
    finally:
        caches.close_all()


@dataclass
class HealthCheck:
    """One part of /healthz. `check` raises when the part does not answer; it may return
    {"state": …, other fields} to say more (the outbox: how old its oldest message is).
    A part that is not "ok" makes /healthz a 503 only if it is `critical`: without it
    the instance cannot serve."""

    check: Callable[[], dict | None]
    critical: bool = True


HEALTH_CHECKS = {
    "database": HealthCheck(database_answers),
    "cache": HealthCheck(cache_answers),
}


def register_health_check(name: str, check, *, critical: bool) -> None:
    """A part another app watches (outbox: the mail), reported by /healthz too."""
    HEALTH_CHECKS[name] = HealthCheck(check, critical)


@require_safe
def health(request):
    """200 {"database": "ok", "cache": "ok", "mail": "ok", …} when the database and the
    cache answer within a second each; 503, with the one that failed marked "error" (or
    "timeout"), otherwise. Each check runs in a thread of its own, so one that hangs (a
    firewall dropping packets) cannot hold the answer past its second."""
    executor = ThreadPoolExecutor(max_workers=len(HEALTH_CHECKS), thread_name_prefix="healthz")
    futures = {name: executor.submit(part.check) for name, part in HEALTH_CHECKS.items()}
    wait(futures.values(), timeout=HEALTH_SECONDS)
    executor.shutdown(wait=False, cancel_futures=True)
    answer = {}
    healthy = True
    for name, future in futures.items():
        if not future.done():
            state, details = "timeout", {}
        elif future.exception() is not None:
            logger.error("Health check: the %s does not answer: %r", name, future.exception())
            state, details = "error", {}
        else:
            details = dict(future.result() or {})
            state = details.pop("state", "ok")
        answer[name] = state
        answer.update(details)
        healthy = healthy and (state == "ok" or not HEALTH_CHECKS[name].critical)
    response = JsonResponse(answer, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


def unavailable(request) -> HttpResponse:
    """503 while the database or the cache cannot be reached: JSON {"detail": …} for the
    API, a page standing alone (no base template, no query; its one stylesheet is a
    static file) for everything else."""
    if request.path.startswith(API_PREFIX):
        response = JsonResponse(
            {"detail": "The registry is temporarily unavailable. Try again in a few minutes."},
            status=503,
        )
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Cache-Control"] = "no-store"
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """handler500: an unreachable database or cache is a 503 (temporarily unavailable),
    anything else the usual 500. Django calls this while handling the exception, from
    whichever layer it came (a view, a middleware, the session), and has logged it with
    its traceback already."""
    if isinstance(sys.exc_info()[1], DATABASE_UNREACHABLE + CACHE_UNREACHABLE):
        return unavailable(request)
    return defaults.server_error(request)
