"""The outbox's part of /healthz: how old the oldest message not sent yet is, and whether
the mail server is at fault."""

from django.conf import settings
from django.db import connections
from django.utils import timezone
from post_office.models import STATUS

from outbox.delivery import unsent


def mail_health() -> dict:
    """{"state": "ok" | "late" | "failing", "oldest_unsent_mail_seconds": n}: "failing"
    when the oldest message's last attempt failed (the mail server refuses or does not
    answer), "late" when it has waited longer than MAIL_LATE_SECONDS without a failure
    (is the worker running?)."""
    try:
        oldest = unsent().order_by("created", "pk").first()
        if oldest is None:
            return {"state": "ok", "oldest_unsent_mail_seconds": 0}
        age = (timezone.now() - oldest.created).total_seconds()
        last_log = oldest.logs.order_by("-date", "-pk").first()
    finally:
        # A thread of /healthz's own: its connection goes with it.
        connections.close_all()
    if last_log is not None and last_log.status == STATUS.failed:
        state = "failing"
    elif age > settings.MAIL_LATE_SECONDS:
        state = "late"
    else:
        state = "ok"
    return {"state": state, "oldest_unsent_mail_seconds": int(age)}
