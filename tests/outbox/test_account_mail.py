"""Account mail through a mail server that refuses: a sign-up answers as usual and its
confirmation arrives once the server takes mail again; signing up again before confirming
sends the confirmation again; a mailbox cannot be flooded through +tags or dots."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from post_office.models import Email

from outbox import caps
from outbox.delivery import deliver_due
from outbox.mailboxes import mailbox
from tests.accounts.test_accounts import CONFIRMATION_LINK, member, sign_up

pytestmark = pytest.mark.django_db


def test_a_sign_up_while_the_mail_server_refuses_answers_and_its_confirmation_comes_later(
    client, smtp
):
    smtp.refuse()

    response = sign_up(client, "ada@example.org")
    assert deliver_due().server_at_fault

    assert response.status_code == 302
    assert get_user_model().objects.filter(email="ada@example.org").exists()
    assert smtp.received == []
    smtp.accept()
    deliver_due()
    ((recipients, _content),) = smtp.received
    assert recipients == ["ada@example.org"]


def test_signing_up_again_before_confirming_sends_the_confirmation_again(client, mailoutbox):
    sign_up(client, "ada@example.org")
    mailoutbox.clear()
    # Past the three minutes allauth waits before it sends a confirmation again.
    cache.clear()

    response = sign_up(Client(), "ada@example.org")

    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.to == ["ada@example.org"]
    assert CONFIRMATION_LINK.search(message.body), message.subject
    assert "Already Exists" not in message.subject
    assert EmailAddress.objects.filter(email="ada@example.org").count() == 1


def test_signing_up_again_with_a_confirmed_address_still_says_the_account_exists(
    client, mailoutbox
):
    member("ada@example.org")

    sign_up(client, "ada@example.org")

    (message,) = mailoutbox
    assert message.subject == "[PauseAI] Account Already Exists"


@pytest.mark.parametrize(
    ("address", "box"),
    [
        ("Ann@Example.org", "ann@example.org"),
        ("ann+pauseai@example.org", "ann@example.org"),
        ("a.n.n+x@gmail.com", "ann@gmail.com"),
        ("A.Nn@googlemail.com", "ann@gmail.com"),
        ("a.nn@example.org", "a.nn@example.org"),
    ],
)
def test_addresses_that_reach_one_mailbox_count_as_one(address, box):
    assert mailbox(address) == box


def test_password_resets_to_tagged_addresses_stop_at_the_mailboxs_caps(
    client, settings, mailoutbox
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "1000/m/ip"}
    member("ann@gmail.com")
    for number in range(settings.MAIL_PER_MAILBOX_PER_HOUR + 5):
        client.post("/en/accounts/password/reset/", {"email": f"a.n.n+{number}@gmail.com"})

    assert len(mailoutbox) == settings.MAIL_PER_MAILBOX_PER_HOUR
    assert Email.objects.count() == settings.MAIL_PER_MAILBOX_PER_HOUR


def test_the_oversight_teams_addresses_are_not_capped(settings):
    get_user_model().objects.create_user("olga", "olga@pauseai.info", "x", is_staff=True)

    admitted = [
        caps.admit("olga+x@pauseai.info") or caps.admit("olga@pauseai.info")
        for _ in range(settings.MAIL_PER_MAILBOX_PER_DAY + 1)
    ]

    assert all(admitted)
