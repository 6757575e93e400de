"""The page cache (common/pagecache.py): what it keeps, for whom, and how it answers.

Every test here commits (transaction=True), as the site does: the registry's
version changes when a write commits, which a test inside one rolled-back
transaction never does. tests/groups/test_fresh_after_writes.py checks each kind of
write the public pages must show.
"""

import gzip
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.utils import translation

from common import pagecache
from common.pagecache.answers import cache_key, shared_key
from common.pagecache.version import version_store
from groups.models import LocalCommunity, NationalGroup
from tests.factories import (
    LinkFactory,
    LocalCommunityFactory,
    MembershipFactory,
    NationalGroupFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

ON_POSTGRESQL = connection.vendor == "postgresql"
ON_REDIS = "Redis" in django_settings.CACHES["pages"]["BACKEND"]


@pytest.fixture
def page_cache_without_queries(settings):
    """Without Redis the shared cache is a database table, whose reads are queries of
    their own; in memory instead, so the hit's own queries can be counted (CI counts
    them on Redis)."""
    if not ON_REDIS:
        settings.CACHES = {
            **settings.CACHES,
            "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }
    pagecache.local_answers.clear()
    yield
    pagecache.local_answers.clear()


@pytest.fixture
def belgium():
    group = NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")
    LocalCommunityFactory(national_group=group, name="Ghent", city="Ghent", country="BE")
    return group


def test_a_second_visitor_is_served_the_same_bytes_without_a_query(
    belgium, page_cache_without_queries, django_assert_num_queries
):
    first = Client().get("/en/national-groups/")
    assert first.status_code == 200

    # Only the registry's version, from the shared cache: no query.
    with django_assert_num_queries(0):
        second = Client().get("/en/national-groups/")

    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/national-groups/",
        "/en/national-groups/belgium/",
        "/en/communities/",
        "/en/microgrants/",
        "/api/v1/national-groups/",
        "/api/v1/communities.geojson",
        "/api/v1/pauseai-website/national-groups/",
        "/sitemap.xml",
    ],
)
def test_every_public_answer_is_cached_and_revalidated_with_a_304(
    url, belgium, page_cache_without_queries, django_assert_num_queries
):
    first = Client().get(url)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"]
    assert first["ETag"].startswith('"') and not first["ETag"].startswith("W/")

    with django_assert_num_queries(0):
        again = Client().get(url, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize(
    "url", ["/en/communities/", "/nl/national-groups/belgium/", "/api/v1/national-groups/"]
)
def test_a_hit_carries_the_headers_the_page_was_rendered_with(
    url, belgium, page_cache_without_queries, django_assert_num_queries
):
    """Served before most of the middleware (ServeCachedAnswers): the same policy (the
    map's tile server on the communities page), language, length and caching headers."""
    first = Client().get(url, headers={"accept-encoding": "gzip"})

    with django_assert_num_queries(0):
        again = Client().get(url, headers={"accept-encoding": "gzip"})

    assert again.content == first.content
    assert dict(again.items()) == dict(first.items())
    assert again["Content-Length"] == str(len(again.content))
    if url == "/en/communities/":
        assert "https://tile.openstreetmap.org" in again["Content-Security-Policy"]
    else:
        assert "tile.openstreetmap.org" not in again["Content-Security-Policy"]


def test_a_public_page_carries_nothing_of_one_visitors(belgium):
    response = Client().get("/en/national-groups/belgium/")

    assert response.cookies == {}
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=600"
    # A logged-in visitor's page differs: proxies keep the two apart.
    assert "Cookie" in response["Vary"]


def test_an_organizer_sees_their_own_page_and_visitors_the_public_one(belgium):
    LinkFactory(
        national_group=belgium, kind="discord", url="https://discord.gg/abc", is_private=True
    )
    public = Client().get("/en/national-groups/belgium/")
    organizer = Client()
    organizer.force_login(MembershipFactory(group=belgium, role="national_lead").user)

    own = organizer.get("/en/national-groups/belgium/")

    assert "discord.gg/abc" in own.content.decode()
    assert "discord.gg/abc" not in public.content.decode()
    assert "discord.gg/abc" not in Client().get("/en/national-groups/belgium/").content.decode()


def test_a_search_and_an_unknown_parameter_are_rendered_each_time(
    belgium, page_cache_without_queries, django_assert_num_queries, django_assert_max_num_queries
):
    for url in ("/en/communities/?q=ghent", "/en/communities/?utm_source=x"):
        Client().get(url)
        with django_assert_max_num_queries(20) as queries:
            response = Client().get(url)
        assert len(queries) > 0, url
        assert "Ghent" in response.content.decode()
    # An empty search, as the form sends it, is the page itself: kept.
    Client().get("/en/communities/?q=&country=BE&status=")
    with django_assert_num_queries(0):
        Client().get("/en/communities/?q=&country=BE&status=")


def test_json_is_gzipped_for_a_client_that_asks(belgium):
    LocalCommunityFactory.create_batch(
        30, national_group=belgium, country="BE", latitude=50.85, longitude=4.35
    )
    plain = Client().get("/api/v1/communities.geojson")
    zipped = Client().get("/api/v1/communities.geojson", headers={"accept-encoding": "gzip, br"})

    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(zipped.content)) == json.loads(plain.content)
    assert len(zipped.content) < len(plain.content) / 3
    assert zipped["ETag"] != plain["ETag"]
    assert "Accept-Encoding" in zipped["Vary"] and "Accept-Encoding" in plain["Vary"]
    refused = Client().get("/api/v1/communities.geojson", headers={"accept-encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused


def test_html_is_not_compressed(belgium):
    response = Client().get("/en/national-groups/", headers={"accept-encoding": "gzip"})

    assert "Content-Encoding" not in response


def test_the_version_changes_when_a_transaction_commits_not_before():
    before = pagecache.current_version()
    with transaction.atomic():
        NationalGroupFactory(slug="belgium", country="BE")
        assert pagecache.current_version() == before
        assert pagecache.has_uncommitted_changes(connection)

    assert pagecache.current_version() != before
    assert not pagecache.has_uncommitted_changes(connection)


def test_a_rolled_back_write_changes_nothing():
    before = pagecache.current_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        NationalGroupFactory(slug="belgium", country="BE")
        raise RuntimeError

    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            NationalGroupFactory(slug="belgium", country="BE")
            raise RuntimeError
        assert not pagecache.has_uncommitted_changes(connection)

    assert pagecache.current_version() == before


def test_a_new_setting_a_page_shows_is_seen_without_a_write(settings, page_cache_without_queries):
    """The microgrant limits come from the settings: a release that changes them must
    not leave the old ones cached until someone writes to the registry."""
    assert "€2,000" in Client().get("/en/microgrants/").content.decode()

    settings.MICROGRANT_LIMIT_PER_REQUEST_EUR = 1500

    assert "€1,500" in Client().get("/en/microgrants/").content.decode()


def test_a_write_to_a_table_no_public_page_reads_keeps_the_cache():
    before = pagecache.current_version()
    caches["default"].set("something", 1)
    Client().get("/en/accounts/login/")

    assert pagecache.current_version() == before


def test_writes_are_told_apart_by_the_table_they_write():
    group_table = NationalGroup._meta.db_table
    community_table = LocalCommunity._meta.db_table

    assert pagecache.writes_public_table(f'INSERT INTO "{group_table}" ("slug") VALUES (%s)')
    assert pagecache.writes_public_table(f'UPDATE "{community_table}" SET "name" = %s')
    assert pagecache.writes_public_table(f"delete from {community_table} where id = 1")
    assert pagecache.writes_public_table('TRUNCATE "django_session", "groups_link"')
    assert pagecache.writes_public_table(f'  UPDATE "{group_table}"SET x = 1')
    assert not pagecache.writes_public_table(f'SELECT * FROM "{group_table}"')
    assert not pagecache.writes_public_table('UPDATE "django_session" SET "expire_date" = %s')
    assert not pagecache.writes_public_table('INSERT INTO "groups_groupedit" VALUES (%s)')
    # A table nobody declared never public is public: a new page's table is never missed.
    assert pagecache.writes_public_table('INSERT INTO "groups_somethingnew" VALUES (%s)')


def redis_reads() -> int:
    """GETs Redis has answered so far, on any connection (the tests run one at a time)."""
    stats = version_store().client.info("commandstats")
    return stats.get("cmdstat_get", {}).get("calls", 0)


@pytest.mark.skipif(not ON_REDIS, reason="the version is kept in the process on Redis")
def test_a_hit_asks_redis_nothing_while_nothing_changes(belgium, page_cache_without_queries):
    Client().get("/en/national-groups/")
    Client().get("/en/national-groups/")
    before = redis_reads()

    for _ in range(5):
        assert Client().get("/en/national-groups/").status_code == 200

    assert redis_reads() == before


def rename_belgium_in_another_process(name: str) -> None:
    database = django_settings.DATABASES["default"]
    environment = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
    }
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from groups.models import NationalGroup; "
            f"NationalGroup.objects.filter(slug='belgium').update(name_en={name!r})",
        ],
        env=environment,
        check=True,
        cwd=django_settings.BASE_DIR,
    )


