"""gunicorn settings for production: `make serve` or `gunicorn -c gunicorn.conf.py`."""

import multiprocessing
import os

wsgi_app = "pauseai.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
accesslog = "-"
errorlog = "-"
# Behind a reverse proxy that terminates TLS; keep slow clients from holding workers.
timeout = 30
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
