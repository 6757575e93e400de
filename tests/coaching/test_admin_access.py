"""Who may open coaching's admin pages, every person against every address: the oversight
team with its second factor; staff outside the team get a 403, organizers and visitors
the login page, and nothing of the team's notes reaches any of them."""

import pytest

from accounts.team import in_oversight_team
from tests.coaching.conftest import TEAM_NOTES
from tests.conftest import log_in_with_second_factor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PERSONAS = (
    "anonymous",
    "national_lead",
    "community_organizer",
    "staff_outside_the_team",
    "oversight",
)
LOGIN = "login"


def outcome(client, person, url):
    client.logout()
    if person is not None and in_oversight_team(person):
        # The admin asks the team for its second factor, as at a real login.
        log_in_with_second_factor(client, person)
    elif person is not None:
        client.force_login(person)
    response = client.get(url)
    if response.status_code == 302 and "login" in response["Location"]:
        return LOGIN, ""
    return response.status_code, response.content.decode()


ADDRESSES = [
    "/admin/coaching/checkin/",
    "/admin/coaching/checkin/add/",
    "/admin/coaching/checkin/{check_in}/change/",
    "/admin/coaching/agreedaction/",
    "/admin/coaching/agreedaction/{open}/change/",
    "/admin/coaching/activityreport/",
    "/admin/coaching/grouphealth/",
    "/admin/groups/nationalgroup/{group}/change/",
]
TEAM_ONLY = (LOGIN, LOGIN, LOGIN, 403, 200)


@pytest.mark.parametrize("address", ADDRESSES)
def test_only_the_oversight_team_opens_coachings_admin_pages(client, world, address):
    people = {
        **world["people"],
        "staff_outside_the_team": UserFactory(is_staff=True, username="staff"),
    }
    values = {key: value for key, value in world.items() if key != "people"}
    url = address.format(**values)

    results = {persona: outcome(client, people[persona], url) for persona in PERSONAS}

    assert [results[persona][0] for persona in PERSONAS] == list(TEAM_ONLY)
    for persona in PERSONAS[:-1]:
        assert TEAM_NOTES not in results[persona][1]
