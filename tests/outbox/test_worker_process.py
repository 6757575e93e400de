"""The worker as systemd runs it (manage.py worker, a process of its own): it sends what
was queued while the mail server refused, once it accepts, hears a write made with
psql for the page cache, and stops within a second or two of SIGTERM."""

import os
import signal
import subprocess
import sys
import time

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.mail import send_mail
from django.db import connection

from common import pagecache
from tests.factories import NationalGroupFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the worker listens to PostgreSQL"
    ),
]


def eventually(condition, seconds=15):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def worker(mail_server):
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mail_server.port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "2",
        "LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "worker"],
        cwd=django_settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()


def test_the_worker_sends_what_waited_for_the_mail_server_in_order(worker, mail_server):
    mail_server.refuse()
    for number in range(1, 4):
        send_mail(f"Queued {number}", "Body", None, [f"p{number}@example.org"])
    time.sleep(3)
    assert mail_server.received == []

    mail_server.accept()

    # The worker waits 2, 4, 8 … seconds between tries while the server refuses.
    assert eventually(lambda: len(mail_server.received) == 3, seconds=30)
    assert mail_server.subjects() == ["Queued 1", "Queued 2", "Queued 3"]


def test_the_worker_hears_a_write_made_with_psql(worker):
    NationalGroupFactory(slug="belgium", country="BE")
    before = pagecache.current_version()
    database = connection.settings_dict
    with psycopg.connect(
        f"host={database['HOST']} port={database['PORT']} user={database['USER']} "
        f"dbname={database['NAME']}",
        autocommit=True,
    ) as psql:
        # A write a second until one is heard: the worker may still be starting on a busy
        # machine (a write made before it listens is not for it to hear).
        for attempt in range(20):
            psql.execute("UPDATE groups_nationalgroup SET name_en = %s", [f"From psql {attempt}"])
            if eventually(lambda: pagecache.current_version() != before, seconds=1):
                break

    assert pagecache.current_version() != before


def test_the_worker_stops_at_once_on_sigterm(worker):
    time.sleep(2)
    worker.send_signal(signal.SIGTERM)
    started = time.monotonic()

    worker.wait(timeout=10)

    assert time.monotonic() - started < 3
    assert worker.returncode == 0, worker.stderr.read()
