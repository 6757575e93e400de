"""The admin is entered through the site's login, with its rate limits, and the
oversight team (and superusers) give a second factor before any admin page opens.

Paths are written out: they are the addresses people are sent to.
"""

import re

import pytest
from allauth.core import context as allauth_context
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from tests.accounts.test_accounts import DISCORD_APP
from tests.conftest import (
    make_oversight_member,
    oversight_team_group,
    totp_code,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # UserFactory's
CHANGELIST = "/admin/groups/nationalgroup/"
SETUP = "/en/accounts/2fa/totp/activate/"
CODE_PAGE = "/en/accounts/2fa/authenticate/"


def oversight_member_without_authenticator(settings, **fields):
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(oversight_team_group(settings))
    return user


def is_logged_in(client):
    return "_auth_user_id" in client.session


def log_in(client, user, password=PASSWORD, *, next_url=None):
    url = "/en/accounts/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": user.email, "password": password})


def admin_opens(client, path=CHANGELIST):
    return client.get(path).status_code == 200


# The admin's login page


def test_wrong_passwords_at_the_admin_login_lock_a_staff_account_even_against_the_right_one(
    client,
):
    """Sixty guesses from many addresses, then the right password: the account stays locked."""
    staff = UserFactory(username="stan", is_staff=True)
    login_url = client.get("/admin/login/", follow=True).wsgi_request.get_full_path()

    def attempt(password, address):
        # Both forms' field names: the admin's own form had "username", the site's has "login".
        fields = {"username": staff.username, "login": staff.email, "password": password}
        return client.post(login_url, fields, REMOTE_ADDR=address)

    for guess in range(60):
        attempt(f"guess {guess}", f"10.1.0.{guess}")
    response = attempt(PASSWORD, "10.1.0.200")

    assert not is_logged_in(client)
    assert "Too many failed login attempts. Try again later." in response.content.decode()


def test_admin_login_page_is_the_sites_login_in_the_visitors_language(client):
    response = client.get("/admin/login/?next=/admin/groups/", HTTP_ACCEPT_LANGUAGE="nl")

    assert response.status_code == 302
    assert response["Location"] == "/nl/accounts/login/?next=%2Fadmin%2Fgroups%2F"


def test_admin_sends_a_visitor_to_the_sites_login_and_back(client):
    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={CHANGELIST}"
    assert client.get(response["Location"])["Location"] == (
        "/en/accounts/login/?next=%2Fadmin%2Fgroups%2Fnationalgroup%2F"
    )


def test_a_username_and_password_posted_to_the_admin_log_no_one_in(client):
    staff = UserFactory(username="stan", is_staff=True)

    response = client.post("/admin/login/", {"username": "stan", "password": PASSWORD})

    assert response.status_code == 302
    assert not is_logged_in(client)
    assert staff.last_login is None


def test_people_who_are_not_staff_get_a_403_from_the_admin_login(client):
    client.force_login(UserFactory())

    assert client.get("/admin/login/").status_code == 403
    assert client.get(CHANGELIST).status_code == 302  # to the admin login, which refuses


# The second factor


def test_oversight_member_without_an_authenticator_sets_one_up_and_returns_to_the_admin(
    client, settings
):
    member = oversight_member_without_authenticator(settings, username="olga")
    # Staff land in the admin, which first asks for the authenticator app.
    assert log_in(client, member)["Location"] == "/admin/"

    # The admin does not open; the way leads to the authenticator app's setup, with no
    # second password prompt: the password was given a moment ago.
    response = client.get(CHANGELIST, follow=True)
    assert (SETUP, 302) in response.redirect_chain
    html = response.content.decode()
    assert response.wsgi_request.path == SETUP
    assert "Set up an authenticator app to continue." in html
    assert 'class="site-header"' in html
    secret = re.search(r'id="authenticator_secret" value="([A-Z2-7]+)"', html).group(1)

    response = client.post(SETUP, {"code": totp_code(secret)}, follow=True)

    html = response.content.decode()
    assert response.wsgi_request.path == "/en/accounts/2fa/recovery-codes/"
    assert Authenticator.objects.filter(user=member, type="recovery_codes").exists()
    assert f'href="{CHANGELIST}"' in html  # Continue to the admin
    assert admin_opens(client)


def test_setting_up_the_authenticator_long_after_the_login_asks_for_the_password_again(
    client, settings
):
    """A session left open is not a recent login: a security setting still asks for the
    password (allauth's reauthentication) once its few minutes have passed."""
    member = oversight_member_without_authenticator(settings, username="olga")
    log_in(client, member)
    session = client.session
    for record in session["account_authentication_methods"]:
        record["at"] -= settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1
    session.save()

    response = client.get(SETUP, follow=True)

    assert response.wsgi_request.path == "/en/accounts/reauthenticate/"
    response = client.post(
        response.wsgi_request.get_full_path(), {"password": PASSWORD}, follow=True
    )
    assert response.wsgi_request.path == SETUP


