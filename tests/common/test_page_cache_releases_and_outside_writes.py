"""The page cache across a release, a restore, the content loaded again, and writes
made outside the site: each is seen on the next request, as a write through the site is.

Every test commits (transaction=True), as the site does.
"""

from pathlib import Path

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.template import engines
from django.test import Client

from common import pagecache
from common.pagecache import outside_writes
from common.pagecache.release import forget_release, release
from groups.models import NationalGroup
from tests.factories import NationalGroupFactory

pytestmark = pytest.mark.django_db(transaction=True)

ON_POSTGRESQL = connection.vendor == "postgresql"
TEMPLATE = Path(django_settings.BASE_DIR) / "templates" / "groups" / "national_group_list.html"
PROBE = "<!-- a template of the next release -->"


@pytest.fixture
def belgium():
    pagecache.local_answers.clear()
    return NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")


@pytest.fixture
def next_release():
    """The groups page's template as a release changes it, then as it was; the process
    takes the release's digest and its templates anew, as a restarted instance does."""
    before = TEMPLATE.read_text()

    def release_it():
        TEMPLATE.write_text(before.replace("{% block content %}", "{% block content %}" + PROBE))
        restart()

    yield release_it
    TEMPLATE.write_text(before)
    restart()


def restart():
    forget_release()
    for loader in engines["django"].engine.template_loaders:
        loader.reset()


def test_a_release_with_a_changed_template_is_seen_on_the_next_request(belgium, next_release):
    before = Client().get("/en/national-groups/")
    assert PROBE not in before.content.decode()
    old_release = release()

    next_release()
    after = Client().get("/en/national-groups/")

    assert release() != old_release
    assert PROBE in after.content.decode()
    assert after["ETag"] != before["ETag"]


def test_the_release_digest_is_the_same_while_nothing_changes():
    first = release()
    forget_release()

    assert release() == first


def test_loading_the_content_again_changes_the_version(belgium):
    Client().get("/en/national-groups/")
    before = pagecache.current_version()

    call_command("load_content", verbosity=0)

    assert pagecache.current_version() != before


@pytest.mark.skipif(not ON_POSTGRESQL, reason="PostgreSQL's triggers")
def test_a_write_from_psql_is_seen_on_the_next_request(belgium):
    listener = outside_writes.Listener()
    listener.listen()
    assert "PauseAI Belgium" in Client().get("/en/national-groups/").content.decode()
    settings_dict = connection.settings_dict
    with psycopg.connect(
        f"host={settings_dict['HOST']} port={settings_dict['PORT']} "
        f"user={settings_dict['USER']} dbname={settings_dict['NAME']}",
        autocommit=True,
    ) as psql:
        psql.execute(
            "UPDATE groups_nationalgroup SET name_en = 'PauseAI België' WHERE slug = 'belgium'"
        )

    heard = listener.wait(5)
    listener.close()

    assert heard
    assert "PauseAI België" in Client().get("/en/national-groups/").content.decode()


@pytest.mark.skipif(not ON_POSTGRESQL, reason="PostgreSQL's triggers")
def test_the_sites_own_writes_and_private_tables_notify_nobody(belgium):
    listener = outside_writes.Listener()
    listener.listen()

    NationalGroup.objects.filter(slug="belgium").update(name_en="Through the site")
    settings_dict = connection.settings_dict
    with psycopg.connect(
        f"host={settings_dict['HOST']} port={settings_dict['PORT']} "
        f"user={settings_dict['USER']} dbname={settings_dict['NAME']}",
        autocommit=True,
    ) as psql:
        psql.execute("DELETE FROM django_session")

    heard = listener.wait(1)
    listener.close()

    assert not heard


@pytest.mark.skipif(not ON_POSTGRESQL, reason="PostgreSQL's triggers")
def test_every_public_table_and_no_private_one_has_the_trigger():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [outside_writes.TRIGGER],
        )
        triggered = {name for (name,) in cursor.fetchall()}

    assert "groups_nationalgroup" in triggered
    assert "onboarding_setupstep" in triggered
    assert "django_session" not in triggered
    assert "groups_micrograntrequest" not in triggered
    assert "groups_nationalgroupchange" not in triggered
    assert pagecache.writes_public_table('UPDATE "groups_link" SET x = 1')
