"""Configuration: settings.py and gunicorn.conf.py read the environment, and .env.example
lists every variable they read with its default.

The files are run as start-up runs them (runpy), with an environment of the test's own:
nothing the test process has set (CI's DATABASE_URL, DEBUG, …) reaches them.
"""

import ast
import datetime
import multiprocessing
import os
import re
import runpy
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, get_connection

PROJECT = Path(__file__).resolve().parent.parent
SETTINGS = PROJECT / "pauseai" / "settings" / "__init__.py"
# The settings by subject, which SETTINGS gathers (core.py, accounts.py, mail.py, …).
SETTINGS_FILES = sorted((PROJECT / "pauseai" / "settings").glob("*.py"))
GUNICORN_CONF = PROJECT / "gunicorn.conf.py"
ENV_EXAMPLE = PROJECT / ".env.example"
# The typed helpers both files read the environment through.
ENV_HELPERS = {"env_str", "env_bool", "env_int", "env_float", "env_list"}


def variables_read(path: Path) -> set[str]:
    """The names a file passes to its env_* helpers: every variable it reads."""
    names = set()
    for statement in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(statement, ast.FunctionDef) and statement.name in ENV_HELPERS:
            continue
        for node in ast.walk(statement):
            if isinstance(node, ast.Call) and ast.unparse(node.func) in ENV_HELPERS:
                name = node.args[0]
                assert isinstance(name, ast.Constant), f"{path.name}: {ast.unparse(node)}"
                names.add(name.value)
    return names


def env_example() -> dict[str, str]:
    """.env.example's variables and values, unquoted as a shell reads them."""
    variables = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            words = shlex.split(value)
            assert len(words) <= 1, f".env.example: quote the value of {name}"
            variables[name] = words[0] if words else ""
    return variables


ALL_VARIABLES = (
    set().union(*map(variables_read, SETTINGS_FILES))
    | variables_read(GUNICORN_CONF)
    | set(env_example())
)


def run(path: Path, monkeypatch, **environ) -> dict:
    """Run a configuration file with only `environ` set of the variables it could read."""
    for name in ALL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    # The settings' files by subject are modules the package imports: forgotten, so that
    # they read this environment again (Django's settings have long been read from them).
    for name in [name for name in sys.modules if name.startswith("pauseai.settings.")]:
        monkeypatch.delitem(sys.modules, name)
    return runpy.run_path(str(path))


def configured(namespace: dict) -> dict:
    """The settings themselves: upper-case names, without functions."""
    return {
        name: value for name, value in namespace.items() if name.isupper() and not callable(value)
    }


# .env.example


def test_env_example_lists_every_variable_the_settings_and_gunicorn_read():
    read = set().union(*map(variables_read, SETTINGS_FILES)) | variables_read(GUNICORN_CONF)
    listed = set(env_example())

    # The scan finds what it should: a scan that finds nothing would pass below.
    assert {"DATABASE_URL", "PRIVATE_MEDIA_ROOT", "GUNICORN_WORKERS"} <= read
    assert read - listed == set(), "missing from .env.example"
    assert listed - read == set(), "in .env.example but read by nothing"


def test_settings_and_gunicorn_read_the_environment_only_through_their_helpers():
    for path in (*SETTINGS_FILES, GUNICORN_CONF):
        for statement in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(statement, ast.FunctionDef) and statement.name in ENV_HELPERS:
                continue
            for node in ast.walk(statement):
                if isinstance(node, ast.Attribute):
                    assert ast.unparse(node) not in ("os.environ", "os.getenv"), (
                        f"{path.name}: {ast.unparse(statement)}"
                    )


