"""Sign-up takes as long for an address that has an account as for a new one.

Otherwise the time of the answer tells who has an account, which the page and
the redirect are careful not to (ACCOUNT_PREVENT_ENUMERATION).
"""

import statistics
import time

import pytest
from django.conf import global_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"
TRIES = 10


def timed_sign_up(client, email, attempt):
    started = time.perf_counter()
    response = client.post(
        "/en/accounts/signup/",
        {"full_name": "Ann Example", "email": email, "password1": PASSWORD, "password2": PASSWORD},
        # A client address per sign-up, so the per-IP sign-up limit stays out of it.
        REMOTE_ADDR=f"10.0.0.{attempt}",
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    return elapsed


def test_sign_up_with_a_known_address_takes_as_long_as_with_a_new_one(client, settings):
    taken = [UserFactory(email=f"taken{n}@example.org").email for n in range(TRIES + 1)]
    # The real hasher, not the tests' fast one: its cost is what tells the two apart.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    # Warm up both paths (templates, the hasher's first use), then interleave them.
    timed_sign_up(client, "warm-up@example.org", 200)
    timed_sign_up(client, taken[TRIES], 201)
    new, known = [], []
    for attempt in range(TRIES):
        new.append(timed_sign_up(client, f"new{attempt}@example.org", 2 * attempt))
        known.append(timed_sign_up(client, taken[attempt], 2 * attempt + 1))

    new_median, known_median = statistics.median(new), statistics.median(known)
    ratio = max(new_median, known_median) / min(new_median, known_median)
    assert ratio < 1.5, f"medians: new {new_median:.3f} s, known {known_median:.3f} s"
