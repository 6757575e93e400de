from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Outbox")

    def ready(self):
        from common import availability, pagecache
        from outbox import health

        # The outbox's own table (post-office's queue is never public either).
        pagecache.never_public("outbox")

        # /healthz says how old the oldest message not sent yet is.
        availability.register_health_check("mail", health.mail_health, critical=False)
