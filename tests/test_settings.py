"""Configuration: settings.py and gunicorn.conf.py read the environment, and .env.example
lists every variable they read with its default.

The files are run as start-up runs them (runpy), with an environment of the test's own:
nothing the test process has set (CI's DATABASE_URL, DEBUG, …) reaches them.
"""

import ast
import multiprocessing
import re
import runpy
import shlex
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

PROJECT = Path(__file__).resolve().parent.parent
SETTINGS = PROJECT / "pauseai" / "settings.py"
GUNICORN_CONF = PROJECT / "gunicorn.conf.py"
ENV_EXAMPLE = PROJECT / ".env.example"
# The typed helpers both files read the environment through.
ENV_HELPERS = {"env_str", "env_bool", "env_int", "env_list"}


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


ALL_VARIABLES = variables_read(SETTINGS) | variables_read(GUNICORN_CONF) | set(env_example())


def run(path: Path, monkeypatch, **environ) -> dict:
    """Run a configuration file with only `environ` set of the variables it could read."""
    for name in ALL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(path))


def configured(namespace: dict) -> dict:
    """The settings themselves: upper-case names, without functions."""
    return {
        name: value for name, value in namespace.items() if name.isupper() and not callable(value)
    }


# .env.example


def test_env_example_lists_every_variable_the_settings_and_gunicorn_read():
    read = variables_read(SETTINGS) | variables_read(GUNICORN_CONF)
    listed = set(env_example())

    # The scan finds what it should: a scan that finds nothing would pass below.
    assert {"DATABASE_URL", "PRIVATE_MEDIA_ROOT", "GUNICORN_WORKERS"} <= read
    assert read - listed == set(), "missing from .env.example"
    assert listed - read == set(), "in .env.example but read by nothing"


def test_settings_and_gunicorn_read_the_environment_only_through_their_helpers():
    for path in (SETTINGS, GUNICORN_CONF):
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


# pauseai/settings.py


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
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
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
