"""Django's Redis cache with a deadline, and not asked again for a moment once it has
failed to answer.

Every command waits at most REDIS_SECONDS (socket timeouts, settings.REDIS_OPTIONS).
After one goes unanswered, the process leaves Redis alone for a few seconds
(common/breaker.py): the page cache answers from the database meanwhile, and what needs
Redis (rate limits, used authenticator codes) answers with the 503 page.
"""

import redis
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

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


class RedisCache(DjangoRedisCache):
    """Django's Redis cache behind the process's breaker."""


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
