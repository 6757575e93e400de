"""Every answer carries the site's security headers: a strict Content-Security-Policy
(the map tiles' server only where there is a map), Permissions-Policy,
Referrer-Policy, X-Frame-Options and nosniff, redirects and errors included."""

import pytest
from django.test import Client

from tests.factories import LocalCommunityFactory, MembershipFactory, NationalGroupFactory

pytestmark = pytest.mark.django_db

TILES = "https://tile.openstreetmap.org"


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *values = directive.split()
        directives[name] = values
    return directives


@pytest.fixture
def belgium():
    group = NationalGroupFactory(slug="belgium", country="BE")
    LocalCommunityFactory(national_group=group, latitude=51.05, longitude=3.72)
    return group


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/national-groups/",
        "/en/national-groups/belgium/",
        "/en/accounts/login/",
        "/en/my/",  # a redirect to the login
        "/",  # a redirect to the language
        "/en/no-such-page/",
        "/api/v1/national-groups/",
        "/api/v1/docs/",
        "/admin/login/",
    ],
)
def test_every_answer_has_the_security_headers(url, belgium):
    response = Client().get(url)

    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert TILES not in response["Content-Security-Policy"], url
    assert "unsafe" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_with_a_map_allow_its_tiles_and_no_other_server(belgium, client):
    assert TILES in policy(Client().get("/en/communities/"))["img-src"]
    # Served from the page cache the second time: the same policy.
    assert TILES in policy(Client().get("/en/communities/"))["img-src"]
    client.force_login(MembershipFactory(group=belgium, role="national_lead").user)
    assert TILES in policy(client.get("/en/my/groups/belgium/communities/add/"))["img-src"]


def test_the_admins_coordinate_pickers_allow_the_tiles(oversight_client, belgium):
    community = belgium.communities.get()
    for url in (
        f"/admin/groups/nationalgroup/{belgium.pk}/change/",
        f"/admin/groups/localcommunity/{community.pk}/change/",
    ):
        assert TILES in policy(oversight_client.get(url))["img-src"], url
    assert TILES not in oversight_client.get("/admin/")["Content-Security-Policy"]
