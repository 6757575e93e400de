"""No message is lost: every message is written to the outbox with the change it tells
of, and the mail worker sends it once, oldest first, through a mail server that refuses,
hangs or is not there, for as long as it takes (MAIL_RETRY_HOURS)."""

import time
from datetime import timedelta

import pytest
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from post_office.models import STATUS, Email

from outbox.delivery import deliver_due, send_again
from outbox.worker import FIRST_WAIT_SECONDS, Worker
from tests.faults import closed_port, silent_server
from tests.outbox.conftest import sending_through

pytestmark = pytest.mark.django_db


def queue(subject, to="ann@example.org"):
    send_mail(subject, "Body", None, [to])


def test_a_message_is_queued_with_the_change_and_dropped_with_its_rollback(smtp):
    with transaction.atomic():
        queue("Kept")
    with pytest.raises(RuntimeError), transaction.atomic():
        queue("Rolled back")
        raise RuntimeError("the change fails")

    deliver_due()

    assert smtp.subjects() == ["Kept"]


def test_a_message_waits_while_the_server_refuses_and_goes_once_it_accepts(smtp):
    smtp.refuse()
    for number in range(1, 6):
        queue(f"Message {number}", to=f"person{number}@example.org")

    for _round in range(3):
        result = deliver_due()
        assert result.server_at_fault
        assert "421" in result.error

    assert smtp.received == []
    first = Email.objects.order_by("created", "pk").first()
    assert first.number_of_retries == 3
    assert first.status == STATUS.requeued
    # Nothing behind it was tried: it keeps its place.
    assert Email.objects.exclude(pk=first.pk).filter(number_of_retries__gt=0).count() == 0

    smtp.accept()
    assert deliver_due().sent == 5
    assert deliver_due().sent == 0

    assert smtp.subjects() == [f"Message {number}" for number in range(1, 6)]
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}


@pytest.mark.parametrize("fault", ["hung", "not there"])
def test_a_round_against_a_hung_or_absent_server_ends_within_its_deadline(settings, fault):
    queue("Waiting")
    with silent_server() as hung_port:
        sending_through(settings, hung_port if fault == "hung" else closed_port(), timeout=1)
        started = time.monotonic()
        result = deliver_due()
        took = time.monotonic() - started

    assert result.server_at_fault
    assert took < 5
    assert Email.objects.get().status == STATUS.requeued


def test_a_recipient_refused_for_good_fails_at_once_and_the_rest_go(smtp):
    smtp.refuse_recipient("nobody@example.org", "550 5.1.1 No such user")
    queue("To nobody", to="nobody@example.org")
    queue("To ann")

    result = deliver_due()

    assert (result.sent, result.failed) == (1, 1)
    assert smtp.subjects() == ["To ann"]
    refused = Email.objects.get(subject="To nobody")
    assert refused.status == STATUS.failed
    assert "No such user" in refused.logs.get(status=STATUS.failed).message


def test_a_recipient_refused_for_now_waits_and_their_later_mail_waits_behind_it(smtp):
    smtp.refuse_recipient("full@example.org", "452 4.2.2 Mailbox full")
    queue("First to full", to="full@example.org")
    queue("To ann")
    queue("Second to full", to="full@example.org")

    result = deliver_due()

    assert (result.sent, result.waiting) == (1, 1)
    assert smtp.subjects() == ["To ann"]
    smtp.accept()
    Email.objects.filter(status=STATUS.requeued).update(scheduled_time=timezone.now())
    deliver_due()
    assert smtp.subjects() == ["To ann", "First to full", "Second to full"]


def test_a_message_not_sent_after_the_retry_hours_is_marked_failed(settings, smtp):
    smtp.refuse()
    queue("Too old")
    Email.objects.update(created=timezone.now() - timedelta(hours=settings.MAIL_RETRY_HOURS + 1))

    deliver_due()

    assert Email.objects.get().status == STATUS.failed


def test_send_again_puts_a_failed_message_back_in_line(smtp):
    smtp.refuse_recipient("ann@example.org", "550 5.7.1 Refused")
    queue("Refused once")
    deliver_due()
    smtp.accept()

    assert send_again(Email.objects.all()) == 1
    deliver_due()

    assert smtp.subjects() == ["Refused once"]
    assert Email.objects.get().status == STATUS.sent


@pytest.mark.django_db(transaction=True)
def test_the_worker_waits_longer_each_time_the_server_is_at_fault_and_resets_after(smtp):
    smtp.refuse()
    queue("Waiting")
    worker = Worker(longest_wait=10)

    pauses = [worker.round() for _ in range(5)]
    smtp.accept()
    after = worker.round()

    first = FIRST_WAIT_SECONDS
    assert pauses == [first, first * 2, first * 4, 10, 10]
    assert after == worker.poll
    assert smtp.subjects() == ["Waiting"]