@pytest.mark.skipif(
    not (ON_POSTGRESQL and ON_REDIS),
    reason="another process shares the database and the cache on PostgreSQL and Redis",
)
def test_a_write_is_seen_after_the_subscription_to_changes_broke(belgium):
    """Redis restarted or the connection killed: the change's message never comes, and
    the version is read again all the same."""
    assert "PauseAI Flanders" not in Client().get("/en/national-groups/").content.decode()
    version_store().client.client_kill_filter(_type="pubsub")

    rename_belgium_in_another_process("PauseAI Flanders")

    assert "PauseAI Flanders" in Client().get("/en/national-groups/").content.decode()
    # And subscribed again: the next change is seen too.
    rename_belgium_in_another_process("PauseAI Wallonia")
    assert "PauseAI Wallonia" in Client().get("/en/national-groups/").content.decode()


@pytest.mark.skipif(
    not (ON_POSTGRESQL and ON_REDIS),
    reason="another process shares the database and the cache on PostgreSQL and Redis",
)
def test_a_write_in_another_process_is_seen_on_the_next_request(belgium):
    assert "PauseAI Flanders" not in Client().get("/en/national-groups/").content.decode()

    rename_belgium_in_another_process("PauseAI Flanders")

    assert "PauseAI Flanders" in Client().get("/en/national-groups/").content.decode()


