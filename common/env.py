"""Reading the environment: the typed helpers pauseai/settings/ and gunicorn.conf.py share.

An empty value means the default (as .env.example writes every variable); a
malformed one stops start-up naming the variable (healthchecks' hc/settings.py).
Imports nothing of Django's but its exception, so gunicorn's master can use it
without loading the site's settings.
"""

import os

from django.core.exceptions import ImproperlyConfigured


class BadEnvironmentValue(ImproperlyConfigured, ValueError):
    """A variable holds something that is not what it must be."""


def env_str(name: str, default: str) -> str:
    return os.environ.get(name) or default


def env_bool(name: str, default: bool) -> bool:
    raw = env_str(name, "")
    if raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise BadEnvironmentValue(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """A whole number of at least `minimum`: counts, sizes and seconds are never negative."""
    raw = env_str(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise BadEnvironmentValue(
            f"{name} must be a whole number of at least {minimum}, not {raw!r}"
        )
    return value


def env_float(name: str, default: float, *, minimum: float = 0.0) -> float:
    """A number of at least `minimum` (seconds, with a fraction)."""
    raw = env_str(name, "")
    if raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = None
    if value is None or not value >= minimum or value == float("inf"):
        raise BadEnvironmentValue(f"{name} must be a number of at least {minimum:g}, not {raw!r}")
    return value


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]
