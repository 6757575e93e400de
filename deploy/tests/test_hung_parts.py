"""An instance whose database, Redis or mail server hangs (a server that accepts and
never answers) answers every request within 5 seconds: the page, or the 503 page or
JSON, never a hang and never a lost worker; /healthz names the part at fault."""

import json
import time

import pytest

from deploy.tests.conftest import Instance, setting
from deploy.tests.site import Site, form_of, post_form, post_login
from tests.faults import silent_server

WITHIN_SECONDS = 5
PAGES = ["/en/", "/en/national-groups/", "/api/v1/national-groups/", "/en/accounts/login/"]
# Built for the request alone (a search, the login form), never from the page cache.
UNCACHED = ["/en/national-groups/?q=belgium", "/api/v1/communities.geojson?q=ghent"]


@pytest.fixture
def hung():
    with silent_server() as port:
        yield port


def timed(request):
    started = time.monotonic()
    answer = request()
    return answer, time.monotonic() - started


def no_worker_lost(instance: Instance):
    log = instance.log.read_text()
    assert "WORKER TIMEOUT" not in log, "gunicorn lost a worker"


def start_without_waiting(which, tmp_path, **environment) -> tuple[Instance, Site]:
    """A spare instance with a part hung: its /healthz will not be 200, so it is waited for
    until it listens."""
    address = f"127.0.0.1:{setting('SPARE_PORT')}"
    instance = Instance(which, address, 0, tmp_path / f"gunicorn-{which}.log")
    instance.start(healthy=False, GUNICORN_WORKERS="2", **environment)
    return instance, Site(setting("SITE"), setting("CAFILE"), address)


def test_with_its_database_hung_an_instance_answers_503_within_5_seconds(hung, tmp_path):
    instance, site = start_without_waiting(
        "database-hung", tmp_path, DATABASE_URL=f"postgres://registry@127.0.0.1:{hung}/registry"
    )
    try:
        answers = {
            path: timed(lambda path=path: site.get(path, timeout=30)) for path in PAGES + UNCACHED
        }
        health, _seconds = timed(lambda: site.get("/healthz", forwarded_proto=None, timeout=30))
    finally:
        instance.stop()

    for path, (answer, seconds) in answers.items():
        assert seconds < WITHIN_SECONDS, f"{path}: {seconds:.1f} s"
        # A public page the shared page cache holds is still served (from Redis).
        expected = (200, 503) if path in PAGES[:3] else (503,)
        assert answer.status in expected, f"{path}: {answer.status}"
    assert "temporarily unavailable" in answers["/en/national-groups/?q=belgium"][0].text()
    assert json.loads(answers["/api/v1/communities.geojson?q=ghent"][0].body)["detail"]
    assert answers["/en/accounts/login/"][0].status == 503
    assert health.status == 503 and json.loads(health.body)["database"] != "ok", health.text()
    no_worker_lost(instance)


def test_with_its_redis_hung_an_instance_serves_pages_and_refuses_logins_within_5_seconds(
    hung, tmp_path
):
    instance, site = start_without_waiting(
        "redis-hung", tmp_path, REDIS_URL=f"redis://127.0.0.1:{hung}/0"
    )
    try:
        pages = {path: timed(lambda path=path: site.get(path, timeout=30)) for path in PAGES[:3]}
        login_page = site.get("/en/accounts/login/", timeout=30)
        login, login_seconds = timed(
            lambda: site.request(
                "POST",
                "/en/accounts/login/",
                body="login=a%40example.org&password=x",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                timeout=30,
            )
        )
        health = site.get("/healthz", forwarded_proto=None, timeout=30)
    finally:
        instance.stop()

    for path, (answer, seconds) in pages.items():
        assert seconds < WITHIN_SECONDS, f"{path}: {seconds:.1f} s"
        assert answer.status == 200, f"{path}: {answer.status}"
    assert login_page.status == 200
    assert login_seconds < WITHIN_SECONDS, f"a login: {login_seconds:.1f} s"
    # No CSRF token here: refused before or at the rate limit, never a 500 or a hang.
    assert login.status in (403, 503), login.status
    assert health.status == 503 and json.loads(health.body)["cache"] != "ok", health.text()
    no_worker_lost(instance)


def test_a_login_with_redis_hung_is_the_503_page_within_5_seconds(hung, tmp_path):
    instance, site = start_without_waiting(
        "redis-hung-login", tmp_path, REDIS_URL=f"redis://127.0.0.1:{hung}/0"
    )
    try:
        jar, token = form_of(site, "/en/accounts/login/")
        login, seconds = timed(
            lambda: post_login(site, jar, token, "a@example.org", "a wrong password", timeout=30)
        )
    finally:
        instance.stop()

    assert seconds < WITHIN_SECONDS, f"{seconds:.1f} s"
    assert login.status == 503, login.status
    assert "temporarily unavailable" in login.text()


def test_with_its_mail_server_hung_a_sign_up_answers_within_5_seconds(hung, tmp_path):
    instance, site = start_without_waiting(
        "mail-hung", tmp_path, EMAIL_PORT=str(hung), EMAIL_HOST="127.0.0.1"
    )
    try:
        jar, token = form_of(site, "/en/accounts/signup/")
        answer, seconds = timed(
            lambda: post_form(
                site,
                "/en/accounts/signup/",
                jar,
                token,
                {
                    "full_name": "Grace Hopper",
                    "email": "grace@deploy-check.example.org",
                    "password1": "a long enough passphrase",
                    "password2": "a long enough passphrase",
                },
                timeout=30,
            )
        )
    finally:
        instance.stop()

    assert seconds < WITHIN_SECONDS, f"{seconds:.1f} s"
    assert answer.status == 302, answer.status
    no_worker_lost(instance)
