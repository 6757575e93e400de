"""Per-mailbox caps: how many messages anyone can make the site send to one mailbox.

Sign-up, password reset, a change of address and an invitation each have limits of
their own (allauth's rate limits, the invitations' daily limits); counted together, and
per mailbox rather than per exact address, they are what a stranger can make the site
send to someone. Their senders (accounts.adapters for allauth's, groups.services for
invitations) ask `admit()` before queuing one. Messages the oversight team's decisions
send (to applicants, requesters, organizers) are never capped, nor is mail to the
team's own addresses (staff accounts).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from outbox.mailboxes import mailbox
from outbox.models import MailboxUse

logger = logging.getLogger(__name__)


def admit(address: str) -> bool:
    """Whether a message may be queued for this address now; if so, it is counted."""
    if is_staff_address(address):
        return True
    box = mailbox(address)
    now = timezone.now()
    used = MailboxUse.objects.filter(mailbox=box, queued_at__gte=now - timedelta(days=1)).aggregate(
        day=Count("pk"), hour=Count("pk", filter=Q(queued_at__gte=now - timedelta(hours=1)))
    )
    if (
        used["hour"] >= settings.MAIL_PER_MAILBOX_PER_HOUR
        or used["day"] >= settings.MAIL_PER_MAILBOX_PER_DAY
    ):
        logger.warning(
            "Not queued: %s has had %d messages this hour and %d today",
            box,
            used["hour"],
            used["day"],
        )
        return False
    MailboxUse.objects.create(mailbox=box)
    return True


def is_staff_address(address: str) -> bool:
    return (
        get_user_model()
        ._default_manager.filter(is_staff=True, is_active=True, email__iexact=address.strip())
        .exists()
    )


def forget_old_uses() -> int:
    """Rows older than the longest cap's period count for nothing."""
    deleted, _ = MailboxUse.objects.filter(
        queued_at__lt=timezone.now() - timedelta(days=1)
    ).delete()
    return deleted
