"""The mail worker's round: send what the outbox holds, oldest first, once each.

A message is sent, marked sent and logged in one transaction, under a lock on its row,
so two workers never send it twice. When it cannot be sent, what happens depends on
whose fault it is:

- The server did not answer, refused the connection, or refused for now (a 4xx to
  the sender or the data, a timeout, a dropped connection): the round stops and the
  message stays first in line. The worker waits longer and longer before it tries
  again (worker.py); nothing behind it goes first, so once the server is back every
  message goes out in the order it was queued.
- The server refused a recipient for now (a 4xx to RCPT: a full mailbox, greylisting):
  that message waits, longer each time, and so does every later message to the
  same address, so one person's messages still arrive in order; others go on.
- The server refused the message for good (a 5xx to every recipient, or to the data):
  it is marked failed at once, as it is when it has not gone out after
  MAIL_RETRY_HOURS. The oversight team sees failed messages in the admin (recipient,
  subject, attempts, the last error) and can send them again.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from post_office.models import STATUS, Email, Log

logger = logging.getLogger(__name__)

UNSENT = (STATUS.queued, STATUS.requeued)
# A message a recipient refused for now waits this long, doubled each time, at most
# the last.
RECIPIENT_WAITS = (timedelta(minutes=1), timedelta(hours=1))


class Fault(Enum):
    SERVER = "server"
    RECIPIENT_FOR_NOW = "recipient for now"
    FOR_GOOD = "for good"


def fault_of(error: Exception) -> Fault:
    """Whose fault a failed send is (module docstring)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        if codes and all(code >= 500 for code in codes):
            return Fault.FOR_GOOD
        return Fault.RECIPIENT_FOR_NOW
    if isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500:
        return Fault.FOR_GOOD
    # Refused or unanswered connections, timeouts, 4xx, a sender or login refused
    # (the server's or our settings' fault: no message would get through).
    return Fault.SERVER


@dataclass
class Round:
    sent: int = 0
    failed: int = 0
    waiting: int = 0
    server_at_fault: bool = False
    error: str = ""


def unsent():
    return Email.objects.filter(status__in=UNSENT)


def due(now):
    return unsent().filter(Q(scheduled_time__isnull=True) | Q(scheduled_time__lte=now))


def deliver_due(*, limit: int = 100) -> Round:
    """One round: the due messages, oldest first, until none is left, `limit` were tried,
    or the server is at fault."""
    result = Round()
    now = timezone.now()
    # Addresses with a message waiting for its turn: their later messages wait behind it.
    held = {address.lower() for email in unsent().exclude(pk__in=due(now)) for address in email.to}
    connection = get_connection(settings.MAIL_TRANSPORT, fail_silently=False)
    skipped: list[int] = []
    try:
        for _attempt in range(limit):
            with transaction.atomic():
                email = (
                    due(now)
                    .exclude(pk__in=skipped)
                    .order_by("created", "pk")
                    .select_for_update(skip_locked=True, of=("self",))
                    .first()
                )
                if email is None:
                    break
                recipients = {address.lower() for address in email.to}
                if recipients & held:
                    skipped.append(email.pk)
                    continue
                fault = send(email, connection)
            if fault is None:
                result.sent += 1
                continue
            close_quietly(connection)
            if fault is Fault.SERVER:
                result.server_at_fault = True
                result.error = last_error(email)
                break
            if fault is Fault.RECIPIENT_FOR_NOW:
                result.waiting += 1
                held |= recipients
            else:
                result.failed += 1
    finally:
        close_quietly(connection)
    return result


def send(email: Email, connection) -> Fault | None:
    """Send one message (its row locked by the caller) and record what happened."""
    now = timezone.now()
    # post-office's number_of_retries counts the attempts that failed.
    failures = (email.number_of_retries or 0) + 1
    try:
        # Opens the connection for the round's first message (a no-op once open); the
        # transport's calls wait at most EMAIL_TIMEOUT each.
        connection.open()
        connection.send_messages([email.email_message()])
    except Exception as error:  # Whatever the transport raises, the message is kept.
        fault = fault_of(error)
        logger.warning("Could not send message %s to %s: %r", email.pk, email.to, error)
        Log.objects.create(
            email=email,
            status=STATUS.failed,
            message=in_words(error)[:2000],
            exception_type=type(error).__name__,
        )
        given_up = fault is Fault.FOR_GOOD or (
            email.created < now - timedelta(hours=settings.MAIL_RETRY_HOURS)
        )
        wait = min(RECIPIENT_WAITS[0] * 2 ** (failures - 1), RECIPIENT_WAITS[1])
        Email.objects.filter(pk=email.pk).update(
            status=STATUS.failed if given_up else STATUS.requeued,
            number_of_retries=failures,
            scheduled_time=now + wait if fault is Fault.RECIPIENT_FOR_NOW else None,
            last_updated=now,
        )
        return Fault.FOR_GOOD if given_up else fault
    Email.objects.filter(pk=email.pk).update(status=STATUS.sent, last_updated=now)
    Log.objects.create(email=email, status=STATUS.sent, message="")
    return None


def in_words(error: Exception) -> str:
    """What the server said, as the oversight team reads it: "550 5.1.1 No such user"
    rather than Python's (550, b'5.1.1 No such user')."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {as_text(text)}"
            for address, (code, text) in error.recipients.items()
        )
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {as_text(error.smtp_error)}"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def as_text(reply) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)


def last_error(email: Email) -> str:
    log = email.logs.filter(status=STATUS.failed).order_by("-date", "-pk").first()
    return log.message if log else ""


def close_quietly(connection) -> None:
    """Close the transport's connection, whatever state a failure left it in."""
    try:
        connection.close()
    except Exception:  # A hung or broken server: the socket is closed all the same.
        sock = getattr(getattr(connection, "connection", None), "sock", None)
        if sock is not None:
            sock.close()
        connection.connection = None


def send_again(emails) -> int:
    """The oversight team's "send again": back in line, at its place by age."""
    return emails.exclude(status=STATUS.sent).update(
        status=STATUS.requeued, scheduled_time=None, last_updated=timezone.now()
    )
