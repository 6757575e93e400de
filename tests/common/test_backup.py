"""A backup restores into a fresh database and media folders with everything in them
(common/management/commands/backup.py and restore.py)."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from common import pagecache
from microgrants.models import MicrograntFile
from tests.factories import (
    LinkFactory,
    LocalCommunityFactory,
    MicrograntRequestFactory,
    NationalGroupFactory,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="backups are pg_dump's, of PostgreSQL"
    ),
]

TABLES = (
    "groups_nationalgroup",
    "groups_localcommunity",
    "groups_link",
    "groups_micrograntrequest",
    "groups_micrograntfile",
    "groups_nationalgroupchange",
    "groups_micrograntrequestchange",
)


def counts(dsn: str) -> dict[str, int]:
    with psycopg.connect(dsn) as database:
        return {
            table: database.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in TABLES
        }


@pytest.fixture
def registry(settings):
    group = NationalGroupFactory(slug="belgium", country="BE", logo="logos/belgium.png")
    (Path(settings.MEDIA_ROOT) / "logos").mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / "logos" / "belgium.png").write_bytes(b"logo")
    LocalCommunityFactory(national_group=group)
    LinkFactory(national_group=group, kind="x", url="https://x.com/pauseai_be")
    microgrant = MicrograntRequestFactory(group=group, status="paid")
    receipt = Path(settings.PRIVATE_MEDIA_ROOT) / "microgrants" / "receipt.pdf"
    receipt.parent.mkdir(parents=True)
    receipt.write_bytes(b"%PDF receipt")
    MicrograntFile.objects.create(
        request=microgrant,
        kind="receipt",
        file="microgrants/receipt.pdf",
        original_name="receipt.pdf",
        content_type="application/pdf",
        uploaded_by=microgrant.requested_by,
    )
    group.description_en = "Edited once, so the history has a row."
    group.save()
    return group


def test_a_backup_restores_into_a_fresh_database_with_every_row_and_file_and_new_pages(
    registry, tmp_path, settings
):
    database = settings.DATABASES["default"]
    server = f"postgresql://{database['USER']}@{database['HOST']}:{database['PORT']}"
    original = counts(f"{server}/{database['NAME']}")
    assert all(original.values()), original

    call_command("backup", to=tmp_path / "backups", verbosity=0)

    [backup] = (tmp_path / "backups").iterdir()
    assert {path.name for path in backup.iterdir()} == {
        "database.dump",
        "media.tar.gz",
        "private-media.tar.gz",
    }
    fresh = f"{database['NAME']}_restored"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        admin.execute(f'CREATE DATABASE "{fresh}"')
    version = pagecache.current_version()
    try:
        restored_media = tmp_path / "restored-media"
        restored_private = tmp_path / "restored-private"
        subprocess.run(
            [sys.executable, "manage.py", "restore", str(backup), "--no-input"],
            env={
                **os.environ,
                "DATABASE_URL": f"{server}/{fresh}",
                "MEDIA_ROOT": str(restored_media),
                "PRIVATE_MEDIA_ROOT": str(restored_private),
            },
            cwd=settings.BASE_DIR,
            check=True,
            capture_output=True,
        )

        assert counts(f"{server}/{fresh}") == original
        # The pages cached from the database before are old (common/pagecache).
        assert pagecache.current_version() != version
        assert (restored_media / "logos" / "belgium.png").read_bytes() == b"logo"
        assert (restored_private / "microgrants" / "receipt.pdf").read_bytes() == b"%PDF receipt"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(Exception, match="not a backup"):
        call_command("restore", str(tmp_path), no_input=True)
