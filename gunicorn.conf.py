"""gunicorn settings for production: `make serve` or `gunicorn -c gunicorn.conf.py`.

Read from the environment as pauseai/settings.py reads it, and listed in .env.example
with the rest: an empty value means the default, and a malformed one stops gunicorn
before it starts, naming the variable. The two helpers are this file's own, so that it
loads from any folder without importing the site's settings into gunicorn's master.
"""

import multiprocessing
import os


def env_str(name: str, default: str) -> str:
    return os.environ.get(name) or default


def env_int(name: str, default: int, *, minimum: int) -> int:
    raw = env_str(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise ValueError(f"{name} must be a whole number of at least {minimum}, not {raw!r}")
    return value


wsgi_app = "pauseai.wsgi:application"
bind = env_str("GUNICORN_BIND", "127.0.0.1:8000")
# gunicorn's advice: two workers per core, plus one.
workers = env_int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1, minimum=1)
accesslog = "-"
errorlog = "-"
# Behind a reverse proxy that terminates TLS; keep slow clients from holding workers.
timeout = 30
# The proxy's address: only its X-Forwarded-Proto is believed.
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1")
