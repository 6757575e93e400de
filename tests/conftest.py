import importlib
import os
import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.utils import translation

from common.cache import breaker as redis_breaker
from common.postgresql.base import breaker as database_breaker
from tests.factories import UserFactory


def pytest_configure(config):
    """CI runs the concurrency, history and shared-cache tests that need PostgreSQL and
    Redis; there, a run that would skip them fails instead."""
    from django.conf import settings

    if os.environ.get("REQUIRE_POSTGRESQL"):
        engine = settings.DATABASES["default"]["ENGINE"]
        if not settings.ON_POSTGRESQL:
            pytest.exit(f"REQUIRE_POSTGRESQL is set but the database is {engine}", returncode=2)
    if os.environ.get("REQUIRE_REDIS") and "Redis" not in settings.CACHES["default"]["BACKEND"]:
        pytest.exit("REQUIRE_REDIS is set but the cache is not Redis (set REDIS_URL)", returncode=2)


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Tests run without collectstatic; CI checks the manifest storage separately."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def english_between_tests():
    """A request to /nl/ leaves Dutch active in the thread; each test starts in English."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_rate_limits(request):
    """Rate limits (allauth's) count in Django's cache; each test starts with none.

    Without REDIS_URL the cache is a table in the test database: a test without
    the database has counted nothing, and one with it gets the database first.
    """
    if isinstance(caches["default"], DatabaseCache):
        database = next(
            (name for name in ("transactional_db", "db") if name in request.fixturenames), None
        )
        if database is None and not request.node.get_closest_marker("django_db"):
            yield
            return
        if database:
            request.getfixturevalue(database)
    cache.clear()
    yield
    cache.clear()


class DeliveredMail(list):
    """Django's test outbox (mail.outbox) as the mail worker fills it.

    The site never sends a message itself: it queues it in the outbox, and the worker
    sends it (outbox/delivery.py), here through Django's in-memory backend. Reading
    this list first runs a round of that worker, so a test sees exactly what the real
    queue and worker delivered, at the moment it looks.
    """

    def deliver(self):
        from outbox.delivery import deliver_due

        deliver_due()

    def __iter__(self):
        self.deliver()
        return super().__iter__()

    def __len__(self):
        self.deliver()
        return super().__len__()

    def __getitem__(self, index):
        self.deliver()
        return super().__getitem__(index)

    def __eq__(self, other):
        self.deliver()
        return super().__eq__(other)

    def __bool__(self):
        self.deliver()
        return super().__len__() > 0

    def __contains__(self, message):
        self.deliver()
        return super().__contains__(message)

    def __reversed__(self):
        self.deliver()
        return super().__reversed__()

    def pop(self, index=-1):
        self.deliver()
        return super().pop(index)

    def clear(self):
        """What was queued until now is delivered, then forgotten."""
        self.deliver()
        super().clear()


@pytest.fixture(autouse=True)
def mail_through_the_outbox(settings):
    """Messages go into the outbox, as in production; the worker sends them to
    Django's in-memory backend (mailoutbox below reads what it sent)."""
    settings.EMAIL_BACKEND = "post_office.EmailBackend"
    settings.MAIL_TRANSPORT = "django.core.mail.backends.locmem.EmailBackend"
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": settings.MAIL_TRANSPORT},
    }
    mail.outbox = DeliveredMail()
    yield
    mail.outbox = []


@pytest.fixture
def mailoutbox(mail_through_the_outbox):
    """pytest-django's fixture, as the worker delivers (DeliveredMail)."""
    return mail.outbox


@pytest.fixture(autouse=True)
def servers_asked_again():
    """A test that made the database or Redis fail to answer leaves the next one a
    process that asks them at once (common/breaker.py)."""
    yield
    database_breaker.reset()
    redis_breaker.reset()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs a quarter second a user; tests make hundreds of users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads, public and private, go to the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


# The data migrations that give the oversight team its permission group: (module, function).
OVERSIGHT_TEAM_MIGRATIONS = (
    ("groups.migrations.0002_oversight_team_permission_group", "create_oversight_team"),
    ("onboarding.migrations.0003_oversight_team_reviews_applications", "grant"),
    ("groups.migrations.0004_oversight_team_sees_invitations_and_edits", "grant"),
    ("groups.migrations.0014_oversight_team_reads_the_history", "grant"),
    ("groups.migrations.0021_oversight_team_keeps_community_organizers", "grant"),
    ("microgrants.migrations.0001_initial", "grant"),
    ("outbox.migrations.0002_oversight_team_reads_the_outbox", "grant"),
    ("coaching.migrations.0002_report_history_append_only_and_team_permissions", "grant"),
)


def oversight_team_group(settings):
    """The team's group as the migrations made it.

    A transactional test (browser, race) empties every table when it ends,
    migration data included; running the migrations' own code again restores
    it, and does nothing where it is already there.
    """
    for module, function in OVERSIGHT_TEAM_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
    return Group.objects.get(name=settings.OVERSIGHT_TEAM_GROUP)


# The oversight team's authenticator app (allauth.mfa TOTP), the same secret for
# every member made here; the admin asks them for its code (accounts/second_factor.py).
OVERSIGHT_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret=OVERSIGHT_TOTP_SECRET):
    """What the app shows now; near the end of a 30-second step, waits for the next,
    so the code is still valid when the server checks it."""
    if time.time() % 30 > 28:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def make_superuser(**fields):
    """Whoever administers the site, with the authenticator app a superuser must have."""
    user = UserFactory(is_staff=True, is_superuser=True, **fields)
    TOTP.activate(user, OVERSIGHT_TOTP_SECRET)
    return user


def make_oversight_member(settings, **fields):
    """A staff account in the oversight team's permission group, not a superuser,
    with an authenticator app set up."""
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(oversight_team_group(settings))
    TOTP.activate(user, OVERSIGHT_TOTP_SECRET)
    return user


def log_in_with_second_factor(client, user, password="correct horse battery staple"):
    """The real login: the address and password, then the authenticator app's code."""
    response = client.post("/en/accounts/login/", {"login": user.email, "password": password})
    assert response.get("Location") == "/en/accounts/2fa/authenticate/", response
    response = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response.status_code == 302 and "_auth_user_id" in client.session, response
    # Drop allauth's "signed in" message, which the next page would show.
    client.cookies.pop("messages", None)
    return client


@pytest.fixture
def oversight_member(db, settings):
    return make_oversight_member(settings, username="olga")


@pytest.fixture
def oversight_client(client, oversight_member):
    return log_in_with_second_factor(client, oversight_member)