def test_env_example_as_written_gives_the_defaults(monkeypatch):
    """Copied to .env unchanged, it changes nothing: an empty value means the default."""
    defaults = configured(run(SETTINGS, monkeypatch))
    from_example = configured(run(SETTINGS, monkeypatch, **env_example()))

    assert from_example == defaults
    gunicorn_defaults = run(GUNICORN_CONF, monkeypatch)
    gunicorn_from_example = run(GUNICORN_CONF, monkeypatch, **env_example())
    for name in ("bind", "workers", "forwarded_allow_ips"):
        assert gunicorn_from_example[name] == gunicorn_defaults[name]


# pauseai/settings/


def test_an_empty_database_url_means_sqlite_in_the_project_folder(monkeypatch):
    settings = run(SETTINGS, monkeypatch, DATABASE_URL="")

    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["DATABASES"]["default"]["NAME"] == str(PROJECT / "db.sqlite3")


def test_empty_values_mean_the_defaults(monkeypatch):
    settings = run(
        SETTINGS,
        monkeypatch,
        DATABASE_CONN_MAX_AGE="",
        MEDIA_ROOT="",
        PRIVATE_MEDIA_ROOT="",
        LOG_LEVEL="",
        EMAIL_BACKEND="",
        ALLOWED_HOSTS="",
        MICROGRANT_LIMIT_PER_REQUEST_EUR="",
    )

    assert settings["DATABASES"]["default"]["CONN_MAX_AGE"] == 0
    assert settings["MEDIA_ROOT"] == PROJECT / "media"
    assert settings["PRIVATE_MEDIA_ROOT"] == PROJECT / "private-media"
    assert settings["LOGGING"]["root"]["level"] == "INFO"
    assert settings["MAIL_TRANSPORT"] == "django.core.mail.backends.console.EmailBackend"
    assert settings["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    assert settings["MICROGRANT_LIMIT_PER_REQUEST_EUR"] == 2000


def test_values_that_are_set_are_used(monkeypatch):
    settings = run(
        SETTINGS,
        monkeypatch,
        DATABASE_URL="postgres://registry:secret@db.example.org:5432/registry",
        DATABASE_CONN_MAX_AGE="60",
        REDIS_URL="redis://127.0.0.1:6379/3",
        ALLOWED_HOSTS="registry.pauseai.info, www.registry.pauseai.info",
        SECURE_COOKIES="yes",
        LOG_LEVEL="warning",
        MICROGRANT_FILES_PER_REQUEST="12",
    )

    assert settings["DATABASES"]["default"]["HOST"] == "db.example.org"
    assert settings["DATABASES"]["default"]["CONN_MAX_AGE"] == 60
    assert settings["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert settings["ALLOWED_HOSTS"] == ["registry.pauseai.info", "www.registry.pauseai.info"]
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["LOGGING"]["root"]["level"] == "WARNING"
    assert settings["MICROGRANT_FILES_PER_REQUEST"] == 12


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "maybe"),
        ("SECURE_COOKIES", "sometimes"),
        ("DATABASE_CONN_MAX_AGE", "a minute"),
        ("DATABASE_CONN_MAX_AGE", "-1"),
        ("DATABASE_URL", "db.example.org:5432/registry"),
        ("DATABASE_URL", "mongodb://db.example.org/registry"),
        ("REDIS_URL", "127.0.0.1:6379"),
        ("IMAGE_MAX_BYTES", "2MB"),
        ("IMAGE_MAX_PIXELS", "0"),
        ("EMAIL_PORT", "smtp"),
        ("ALLAUTH_TRUSTED_PROXY_COUNT", "-1"),
        ("INVITATIONS_PER_DAY", "twenty"),
        ("MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR", "6000.50"),
        ("LOG_LEVEL", "LOUD"),
        ("COACH_DIGEST_WEEKDAY", "7"),
    ],
)
def test_a_malformed_value_stops_start_up_naming_the_variable(monkeypatch, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        run(SETTINGS, monkeypatch, **{name: value})


# gunicorn.conf.py


def test_an_empty_gunicorn_workers_means_the_default(monkeypatch):
    conf = run(GUNICORN_CONF, monkeypatch, GUNICORN_WORKERS="", GUNICORN_BIND="")

    assert conf["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert conf["bind"] == "127.0.0.1:8000"
    assert conf["forwarded_allow_ips"] == "127.0.0.1"


def test_gunicorn_uses_the_values_that_are_set(monkeypatch):
    conf = run(
        GUNICORN_CONF,
        monkeypatch,
        GUNICORN_WORKERS="3",
        GUNICORN_BIND="0.0.0.0:9000",
        FORWARDED_ALLOW_IPS="10.0.0.2",
    )

    assert conf["workers"] == 3
    assert conf["bind"] == "0.0.0.0:9000"
    assert conf["forwarded_allow_ips"] == "10.0.0.2"


@pytest.mark.parametrize("value", ["many", "0", "-2", "2.5"])
def test_a_malformed_gunicorn_workers_stops_gunicorn_naming_the_variable(monkeypatch, value):
    with pytest.raises(ValueError, match="GUNICORN_WORKERS"):
        run(GUNICORN_CONF, monkeypatch, GUNICORN_WORKERS=value)


# .pre-commit-config.yaml


def test_pre_commit_runs_the_ruff_and_djhtml_that_make_lint_runs():
    requirements = (PROJECT / "requirements-dev.txt").read_text()
    pins = dict(re.findall(r"^(ruff|djhtml)==(\S+)$", requirements, re.MULTILINE))
    config = (PROJECT / ".pre-commit-config.yaml").read_text()
    revs = dict(re.findall(r"repo: https://github.com/\S+/(\S+)\n\s+rev: v?(\S+)\n", config))

    assert revs == {"ruff-pre-commit": pins["ruff"], "djhtml": pins["djhtml"]}
    for hook in ("ruff-check", "ruff-format", "djhtml"):
        assert f"- id: {hook}\n" in config


# Production: HTTPS, HSTS, the language cookie, `check --deploy`

PRODUCTION = {
    "DEBUG": "false",
    # 50 characters, as secrets.token_urlsafe gives them.
    "SECRET_KEY": "vJ3kq9Xw2LmZ8rT5nB7cY4hD6fG1sA0eQuWpRiOtKyMlNjHxEz",
    "ALLOWED_HOSTS": "registry.pauseai.info",
}


def test_production_defaults_are_the_safe_ones(monkeypatch):
    settings = run(SETTINGS, monkeypatch, **PRODUCTION)

    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["SECURE_HSTS_PRELOAD"] is False
    assert settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["LANGUAGE_COOKIE_SECURE"] is True
    assert settings["LANGUAGE_COOKIE_SAMESITE"] == "Lax"


def test_development_neither_redirects_to_https_nor_sends_hsts(monkeypatch):
    settings = run(SETTINGS, monkeypatch)

    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0
    assert settings["LANGUAGE_COOKIE_SECURE"] is False
    assert settings["LANGUAGE_COOKIE_SAMESITE"] == "Lax"


def test_the_https_settings_can_be_changed_for_a_proxy_that_does_it_itself(monkeypatch):
    settings = run(
        SETTINGS,
        monkeypatch,
        **PRODUCTION,
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        SECURE_HSTS_PRELOAD="true",
    )

    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert settings["SECURE_HSTS_PRELOAD"] is True


def test_the_health_check_is_not_redirected_to_https(monkeypatch):
    """A monitor on the machine asks gunicorn itself, over plain HTTP."""
    settings = run(SETTINGS, monkeypatch, **PRODUCTION)

    assert any(re.fullmatch(pattern, "healthz") for pattern in settings["SECURE_REDIRECT_EXEMPT"])


def bare_environment() -> dict[str, str]:
    """Nothing of the test process's (CI's settings, the browser tests'
    DJANGO_ALLOW_ASYNC_UNSAFE) but the PATH."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}


def manage(*arguments, **environ) -> subprocess.CompletedProcess:
    """manage.py in a process of its own, with only `environ` of the site's variables."""
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT,
        env=bare_environment() | environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_finds_nothing_to_warn_about_in_production():
    checked = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert checked.returncode == 0, checked.stderr
    assert "no issues" in checked.stdout


def test_check_deploy_still_warns_about_a_short_secret_key():
    """The check itself runs: a weak key is found."""
    checked = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION | {"SECRET_KEY": "short"}
    )

    assert checked.returncode != 0
    assert "security.W009" in checked.stderr


# Sentry


def sentry_client_dsn(**environ) -> str:
    """Load the settings in a process of their own (sentry_sdk.init is process-wide) and
    say which DSN Sentry's client sends to ("" when it is off)."""
    script = (
        "import runpy, sentry_sdk; "
        f"runpy.run_path({str(SETTINGS)!r}); "
        "client = sentry_sdk.get_client(); "
        "print(client.dsn if client.is_active() else '')"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env=bare_environment() | environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert loaded.returncode == 0, loaded.stderr
    return loaded.stdout.strip()


def test_without_sentry_dsn_nothing_is_sent_to_sentry():
    assert sentry_client_dsn(**PRODUCTION) == ""


def test_sentry_dsn_turns_on_error_reports():
    dsn = "https://public-key@sentry.example.org/42"

    assert sentry_client_dsn(**PRODUCTION, SENTRY_DSN=dsn) == dsn


def test_gunicorn_logs_each_request_with_its_status_and_duration(monkeypatch):
    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    conf = run(GUNICORN_CONF, monkeypatch)
    config = Config()
    config.set("access_log_format", conf["access_log_format"])
    logger = Logger(config)
    response = type(
        "Response", (), {"status": "503 Service Unavailable", "sent": 120, "headers": []}
    )()
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/healthz", "SERVER_PROTOCOL": "HTTP/1.1"}
    request_headers = [("X-FORWARDED-FOR", "203.0.113.9")]
    line = conf["access_log_format"] % logger.atoms_wrapper_class(
        logger.atoms(response, request_headers, environ, datetime.timedelta(milliseconds=1234))
    )

    assert conf["accesslog"] == "-"
    assert line.startswith("203.0.113.9 ")
    assert '"GET /healthz HTTP/1.1" 503' in line
    assert "1234ms" in line


# deploy/production.env.example


def test_the_production_env_example_lists_every_variable_too():
    production = PROJECT / "deploy" / "production.env.example"
    listed = set()
    for line in production.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            listed.add(line.partition("=")[0])

    assert listed == set(env_example())


def test_the_production_env_example_passes_check_deploy_once_filled_in():
    production = PROJECT / "deploy" / "production.env.example"
    environ = {}
    for line in production.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            words = shlex.split(value)
            environ[name] = words[0] if words else ""
    environ |= {"SECRET_KEY": PRODUCTION["SECRET_KEY"], "DATABASE_URL": ""}

    checked = manage("check", "--deploy", "--fail-level", "WARNING", **environ)

    assert checked.returncode == 0, checked.stderr


def test_the_file_email_backend_has_a_folder_to_write_to(monkeypatch, tmp_path):
    """EMAIL_BACKEND may pick Django's file backend; without EMAIL_FILE_PATH it had no
    folder, and a sign-up answered 500."""
    backend = "django.core.mail.backends.filebased.EmailBackend"
    default = run(SETTINGS, monkeypatch, EMAIL_BACKEND=backend)
    chosen = run(SETTINGS, monkeypatch, EMAIL_BACKEND=backend, EMAIL_FILE_PATH=str(tmp_path))

    assert default["EMAIL_FILE_PATH"] == PROJECT / "sent-emails"
    assert chosen["EMAIL_FILE_PATH"] == tmp_path
    connection = get_connection(backend, file_path=chosen["EMAIL_FILE_PATH"])
    EmailMessage("Confirm", "Hello", to=["ann@example.org"], connection=connection).send()
    assert len(list(tmp_path.iterdir())) == 1
