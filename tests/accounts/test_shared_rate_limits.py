"""Rate limits hold across processes: gunicorn's workers count in one cache.

Each worker is its own process. With a per-process cache (Django's default,
local memory) two workers let through twice the limit; the configured cache
(Redis, or the database's cache table) counts for all of them.
"""

import json
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.db import connection

# A process of its own, as a gunicorn worker is: the site's settings with the
# test's cache and database, trying `attempts` times what allauth's login view
# checks before it looks at a password, and printing how many were let through.
WORKER = """
import json, os, sys

os.environ["DJANGO_SETTINGS_MODULE"] = "pauseai.settings"
from django.conf import settings

settings.CACHES = json.loads(sys.argv[1])
settings.DATABASES = json.loads(sys.argv[2])
import django

django.setup()
from allauth.core import ratelimit
from django.test import RequestFactory

action, key, attempts = sys.argv[3], sys.argv[4] or None, int(sys.argv[5])
request = RequestFactory().post("/en/accounts/login/", REMOTE_ADDR="192.0.2.7")
print(sum(bool(ratelimit.consume(request, action=action, key=key)) for _ in range(attempts)))
"""


def limit(action, per):
    for rate in django_settings.ACCOUNT_RATE_LIMITS[action].split(","):
        amount, _duration, rate_per = rate.split("/")
        if rate_per == per:
            return int(amount)
    raise AssertionError(f"no {per} limit for {action}")


def let_through_by_two_workers(settings, action, key, attempts):
    databases = json.dumps({"default": connection.settings_dict}, default=str)
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, json.dumps(settings.CACHES), databases]
            + [action, key or "", str(attempts)],
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _worker in range(2)
    ]
    counts = [int(worker.communicate(timeout=120)[0]) for worker in workers]
    assert all(worker.returncode == 0 for worker in workers)
    return counts


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("action", "per", "key"),
    [
        # Five wrong passwords per five minutes against one account.
        ("login_failed", "key", "testserver:olga@example.org"),
        # Thirty login attempts a minute from one client address.
        ("login", "ip", None),
    ],
)
def test_two_workers_are_held_to_one_limit_together(settings, action, per, key):
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    if "DatabaseCache" in settings.CACHES["default"]["BACKEND"] and in_memory:
        pytest.skip("the database cache of an in-memory test database is not shared")
    amount = limit(action, per)

    counts = let_through_by_two_workers(settings, action, key, attempts=amount)

    assert sum(counts) == amount, f"limit {amount} per {per}, the two let through {counts}"
