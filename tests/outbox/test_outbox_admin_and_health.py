"""The oversight team sees what the outbox could not send (recipient, subject, attempts,
the last error) and sends it again; /healthz says how old the oldest unsent message is
and whether the mail server is at fault; the reminders only queue."""

from datetime import timedelta

import pytest
from django.core.mail import send_mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from post_office.models import STATUS, Email

from outbox.delivery import deliver_due
from tests.factories import MicrograntRequestFactory
from tests.faults import silent_server
from tests.outbox.conftest import sending_through

pytestmark = pytest.mark.django_db

OUTBOX = "/admin/outbox/outboxmessage/"


def queue(subject, to="ann@example.org"):
    send_mail(subject, "Body", None, [to])


def test_the_team_sees_a_failed_message_with_its_attempts_and_last_error(oversight_client, smtp):
    smtp.refuse_recipient("gone@example.org", "550 5.1.1 No such user here")
    queue("Your grant is approved", to="gone@example.org")
    deliver_due()

    response = oversight_client.get(OUTBOX, {"status": "failed"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "gone@example.org" in page
    assert "Your grant is approved" in page
    assert "No such user here" in page
    assert response.context["cl"].result_count == 1


def test_the_outbox_changelist_runs_the_same_queries_for_any_number_of_messages(
    oversight_client, smtp
):
    smtp.refuse()
    queue("One")
    deliver_due()
    with CaptureQueriesContext(connection) as few:
        oversight_client.get(OUTBOX)
    for number in range(20):
        queue(f"More {number}")
    deliver_due()
    with CaptureQueriesContext(connection) as many:
        response = oversight_client.get(OUTBOX)

    assert response.context["cl"].result_count == 21
    # The session and user, the second factor, the count and the page of rows with
    # their last error (a subquery): the same however many rows.
    assert len(many) == len(few)


def test_send_again_from_the_admin_puts_the_message_back_and_the_worker_sends_it(
    oversight_client, smtp
):
    smtp.refuse_recipient("ann@example.org", "550 5.7.1 Not now")
    queue("Refused")
    deliver_due()
    failed = Email.objects.get()
    smtp.accept()

    response = oversight_client.post(
        OUTBOX, {"action": "send_again", "_selected_action": [failed.pk]}, follow=True
    )
    deliver_due()

    assert "1 message is back in the outbox." in response.content.decode()
    assert smtp.subjects() == ["Refused"]


def test_the_team_cannot_add_delete_or_edit_messages(oversight_client, smtp):
    queue("Kept as it was")
    message = Email.objects.get()

    assert oversight_client.get(f"{OUTBOX}add/").status_code == 403
    assert (
        oversight_client.post(f"{OUTBOX}{message.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert oversight_client.get(f"{OUTBOX}{message.pk}/change/").status_code == 200
    assert Email.objects.get().subject == "Kept as it was"


def test_an_organizer_cannot_see_the_outbox(client):
    from tests.factories import UserFactory

    user = UserFactory(email="orga@example.org", password="a long enough passphrase")
    client.force_login(user)

    assert client.get(OUTBOX).status_code in (302, 403)


# /healthz


@pytest.mark.django_db(transaction=True)
def test_health_says_the_mail_is_ok_when_nothing_waits(client):
    answer = client.get("/healthz").json()

    assert answer["mail"] == "ok"
    assert answer["oldest_unsent_mail_seconds"] == 0


@pytest.mark.django_db(transaction=True)
def test_health_names_the_mail_server_when_the_oldest_message_failed_to_go(client, smtp):
    smtp.refuse()
    queue("Waiting")
    Email.objects.update(created=timezone.now() - timedelta(minutes=10))
    deliver_due()

    response = client.get("/healthz")

    assert response.status_code == 200  # the site serves; the mail is late
    assert response.json()["mail"] == "failing"
    assert response.json()["oldest_unsent_mail_seconds"] >= 600
    assert response.json()["database"] == "ok"


@pytest.mark.django_db(transaction=True)
def test_health_says_late_when_a_message_waits_untried(client, settings):
    queue("Nobody sends me")
    Email.objects.update(created=timezone.now() - timedelta(seconds=settings.MAIL_LATE_SECONDS + 5))

    assert client.get("/healthz").json()["mail"] == "late"


def test_the_reminders_only_queue_and_finish_at_once_with_the_mail_server_hung(settings):
    end = timezone.localdate() - timedelta(days=40)
    MicrograntRequestFactory(status="paid", start_date=end - timedelta(days=10), end_date=end)
    with silent_server() as port:
        sending_through(settings, port, timeout=30)
        call_command("send_microgrant_reminders")

    assert Email.objects.filter(status=STATUS.queued).count() == 1
