"""People sign up with an email address they confirm, log in, reset a forgotten
password and change their address; "Sign in with Discord" appears when set up.

Paths are written out: they are the public addresses that emails link to.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from tests.factories import UserFactory
from tests.test_settings import SETTINGS
from tests.test_settings import run as run_settings

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"
CONFIRMATION_LINK = re.compile(r"http://testserver(/\w\w/accounts/confirm-email/[-:\w]+/)")
RESET_LINK = re.compile(r"http://testserver(/(?:en|nl)/accounts/password/reset/key/[-\w]+/)")
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
DISCORD_APP = {
    "discord": {
        "APPS": [{"client_id": "1234567890", "secret": "discord-secret"}],
        "SCOPE": ["identify", "email"],
    }
}


def member(email="olga@example.org", password=PASSWORD):
    """Someone who signed up earlier and confirmed their address."""
    user = UserFactory(email=email, password=password)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def sign_up(client, email, *, language="en", password=PASSWORD, password2=None):
    return client.post(
        f"/{language}/accounts/signup/",
        {
            "full_name": "Ada Lovelace",
            "email": email,
            "password1": password,
            "password2": password2 or password,
        },
    )


def log_in(client, email, password=PASSWORD, *, language="en"):
    return client.post(f"/{language}/accounts/login/", {"login": email, "password": password})


def link_in(message, pattern):
    match = pattern.search(message.body)
    assert match, message.body
    return match.group(1)


def is_logged_in(client):
    return "_auth_user_id" in client.session


def rate_limit_amount(action, per):
    """How many attempts ACCOUNT_RATE_LIMITS allows for `action` per ip/key."""
    for rate in django_settings.ACCOUNT_RATE_LIMITS[action].split(","):
        amount, _duration, rate_per = rate.split("/")
        if rate_per == per:
            return int(amount)
    raise AssertionError(f"no {per} limit for {action}")


# Signing up and confirming the address


def test_new_member_confirms_their_address_before_they_can_log_in(client, mailoutbox):
    response = sign_up(client, "ada@example.org")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    user = get_user_model().objects.get(email="ada@example.org")
    assert user.username  # made up by allauth; nobody typed one
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ada@example.org"]
    assert mailoutbox[0].subject == "[PauseAI] Please Confirm Your Email Address"
    confirmation_path = link_in(mailoutbox[0], CONFIRMATION_LINK)

    # Not yet: logging in leads back to "check your email".
    client.logout()
    response = log_in(client, "ada@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert not is_logged_in(client)

    # Opening the link only shows a button, so mail scanners confirm nothing.
    response = client.get(confirmation_path)
    assert response.status_code == 200
    assert "ada@example.org" in response.content.decode()
    assert not EmailAddress.objects.get(user=user).verified

    response = client.post(confirmation_path)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/"
    assert EmailAddress.objects.get(user=user).verified

    response = log_in(client, "ada@example.org")
    assert response.status_code == 302
    # Her own page: her applications, groups and invitations.
    assert response["Location"] == "/en/my/"
    assert is_logged_in(client)


@pytest.mark.parametrize(
    ("language", "subject", "confirm"),
    [
        ("fr", "[PauseAI] Confirmez votre adresse e-mail", "Confirmer"),
        ("de", "[PauseAI] Bitte bestätige deine E-Mail-Adresse", "Bestätigen"),
    ],
)
def test_sign_up_in_french_or_german_sends_the_email_and_its_link_in_that_language(
    client, mailoutbox, language, subject, confirm
):
    response = sign_up(client, "anna@example.org", language=language)

    assert response["Location"] == f"/{language}/accounts/confirm-email/"
    (message,) = mailoutbox
    assert message.subject == subject
    confirmation_path = link_in(message, CONFIRMATION_LINK)
    assert confirmation_path.startswith(f"/{language}/accounts/confirm-email/")
    html = client.get(confirmation_path).content.decode()
    assert f'<html lang="{language}">' in html and confirm in html


def test_sign_up_on_the_dutch_pages_sends_a_dutch_email_with_dutch_links(client, mailoutbox):
    response = sign_up(client, "anna@example.org", language="nl")

    assert response["Location"] == "/nl/accounts/confirm-email/"
    (message,) = mailoutbox
    assert message.subject == "[PauseAI] Bevestig je e-mailadres"
    assert "Om te bevestigen dat dit correct is, bezoek" in message.body
    confirmation_path = link_in(message, CONFIRMATION_LINK)
    assert confirmation_path.startswith("/nl/accounts/confirm-email/")

    response = client.get(confirmation_path)
    assert 'lang="nl"' in response.content.decode()
    assert "Bevestigen" in response.content.decode()

    response = client.post(confirmation_path)
    assert response["Location"] == "/nl/accounts/login/"
    assert EmailAddress.objects.get(email="anna@example.org").verified


@pytest.mark.parametrize(
    ("email", "password", "password2", "field", "error"),
    [
        ("not-an-email", PASSWORD, PASSWORD, "email", "Enter a valid email address."),
        (
            "bea@example.org",
            PASSWORD,
            "another long passphrase",
            "password2",
            "You must type the same password each time.",
        ),
        ("bea@example.org", "x7!q", "x7!q", "password1", "This password is too short."),
    ],
)
def test_bad_sign_up_shows_the_error_at_the_field_and_keeps_the_address(
    client, mailoutbox, email, password, password2, field, error
):
    response = sign_up(client, email, password=password, password2=password2)

    assert response.status_code == 200
    html = response.content.decode()
    # The message sits in the field's own error list, which the input points to.
    assert re.search(rf'<ul class="errorlist" id="id_{field}_error"><li>{error}', html), html
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error"', html)
    assert f'value="{email}"' in html
    assert not get_user_model().objects.filter(email=email).exists()
    assert mailoutbox == []


def test_sign_up_with_an_address_in_use_looks_like_any_sign_up_and_tells_its_owner(
    client, mailoutbox
):
    """Enumeration prevention: the page cannot tell whether an address has an account."""
    owner = member("taken@example.org")

    response = sign_up(client, "taken@example.org")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert get_user_model().objects.filter(email__iexact="taken@example.org").count() == 1
    (message,) = mailoutbox
    assert message.to == [owner.email]
    assert message.subject == "[PauseAI] Account Already Exists"


# Every account page in the site's look


@pytest.mark.parametrize(
    "path",
    [
        "login/",
        "signup/",
        "confirm-email/",
        "confirm-email/no-such-key/",
        "password/reset/",
        "password/reset/done/",
        "password/reset/key/1-no-such-key/",
        "discord/login/",
    ],
)
def test_account_pages_for_visitors_wear_the_sites_header_and_language(client, settings, path):
    settings.SOCIALACCOUNT_PROVIDERS = DISCORD_APP

    response = client.get(f"/nl/accounts/{path}")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert 'class="site-header"' in html
    assert 'class="language-switcher"' in html


@pytest.mark.parametrize("path", ["email/", "password/change/", "3rdparty/", "logout/"])
def test_account_pages_for_members_have_the_account_navigation(client, settings, path):
    settings.SOCIALACCOUNT_PROVIDERS = DISCORD_APP
    client.force_login(member())

    html = client.get(f"/nl/accounts/{path}").content.decode()

    assert 'class="site-header"' in html
    assert 'class="account-nav"' in html
    assert f'href="/nl/accounts/{path}" aria-current="page"' in html


def test_allauths_messages_are_shown_once_on_its_own_pages(client):
    member("olga@example.org")

    log_in(client, "olga@example.org", language="nl")
    html = client.get("/nl/accounts/email/").content.decode()

    assert html.count("Je bent nu ingelogd als olga@example.org.") == 1


# Logging in and out


def test_member_logs_in_with_email_and_sees_their_account_in_the_header(client):
    member("olga@example.org")

    response = log_in(client, "olga@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/en/my/"

    html = client.get("/en/").content.decode()
    assert "olga@example.org" in html
    assert 'href="/en/accounts/email/"' in html
    assert 'href="/en/accounts/logout/"' in html
    assert 'href="/en/accounts/login/"' not in html
    assert 'class="language-switcher"' in html


def test_visitor_sees_log_in_and_sign_up_in_the_header_in_their_language(client):
    for language, _name in django_settings.LANGUAGES:
        html = client.get(f"/{language}/").content.decode()
        assert f'href="/{language}/accounts/login/"' in html
        assert f'href="/{language}/accounts/signup/"' in html
        assert f'href="/{language}/accounts/logout/"' not in html


def test_wrong_password_shows_an_error_and_keeps_the_address(client):
    member("olga@example.org")

    response = log_in(client, "olga@example.org", "not the password")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="form-errors"' in html
    assert "The email address and/or password you specified are not correct." in html
    assert 'value="olga@example.org"' in html
    assert not is_logged_in(client)


def test_log_out_is_a_confirmed_post_that_returns_to_the_home_page(client):
    client.force_login(member())

    response = client.get("/en/accounts/logout/")
    assert response.status_code == 200
    assert is_logged_in(client)

    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert not is_logged_in(client)


def test_login_form_without_a_csrf_token_is_refused():
    member("olga@example.org")
    client = Client(enforce_csrf_checks=True)

    response = log_in(client, "olga@example.org")

    assert response.status_code == 403
    assert not is_logged_in(client)


# Forgotten password


def test_password_reset_link_sets_a_new_password(client, mailoutbox):
    member("olga@example.org")

    response = client.post("/nl/accounts/password/reset/", {"email": "olga@example.org"})

    assert response["Location"] == "/nl/accounts/password/reset/done/"
    (message,) = mailoutbox
    assert message.to == ["olga@example.org"]
    assert message.subject == "[PauseAI] Nieuw wachtwoord"
    reset_path = link_in(message, RESET_LINK)
    assert reset_path.startswith("/nl/accounts/password/reset/key/")

    # allauth moves the key from the address into the session, then shows the form.
    response = client.get(reset_path)
    assert response.status_code == 302
    form_path = response["Location"]
    assert client.get(form_path).status_code == 200
    response = client.post(
        form_path, {"password1": "a brand new passphrase", "password2": "a brand new passphrase"}
    )
    assert response["Location"] == "/nl/accounts/password/reset/key/done/"

    assert log_in(client, "olga@example.org", PASSWORD).status_code == 200
    assert not is_logged_in(client)
    assert log_in(client, "olga@example.org", "a brand new passphrase")["Location"] == "/en/my/"
    assert is_logged_in(client)


def test_password_reset_for_an_unknown_address_looks_the_same_as_for_a_member(client, mailoutbox):
    member("olga@example.org")

    reset_url = "/en/accounts/password/reset/"
    known = client.post(reset_url, {"email": "olga@example.org"}, follow=True)
    unknown = client.post(reset_url, {"email": "nobody@example.org"}, follow=True)

    assert known.redirect_chain == [("/en/accounts/password/reset/done/", 302)]
    assert unknown.redirect_chain == known.redirect_chain
    known_page = CSRF_TOKEN.sub("", known.content.decode())
    assert CSRF_TOKEN.sub("", unknown.content.decode()) == known_page
    # Each address hears about it: a reset link, or "there is no account here".
    assert [message.to for message in mailoutbox] == [["olga@example.org"], ["nobody@example.org"]]
    assert RESET_LINK.search(mailoutbox[0].body)
    assert not RESET_LINK.search(mailoutbox[1].body)


# Rate limits


def test_repeated_wrong_passwords_lock_the_account_even_against_the_right_one(client):
    member("olga@example.org")

    for _attempt in range(rate_limit_amount("login_failed", "key")):
        assert log_in(client, "olga@example.org", "guess").status_code == 200

    response = log_in(client, "olga@example.org", PASSWORD)
    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert not is_logged_in(client)


def test_a_burst_of_logins_from_one_client_is_answered_with_429(client):
    for attempt in range(rate_limit_amount("login", "ip")):
        assert log_in(client, f"guess{attempt}@example.org", "guess").status_code == 200

    assert log_in(client, "one-more@example.org", "guess").status_code == 429


# Changing the address


def test_member_changes_their_address_once_the_new_one_is_confirmed(client, mailoutbox):
    user = member("old@example.org")
    client.force_login(user)

    response = client.post("/en/accounts/email/", {"action_add": "", "email": "new@example.org"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "old@example.org"
    (message,) = mailoutbox
    assert message.to == ["new@example.org"]
    client.post(link_in(message, CONFIRMATION_LINK))
    user.refresh_from_db()
    assert user.email == "new@example.org"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "new@example.org"
    ]


# Sign in with Discord


@pytest.mark.parametrize("page", ["login", "signup"])
def test_login_and_sign_up_pages_offer_discord_when_it_is_configured(client, settings, page):
    settings.SOCIALACCOUNT_PROVIDERS = DISCORD_APP

    html = client.get(f"/en/accounts/{page}/").content.decode()

    assert 'href="/en/accounts/discord/login/?process=login"' in html
    assert "Sign in with Discord" in html


@pytest.mark.parametrize("page", ["login", "signup"])
def test_without_a_discord_app_the_pages_offer_no_discord(client, page):
    html = client.get(f"/en/accounts/{page}/").content.decode()

    assert "/accounts/discord/login/" not in html
    assert "Discord" not in html


def test_discord_sends_people_back_to_the_language_prefixed_callback(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = DISCORD_APP

    response = client.post("/nl/accounts/discord/login/", {"process": "login"})

    assert response.status_code == 302
    authorize = urlsplit(response["Location"])
    assert (authorize.scheme, authorize.netloc, authorize.path) == (
        "https",
        "discord.com",
        "/api/oauth2/authorize",
    )
    query = parse_qs(authorize.query)
    assert query["client_id"] == ["1234567890"]
    assert query["redirect_uri"] == ["http://testserver/nl/accounts/discord/login/callback/"]
    assert set(query["scope"][0].split()) == {"identify", "email"}


# Settings read from the environment


def load_settings(monkeypatch, **environ):
    """The settings as start-up reads them with only `environ` set (tests/test_settings.py)."""
    return run_settings(SETTINGS, monkeypatch, **environ)


def test_discord_app_comes_from_the_environment_only_when_both_values_are_set(monkeypatch):
    configured = load_settings(monkeypatch, DISCORD_CLIENT_ID="1", DISCORD_CLIENT_SECRET="s")
    half = load_settings(monkeypatch, DISCORD_CLIENT_ID="1")

    assert configured["SOCIALACCOUNT_PROVIDERS"] == {
        "discord": {
            "APPS": [{"client_id": "1", "secret": "s"}],
            "SCOPE": ["identify", "email"],
        }
    }
    assert half["SOCIALACCOUNT_PROVIDERS"] == {}


def test_email_is_queued_and_sent_by_the_console_in_development_and_smtp_in_production(monkeypatch):
    development = load_settings(monkeypatch, DEBUG="true")
    production = load_settings(monkeypatch, DEBUG="false", SECRET_KEY="x" * 50)
    overridden = load_settings(
        monkeypatch, DEBUG="false", SECRET_KEY="x" * 50, EMAIL_BACKEND="custom.Backend"
    )

    # Every message goes into the outbox; the worker sends it by the transport.
    for configured in (development, production, overridden):
        assert configured["EMAIL_BACKEND"] == "post_office.EmailBackend"
        assert configured["POST_OFFICE"]["BACKENDS"]["default"] == configured["MAIL_TRANSPORT"]
    assert development["MAIL_TRANSPORT"] == "django.core.mail.backends.console.EmailBackend"
    assert production["MAIL_TRANSPORT"] == "django.core.mail.backends.smtp.EmailBackend"
    assert production["DEFAULT_FROM_EMAIL"] == "PauseAI <noreply@pauseai.info>"
    assert overridden["MAIL_TRANSPORT"] == "custom.Backend"


def test_a_malformed_email_port_stops_start_up(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        load_settings(monkeypatch, EMAIL_PORT="smtp")


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/en/accounts/login/", "Log in"),
        ("/en/accounts/signup/", "Sign up"),
        ("/en/accounts/logout/", "Log out"),
    ],
)
def test_the_account_pages_use_the_headers_words(client, path, words):
    if "logout" in path:
        client.force_login(UserFactory())
    html = client.get(path).content.decode()

    assert not {"Sign In", "Sign Up", "Signup", "Sign Out"} & set(
        re.findall(r"Sign \w+|Signup", html)
    )
    assert words in html.split("</header>", 1)[1]


def test_the_confirmation_page_names_the_address_once(client, mailoutbox):
    sign_up(client, "ann@example.org")
    path = link_in(mailoutbox[0], CONFIRMATION_LINK)

    html = client.get(path).content.decode()

    assert "Confirm that ann@example.org is your email address." in html
    assert "for user" not in html
