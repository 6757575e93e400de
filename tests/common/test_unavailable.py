"""When the database or the cache does not answer: /healthz says which, the API answers
JSON 503 and pages a plain "temporarily unavailable" 503, never a 500.

A database that cannot be reached is a real one: the site runs in a process of its own
(its settings from the environment, as gunicorn starts it) with DATABASE_URL at a port
where nothing listens.
"""

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

PROJECT = Path(__file__).resolve().parent.parent.parent

# Asks the site for each path given, as a browser over HTTPS would (nginx says so), and
# prints what it answered. Static files as the tests have them (no collectstatic).
ASK = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.test import Client, override_settings
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
client = Client(raise_request_exception=False)
answers = {}
for path in sys.argv[1:]:
    response = client.get(path, secure=True, headers={"accept-language": "en"})
    answers[path] = {
        "status": response.status_code,
        "content_type": response["Content-Type"],
        "cache_control": response.get("Cache-Control", ""),
        "body": response.content.decode(),
    }
print(json.dumps(answers))
"""


def closed_port() -> int:
    """A loopback port nothing listens on (just released by the system)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ask_without_database(*paths) -> dict:
    port = closed_port()
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "pauseai.settings",
        "DEBUG": "false",
        "SECRET_KEY": "vJ3kq9Xw2LmZ8rT5nB7cY4hD6fG1sA0eQuWpRiOtKyMlNjHxEz",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"postgres://registry@127.0.0.1:{port}/registry",
        # The cache is a table in that database: down with it.
        "REDIS_URL": "",
        "LOG_LEVEL": "ERROR",
    }
    asked = subprocess.run(
        [sys.executable, "-c", ASK, *paths],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert asked.returncode == 0, asked.stderr
    return json.loads(asked.stdout) | {"stderr": asked.stderr}


@pytest.fixture(scope="module")
def without_database():
    return ask_without_database(
        "/healthz",
        "/api/v1/national-groups/",
        "/api/v1/communities.geojson",
        "/en/national-groups/",
        "/nl/national-groups/",
        "/en/communities/",
        "/en/accounts/login/",
    )


def test_health_says_the_database_is_down(without_database):
    health = without_database["/healthz"]

    assert health["status"] == 503
    assert json.loads(health["body"])["database"] != "ok"
    assert "no-store" in health["cache_control"]


@pytest.mark.parametrize("path", ["/api/v1/national-groups/", "/api/v1/communities.geojson"])
def test_the_api_answers_json_503_without_its_database(without_database, path):
    answer = without_database[path]

    assert answer["status"] == 503
    assert answer["content_type"] == "application/json"
    assert "temporarily unavailable" in json.loads(answer["body"])["detail"]
    assert "no-store" in answer["cache_control"]


@pytest.mark.parametrize(
    "path", ["/en/national-groups/", "/en/communities/", "/en/accounts/login/"]
)
def test_pages_answer_temporarily_unavailable_without_their_database(without_database, path):
    answer = without_database[path]

    assert answer["status"] == 503
    assert answer["content_type"].startswith("text/html")
    assert "temporarily unavailable" in answer["body"]
    assert "no-store" in answer["cache_control"]


def test_the_unavailable_page_is_in_the_pages_language(without_database):
    answer = without_database["/nl/national-groups/"]

    assert answer["status"] == 503
    assert '<html lang="nl">' in answer["body"]
    assert "tijdelijk niet beschikbaar" in answer["body"]


# /healthz with the database up


@pytest.mark.django_db(transaction=True)
def test_health_is_ok_when_the_database_and_cache_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "cache": "ok",
        "mail": "ok",
        "oldest_unsent_mail_seconds": 0,
    }
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_health_marks_the_cache_when_it_is_down():
    redis_nobody_runs = {
        "BACKEND": "common.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
    }

    # Only while asking: the fixtures empty the real cache afterwards.
    with override_settings(CACHES={"default": redis_nobody_runs, "pages": redis_nobody_runs}):
        response = Client(raise_request_exception=False).get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "ok"
    assert response.json()["cache"] != "ok"
    assert "no-store" in response["Cache-Control"]


def test_health_is_never_behind_a_language_prefix(client):
    assert client.get("/en/healthz").status_code == 404


def test_an_unreachable_database_is_logged_to_stderr_with_its_traceback(without_database):
    log = without_database["stderr"]

    assert "ERROR django.request" in log
    assert "Service Unavailable: /en/national-groups/" in log
    assert "Traceback (most recent call last)" in log
    assert "OperationalError" in log
