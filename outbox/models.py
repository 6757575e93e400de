"""The outbox is django-post-office's: every message in its Email table, written in the
same transaction as the change it tells of, and sent by the mail worker (delivery.py).
What is the registry's own: the record the per-mailbox caps count."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from post_office.models import Email


class MailboxUse(models.Model):
    """A message queued for a mailbox (outbox.mailboxes.mailbox): one row a recipient."""

    mailbox = models.CharField(_("mailbox"), max_length=254)
    queued_at = models.DateTimeField(_("queued"), auto_now_add=True)

    class Meta:
        verbose_name = _("message to a mailbox")
        verbose_name_plural = _("messages to a mailbox")
        indexes = [
            models.Index(fields=["mailbox", "queued_at"]),
            # For the worker's clearing of rows the caps no longer count.
            models.Index(fields=["queued_at"]),
        ]

    def __str__(self):
        return self.mailbox


class OutboxMessage(Email):
    """post-office's Email as the oversight team sees it in the admin, under the Outbox."""

    class Meta:
        proxy = True
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created", "-pk"]
