"""How a new organizer finds the way: from the directory and the guide to the
application, from the header to their groups, and from logging in to their page."""

import pytest

from tests.conftest import make_oversight_member, totp_code
from tests.factories import MembershipFactory, NationalGroupFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_directory_and_the_guide_invite_to_start_a_group(client, language):
    NationalGroupFactory()

    html = client.get(f"/{language}/national-groups/").content.decode()

    directory = html[html.index('id="current-national-groups"') : html.index('id="setup-guide"')]
    guide = html[html.index('id="setup-guide"') :]
    assert f'href="/{language}/apply/"' in directory
    assert f'href="/{language}/apply/"' in guide


def test_the_header_leads_a_logged_in_organizer_to_their_groups(client):
    client.force_login(MembershipFactory().user)

    html = client.get("/en/communities/").content.decode()

    header = html[: html.index("</header>")]
    assert '<a href="/en/my/">My groups</a>' in header


def test_an_organizer_is_logged_in_to_their_page(client):
    user = UserFactory(email="ann@example.org")

    response = client.post(
        "/en/accounts/login/", {"login": user.email, "password": "correct horse battery staple"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/my/"


def test_the_oversight_team_is_logged_in_to_the_admin(client, settings):
    member = make_oversight_member(settings, email="olga@pauseai.info")
    client.post(
        "/en/accounts/login/", {"login": member.email, "password": "correct horse battery staple"}
    )

    response = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code()})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_next_address_still_wins(client):
    user = UserFactory(email="ann@example.org")

    response = client.post(
        "/en/accounts/login/?next=/en/communities/",
        {"login": user.email, "password": "correct horse battery staple"},
    )

    assert response["Location"] == "/en/communities/"
