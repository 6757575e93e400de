"""common.cache.RedisCache: Django's Redis cache, asked through one client per server."""

import pytest
from django.conf import settings
from django.core.cache import caches

pytestmark = pytest.mark.skipif(
    "Redis" not in settings.CACHES["pages"]["BACKEND"], reason="REDIS_URL is not set"
)


def test_every_command_goes_through_the_same_client_and_its_pool():
    """redis-py fills a new client's table of replies for each one made: Django's cache
    made one a command, a twentieth of a millisecond each time a page is cached."""
    cache = caches["pages"]
    cache.set("redis-cache-test", 1)

    first, second = cache._cache.get_client(), cache._cache.get_client(write=True)

    assert first is second
    assert cache.get("redis-cache-test") == 1
    assert cache._cache.get_client() is first