def test_a_session_that_skipped_the_second_factor_is_asked_for_a_code(client, settings):
    """A session from before the authenticator was set up, or any other way in without it."""
    member = make_oversight_member(settings, username="olga")
    client.force_login(member)

    response = client.get(CHANGELIST, follow=True)

    assert response.redirect_chain[-1] == (
        "/en/accounts/2fa/reauthenticate/?next=%2Fadmin%2Fgroups%2Fnationalgroup%2F",
        302,
    )
    assert not admin_opens(client)
    response = client.post(
        f"/en/accounts/2fa/reauthenticate/?next={CHANGELIST}", {"code": totp_code()}
    )
    assert response["Location"] == CHANGELIST
    assert admin_opens(client)


def test_oversight_member_logs_in_from_the_admin_with_password_and_code(client, settings):
    member = make_oversight_member(settings, username="olga")
    login_url = client.get(client.get(CHANGELIST)["Location"])["Location"]

    response = client.post(login_url, {"login": member.email, "password": PASSWORD})
    assert response["Location"] == CODE_PAGE
    assert not is_logged_in(client)
    assert 'class="site-header"' in client.get(CODE_PAGE).content.decode()
    response = client.post(CODE_PAGE, {"code": totp_code()})

    assert response["Location"] == CHANGELIST
    assert admin_opens(client)


def test_a_recovery_code_stands_in_for_the_authenticator_app(client, settings):
    member = make_oversight_member(settings, username="olga")
    # As the setup page makes them after the authenticator app.
    recovery_code = RecoveryCodes.activate(member).get_unused_codes()[0]

    assert log_in(client, member)["Location"] == CODE_PAGE
    response = client.post(CODE_PAGE, {"code": recovery_code})

    assert response.status_code == 302
    assert admin_opens(client)
    codes = Authenticator.objects.get(user=member, type="recovery_codes").wrap()
    assert recovery_code not in codes.get_unused_codes()


def test_a_wrong_code_keeps_the_member_out(client, settings):
    member = make_oversight_member(settings, username="olga")
    log_in(client, member)

    response = client.post(CODE_PAGE, {"code": "000000" if totp_code() != "000000" else "111111"})

    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert not is_logged_in(client)
    assert client.get(CHANGELIST).status_code == 302


def test_superuser_gives_a_second_factor_too(client):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)

    assert (SETUP, 302) in client.get(CHANGELIST, follow=True).redirect_chain


def test_staff_outside_the_oversight_team_may_enter_without_a_second_factor(client):
    staff = UserFactory(username="stan", is_staff=True)
    client.force_login(staff)

    assert client.get("/admin/").status_code == 200


def test_discord_login_of_an_account_with_an_authenticator_asks_for_the_code(settings):
    """allauth's own social-login flow, from the point where Discord has answered."""
    settings.SOCIALACCOUNT_PROVIDERS = DISCORD_APP
    member = make_oversight_member(settings, username="olga")
    SocialAccount.objects.create(user=member, provider="discord", uid="4242")
    request = RequestFactory().get("/en/accounts/discord/login/callback/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    request._messages = FallbackStorage(request)

    with allauth_context.request_context(request):
        discord = get_social_adapter().get_provider(request, "discord")
        # What Discord's API answers about the person (allauth's Discord provider reads it).
        sociallogin = discord.sociallogin_from_response(
            request, {"id": "4242", "username": "olga", "email": member.email, "verified": True}
        )
        response = complete_social_login(request, sociallogin)

    assert response.status_code == 302
    assert response["Location"] == CODE_PAGE
    assert not request.user.is_authenticated
    assert "_auth_user_id" not in request.session


def test_account_pages_offer_two_factor_authentication_in_the_sites_look(client, settings):
    client.force_login(UserFactory())

    html = client.get("/nl/accounts/2fa/").content.decode()

    assert '<html lang="nl">' in html
    assert 'class="site-header"' in html
    assert 'href="/nl/accounts/2fa/" aria-current="page"' in html
    assert 'href="/nl/accounts/2fa/totp/activate/"' in html


def test_a_superuser_made_in_the_shell_confirms_their_address_at_the_first_login(
    client, mailoutbox
):
    """createsuperuser makes no confirmed address; the first login sends the link."""
    get_user_model().objects.create_superuser("root", "root@pauseai.info", PASSWORD)

    response = client.post(
        client.get("/admin/login/")["Location"],
        {"login": "root@pauseai.info", "password": PASSWORD},
    )

    assert response["Location"] == "/en/accounts/confirm-email/"
    (message,) = mailoutbox
    assert message.to == ["root@pauseai.info"]
    assert not is_logged_in(client)
