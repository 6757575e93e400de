"""Email: the outbox, its worker and transport, deadlines and per-mailbox caps."""

from pathlib import Path

from common.env import env_bool, env_int, env_str
from pauseai.settings.core import BASE_DIR, DEBUG

# Email. Every message, the site's own and allauth's, goes into the outbox: a table,
# written in the same transaction as the change it tells of (django-post-office's
# queue), and sent by the mail worker (`manage.py worker`, outbox/worker.py), which
# sends the oldest first and keeps trying while the mail server is down. `make run` and
# `make serve` start it; production runs deploy/systemd/pauseai-registry-worker.service.
EMAIL_BACKEND = "post_office.EmailBackend"
# How the worker sends: the console (printed in the terminal) in development, SMTP in
# production. The EMAIL_BACKEND variable picks another (Django's file backend, say).
MAIL_TRANSPORT = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
POST_OFFICE = {
    "BACKENDS": {"default": MAIL_TRANSPORT},
    # Oldest first: messages arrive in the order they were queued.
    "SENDING_ORDER": ["created", "id"],
    "MESSAGE_ID_ENABLED": True,
    "MESSAGE_ID_FQDN": "pauseai.info",
}
# Each SMTP call (connecting, every command) waits at most this many seconds.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
# A message that has not gone out after this many hours is marked failed (the admin's
# Outbox shows it, with "Send again"); until then the worker keeps trying.
MAIL_RETRY_HOURS = env_int("MAIL_RETRY_HOURS", 48, minimum=1)
# /healthz says "late" when a message has waited longer than this without a failed
# attempt (the worker is not running?).
MAIL_LATE_SECONDS = env_int("MAIL_LATE_SECONDS", 300, minimum=1)
# What anyone can make the site send to one mailbox (ann+x@… and a.n.n@gmail.com count as
# ann@…): sign-up, password-reset and change-of-address messages and invitations,
# together (outbox/caps.py). The oversight team's own addresses are not capped.
MAIL_PER_MAILBOX_PER_HOUR = env_int("MAIL_PER_MAILBOX_PER_HOUR", 5, minimum=1)
MAIL_PER_MAILBOX_PER_DAY = env_int("MAIL_PER_MAILBOX_PER_DAY", 15, minimum=1)
# Where Django's file backend (EMAIL_BACKEND=django.core.mail.backends.filebased.
# EmailBackend) writes each message, one file apiece.
EMAIL_FILE_PATH = Path(env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-emails")))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "PauseAI <noreply@pauseai.info>")
