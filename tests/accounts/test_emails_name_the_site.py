"""allauth's emails greet and thank in PauseAI's name, never in the name of the host the
page was reached at ("Bonjour, c'est 127.0.0.1:8000 !")."""

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"


@pytest.mark.parametrize(
    ("language", "greeting", "thanks"),
    [
        ("en", "Hello from PauseAI!", "Thank you for using PauseAI!"),
        ("fr", "Bonjour de la part de PauseAI\u00a0!", "Merci d'utiliser PauseAI\u00a0!"),
    ],
)
def test_a_confirmation_greets_from_pauseai_not_from_the_host(client, language, greeting, thanks):
    client.post(
        f"/{language}/accounts/signup/",
        {
            "full_name": "Ann Example",
            "email": "ann@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        HTTP_HOST="127.0.0.1:8000",
    )

    (message,) = mail.outbox
    lines = message.body.splitlines()
    assert lines[0] == greeting
    assert thanks in lines
    assert message.subject.startswith("[PauseAI] ")


def test_a_password_reset_greets_from_pauseai(client, django_user_model):
    django_user_model.objects.create_user("ann", "ann@example.org", PASSWORD)

    client.post("/en/accounts/password/reset/", {"email": "ann@example.org"})

    (message,) = mail.outbox
    assert message.body.startswith("Hello from PauseAI!")