def test_a_cold_render_is_sent_before_it_is_kept_for_the_other_workers(
    belgium, page_cache_without_queries
):
    """The visitor does not wait for the shared cache: the answer is written there when
    the server closes the response, once it has sent it (as gunicorn does)."""
    environ = RequestFactory().get("/en/national-groups/belgium/").environ
    statuses = []
    response = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    body = b"".join(response)
    with translation.override("en"):
        key = shared_key(cache_key(WSGIRequest(environ)), pagecache.current_version())

    assert statuses == ["200 OK"] and b"PauseAI Belgium" in body
    assert caches["pages"].get(key) is None

    response.close()

    assert caches["pages"].get(key).body == body


def test_a_cold_render_answered_with_a_304_is_kept_for_the_other_workers_too(
    belgium, page_cache_without_queries
):
    """A browser or nginx asking again after a write that changed nothing on the page
    gets a 304; the page it rendered is kept all the same."""
    first = Client().get("/en/national-groups/belgium/")
    belgium.save()
    version = pagecache.current_version()

    again = Client().get("/en/national-groups/belgium/", headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    request = RequestFactory().get("/en/national-groups/belgium/")
    with translation.override("en"):
        kept = caches["pages"].get(shared_key(cache_key(request), version))
    assert kept.version == version and kept.body == first.content
