"""gunicorn settings for production: `make serve` or `gunicorn -c gunicorn.conf.py`.

Read from the environment with the settings' helpers (common/env.py), and
listed in .env.example with the rest: an empty value means the default, and a
malformed one stops gunicorn before it starts, naming the variable. The helpers load
without the site's settings, so gunicorn's master stays free of them.
"""

import multiprocessing
import sys
from pathlib import Path

# The project folder, wherever gunicorn is started from.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common.env import env_int, env_str

wsgi_app = "pauseai.wsgi:application"
bind = env_str("GUNICORN_BIND", "127.0.0.1:8000")
# gunicorn's advice: two workers per core, plus one.
workers = env_int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1, minimum=1)
# One line a request on stdout (journald under systemd): the client as nginx saw it,
# the request, the status, the bytes sent and how long it took in milliseconds.
accesslog = "-"
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
errorlog = "-"
# Behind a reverse proxy that terminates TLS; keep slow clients from holding workers.
timeout = 30
# The proxy's address: only its X-Forwarded-Proto is believed.
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1")
