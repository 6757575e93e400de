"""The worker delivers what was queued while the mail server was down: sign-ups through
nginx answer at once while nothing listens on the mail server's port, then while it
refuses, and their confirmations arrive once it accepts, each once, in order."""

import time

import pytest

from deploy.tests.conftest import setting
from deploy.tests.site import form_of, post_form
from tests.faults import MailServer


@pytest.fixture
def mail_server():
    server = MailServer(port=int(setting("SMTP_PORT")))
    yield server
    server.__exit__()


def sign_up(deployment, email):
    jar, token = form_of(deployment.nginx, "/en/accounts/signup/")
    started = time.monotonic()
    answer = post_form(
        deployment.nginx,
        "/en/accounts/signup/",
        jar,
        token,
        {
            "full_name": "Ada Lovelace",
            "email": email,
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    return answer, time.monotonic() - started


def test_the_worker_delivers_what_was_queued_while_the_mail_server_was_down(
    deployment, mail_server
):
    # Down: nothing listens on its port.
    first, first_seconds = sign_up(deployment, "first@deploy-check.example.org")
    time.sleep(3)
    mail_server.__enter__()
    mail_server.refuse()
    second, second_seconds = sign_up(deployment, "second@deploy-check.example.org")
    time.sleep(3)
    assert mail_server.received == [], "sent while the server refused"

    mail_server.accept()
    deadline = time.monotonic() + 60
    while len(mail_server.received) < 2:
        assert time.monotonic() < deadline, f"delivered: {mail_server.received}"
        time.sleep(0.5)
    time.sleep(3)

    assert (first.status, second.status) == (302, 302)
    assert max(first_seconds, second_seconds) < 5
    recipients = [recipients for recipients, _content in mail_server.received]
    assert recipients == [
        ["first@deploy-check.example.org"],
        ["second@deploy-check.example.org"],
    ], "not each once, in order"
