"""A place on the map is written so that no reader can take it otherwise: degrees with a
decimal point and the compass point of each, « 50.6326° N, 5.5797° E », never the French
« 50,632600, 5,579700 », where the comma between the two is the one inside each."""

from decimal import Decimal

import pytest
from django.utils import translation

from groups.models import coordinates_in_words
from tests.factories import LocalCommunityFactory, MembershipFactory, NationalGroupFactory

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", f"50.6326°{NBSP}N, 5.5797°{NBSP}E"),
        ("fr", f"50.6326°{NBSP}N, 5.5797°{NBSP}E"),
        ("de", f"50.6326°{NBSP}N, 5.5797°{NBSP}O"),
    ],
)
def test_coordinates_say_their_hemisphere_with_a_decimal_point(language, words):
    with translation.override(language):
        assert coordinates_in_words(Decimal("50.632600"), Decimal("5.579700")) == words


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", f"33.45°{NBSP}S, 70.6667°{NBSP}W"),
        ("fr", f"33.45°{NBSP}S, 70.6667°{NBSP}O"),
        ("nl", f"33.45°{NBSP}Z, 70.6667°{NBSP}W"),
    ],
)
def test_south_and_west_are_said_without_a_minus_sign(language, words):
    with translation.override(language):
        assert coordinates_in_words(Decimal("-33.450000"), Decimal("-70.666700")) == words


def test_the_equator_and_the_meridian_are_whole_degrees():
    assert coordinates_in_words(Decimal("0.000000"), Decimal("-0.000000")) == (
        f"0°{NBSP}N, 0°{NBSP}E"
    )


def test_the_organizers_community_page_writes_its_place_unambiguously(client):
    group = NationalGroupFactory(country="BE", slug="belgium")
    lead = MembershipFactory(group=group, role="national_lead").user
    community = LocalCommunityFactory(
        national_group=group, city="Liège", latitude="50.632600", longitude="5.579700"
    )
    client.force_login(lead)

    response = client.get(f"/fr/my/groups/belgium/communities/{community.pk}/organizers/")
    assert response.status_code == 200, response
    html = response.content.decode()

    assert f"50.6326°{NBSP}N, 5.5797°{NBSP}E" in html
    assert "50,6326" not in html
