"""The reads the pages and the API share hold the same rules in both."""

import pytest

from groups.selectors import shown_coach
from tests.factories import NationalGroupFactory, OversightTeamMemberFactory

pytestmark = pytest.mark.django_db


def coach_seen(client, group) -> tuple[str, str | None]:
    """The group's page, and the coach the API names for it."""
    page = client.get(group.get_absolute_url())
    assert page.status_code == 200
    [record] = client.get("/api/v1/national-groups/").json()
    return page.content.decode(), record["coach"]


def test_a_public_active_coach_is_named_on_the_page_and_in_the_api(client):
    coach = OversightTeamMemberFactory(display_name="Carla Coach")
    group = NationalGroupFactory(coach=coach)

    page, api_coach = coach_seen(client, group)

    assert shown_coach(group) == coach
    assert "Carla Coach" in page
    assert api_coach == "Carla Coach"


@pytest.mark.parametrize(
    ("is_public", "is_active"),
    [(False, True), (True, False)],
    ids=["private", "no longer on the team"],
)
def test_a_private_or_inactive_coach_is_named_neither_on_the_page_nor_in_the_api(
    client, is_public, is_active
):
    coach = OversightTeamMemberFactory(
        display_name="Carla Coach", is_public=is_public, is_active=is_active
    )
    group = NationalGroupFactory(coach=coach)

    page, api_coach = coach_seen(client, group)

    assert shown_coach(group) is None
    assert "Carla Coach" not in page
    assert api_coach is None
