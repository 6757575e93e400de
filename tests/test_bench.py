"""The benchmark's own tools (bench/): what they measure must be what they say."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from bench.data import DETAIL_GROUP_COUNTRY
from common import pagecache
from tests.factories import NationalGroupFactory


@pytest.mark.skipif(
    connection.vendor != "postgresql" or "Redis" not in settings.CACHES["pages"]["BACKEND"],
    reason="another process shares the database and the cache on PostgreSQL and Redis",
)
@pytest.mark.django_db(transaction=True)
def test_each_save_of_bench_invalidate_is_seen_before_it_answers():
    """A cold render is one right after a write: bench_run asks for the page as soon as
    the writer answers, so the write must count by then, the first one included."""
    NationalGroupFactory(country=DETAIL_GROUP_COUNTRY, status="active")
    database = settings.DATABASES["default"]
    writer = subprocess.Popen(
        [sys.executable, "manage.py", "bench_invalidate", "--serve"],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": (
                f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
                f"{database['NAME']}"
            ),
        },
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        versions = [pagecache.current_version()]
        for _save in range(2):
            writer.stdin.write("save\n")
            writer.stdin.flush()
            assert writer.stdout.readline().strip() == "saved"
            versions.append(pagecache.current_version())
    finally:
        writer.stdin.close()
        writer.wait(timeout=30)

    assert len(set(versions)) == 3, versions
