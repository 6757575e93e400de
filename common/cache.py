"""Django's Redis cache with a deadline, and not asked again for a moment once it has
failed to answer.

Every command waits at most REDIS_SECONDS (socket timeouts, settings.REDIS_OPTIONS).
After one goes unanswered, the process leaves Redis alone for a few seconds
(common/breaker.py): the page cache answers from the database meanwhile, and what needs
Redis (rate limits, used authenticator codes) answers with the 503 page.
"""

import redis
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient

from common.breaker import Breaker


class RedisUnavailable(redis.ConnectionError):
    """Redis failed to answer a moment ago: not asked again yet."""


breaker = Breaker(
    "Redis",
    failures=(redis.ConnectionError, redis.TimeoutError),
    unavailable=RedisUnavailable,
)


def guarded(method):
    def call(self, *args, **kwargs):
        with breaker.guard():
            return method(self, *args, **kwargs)

    call.__name__ = method.__name__
    call.__doc__ = method.__doc__
    return call


class RedisCacheClient(DjangoRedisCacheClient):
    """Django's, with one redis-py client per server rather than a new one for each
    command: redis-py fills every new client's table of replies, a twentieth of a
    millisecond each time. (A client holds no connection of its own: its pool does.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


class RedisCache(DjangoRedisCache):
    """Django's Redis cache behind the process's breaker."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient


for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(RedisCache, _name, guarded(getattr(DjangoRedisCache, _name)))
