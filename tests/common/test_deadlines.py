"""Every call that leaves the process has a deadline: with the database or Redis hung
(a server that accepts and never answers) or down (a port nothing listens on), every
request answers within 5 seconds with the page, or the 503 page or JSON, never a 500,
and /healthz names the part at fault.

A hung database is a real server that accepts connections and never answers, given to
the site in a process of its own (as gunicorn starts it). A database that stops
answering a connection already open is a real PostgreSQL behind a relay that stops
passing bytes on.
"""

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client, override_settings

from common.cache import breaker
from tests.faults import closed_port, silent_server

PROJECT = Path(__file__).resolve().parent.parent.parent
# What the issue asks of every request while a part is hung or down.
ANSWER_WITHIN_SECONDS = 5

# Asks the site for each path as a browser would, timing each answer.
ASK = """
import json, sys, time
import django
django.setup()
from django.conf import settings
from django.test import Client, override_settings
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
client = Client(raise_request_exception=False)
answers = {}
for path in sys.argv[1:]:
    started = time.monotonic()
    response = client.get(path, secure=True, headers={"accept-language": "en"})
    answers[path] = {
        "status": response.status_code,
        "seconds": time.monotonic() - started,
        "body": response.content.decode(),
    }
print(json.dumps(answers))
"""


def ask_site(database_url: str, *paths) -> dict:
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "pauseai.settings",
        "DEBUG": "false",
        "SECRET_KEY": "vJ3kq9Xw2LmZ8rT5nB7cY4hD6fG1sA0eQuWpRiOtKyMlNjHxEz",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": database_url,
        "REDIS_URL": "",
        "LOG_LEVEL": "CRITICAL",
    }
    asked = subprocess.run(
        [sys.executable, "-c", ASK, *paths],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        # Well past the deadlines: a hang shows as this timeout, not as a stuck test run.
        timeout=30 + ANSWER_WITHIN_SECONDS * len(paths),
    )
    assert asked.returncode == 0, asked.stderr
    return json.loads(asked.stdout)


PATHS = ["/healthz", "/en/national-groups/", "/api/v1/national-groups/", "/en/accounts/login/"]


def test_a_hung_database_gets_the_503_page_within_the_deadline():
    with silent_server() as port:
        answers = ask_site(f"postgres://registry@127.0.0.1:{port}/registry", *PATHS)

    for path, answer in answers.items():
        assert answer["seconds"] < ANSWER_WITHIN_SECONDS, (path, answer["seconds"])
        assert answer["status"] == 503, (path, answer["status"])
    assert json.loads(answers["/healthz"]["body"])["database"] != "ok"
    assert "temporarily unavailable" in answers["/en/national-groups/"]["body"]


class Relay:
    """A TCP relay to the real PostgreSQL that can be told to stop passing bytes on,
    while keeping every connection open: a server that hangs mid-conversation."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.frozen = threading.Event()
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self.accept, daemon=True).start()

    @property
    def port(self) -> int:
        return self.listener.getsockname()[1]

    def accept(self):
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self.pass_on, args=(source, sink), daemon=True).start()

    def pass_on(self, source, sink):
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                return
            if not data:
                return
            while self.frozen.is_set():
                time.sleep(0.05)
            if self.listener.fileno() == -1:
                return
            try:
                sink.sendall(data)
            except OSError:
                return

    def close(self):
        self.frozen.clear()
        self.listener.close()
        for each in self.sockets:
            each.close()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's deadline")
@pytest.mark.django_db
def test_a_database_that_stops_answering_an_open_connection_fails_within_the_deadline():
    relay = Relay(connection.settings_dict["HOST"] or "127.0.0.1", 5432)
    # A connection as the site makes one (its backend, its options), through the relay.
    params = {**connection.get_connection_params(), "host": "127.0.0.1", "port": relay.port}
    relayed = connection.get_new_connection(params)
    relayed.execute("SELECT 1")
    backend_pid = relayed.info.backend_pid
    relay.frozen.set()
    outcome = {}

    def ask():
        started = time.monotonic()
        try:
            relayed.execute("SELECT 2")
        except psycopg.OperationalError as error:
            outcome["error"] = error
        outcome["seconds"] = time.monotonic() - started

    asking = threading.Thread(target=ask, daemon=True)
    asking.start()
    asking.join(timeout=ANSWER_WITHIN_SECONDS + 5)
    relay.close()
    # The server's side of the relayed session, which the frozen relay kept open.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [backend_pid])

    assert not asking.is_alive(), "still waiting for the database"
    assert "error" in outcome
    assert outcome["seconds"] < ANSWER_WITHIN_SECONDS


@pytest.fixture
def breaker_closed():
    breaker.reset()
    yield
    breaker.reset()


def redis_at(port):
    """The site's caches, both in a Redis at this port, with the site's deadlines."""
    redis = {
        **django_settings.CACHES["default"],
        "BACKEND": "common.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": django_settings.REDIS_OPTIONS,
    }
    return override_settings(CACHES={"default": redis, "pages": redis | {"KEY_PREFIX": "pages"}})


def timed(request):
    started = time.monotonic()
    response = request()
    return response, time.monotonic() - started


LOGIN = "/en/accounts/login/"
SIGNUP = "/en/accounts/signup/"
RESET = "/en/accounts/password/reset/"
WITHOUT_REDIS = [
    (LOGIN, {"login": "olga@example.org", "password": "a long password"}),
    (SIGNUP, {"email": "new@example.org", "password1": "a long pass", "password2": "a long pass"}),
    (RESET, {"email": "olga@example.org"}),
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fault", ["hung", "refusing"])
def test_without_redis_pages_come_from_the_database_and_account_forms_answer_503(
    fault, breaker_closed
):
    client = Client(raise_request_exception=False)
    with silent_server() as hung_port:
        port = hung_port if fault == "hung" else closed_port()
        with redis_at(port):
            pages = [timed(lambda: client.get("/en/national-groups/")) for _ in range(3)]
            forms = [
                (path, *timed(lambda p=path, d=data: client.post(p, d)))
                for path, d in WITHOUT_REDIS
                for data in [d]
            ]
            health, _seconds = timed(lambda: client.get("/healthz"))

    for response, seconds in pages:
        assert response.status_code == 200
        assert seconds < ANSWER_WITHIN_SECONDS
    for path, response, seconds in forms:
        assert response.status_code == 503, (path, response.status_code)
        assert "temporarily unavailable" in response.content.decode()
        assert seconds < ANSWER_WITHIN_SECONDS, (path, seconds)
    assert health.status_code == 503
    assert health.json()["cache"] != "ok"
    assert health.json()["database"] == "ok"


@pytest.mark.django_db(transaction=True)
def test_a_hung_redis_costs_the_pages_at_most_one_deadline_between_pauses(breaker_closed):
    client = Client(raise_request_exception=False)
    with silent_server() as port, redis_at(port):
        started = time.monotonic()
        for _ in range(10):
            assert client.get("/en/national-groups/").status_code == 200
        ten_pages = time.monotonic() - started

    # The first request waits out Redis's deadline (twice at most: the version and the
    # answer); the next nine, within the pause, do not ask.
    assert ten_pages < 2 * django_settings.REDIS_SECONDS + 3
