"""Who may see and do what on the organizers' coaching pages, every person against every
address: exact answers, a 403 or a 404 and never more."""

import pytest

from coaching.models import ActivityReport, AgreedAction

pytestmark = pytest.mark.django_db


PERSONAS = (
    "anonymous",
    "national_lead",
    "communications_lead",
    "organizing_lead",
    "member",
    "owner",
    "community_organizer",
    "organizer_of_b",
    "oversight",
    "superuser",
)

A = "/en/my/groups/group-a"
REPORT = {"action": "save", "activities-TOTAL_FORMS": "0", "activities-INITIAL_FORMS": "0"}
NOTE = {"action-{open}-note": "Done, the MEPs answered."}
LOGIN = "login"
# Expected answers, in the order of PERSONAS. Nothing there, whoever asks:
EVERYONE_LOGGED_IN = (LOGIN,) + (404,) * 9
# The group's own page: its organizers and the team.
ORGANIZERS = (LOGIN, 200, 200, 200, 200, 200, 404, 404, 200, 200)
# The leads' and the team's.
READERS = (LOGIN, 200, 200, 200, 403, 403, 404, 404, 200, 200)
# The action's owner, the managing leads and the team.
MARKERS = (LOGIN, 302, 302, 403, 403, 302, 404, 404, 302, 302)
# The national and communications leads.
WRITERS = (LOGIN, 302, 302, 403, 403, 403, 404, 404, 403, 403)
# Nobody writes a report sent already.
NOBODY = (LOGIN, 403, 403, 403, 403, 403, 404, 404, 403, 403)
# A report that is not there, for those who may read the group's reports.
NOT_THERE = (LOGIN, 404, 404, 404, 403, 403, 404, 404, 404, 404)
POST_ONLY = (LOGIN, 405, 405, 405, 405, 405, 405, 405, 405, 405)

# (method, address, what is posted, the answers)
MATRIX = [
    ("get", f"{A}/", None, ORGANIZERS),
    ("post", f"{A}/actions/{{open}}/done/", NOTE, MARKERS),
    ("get", f"{A}/actions/{{open}}/done/", None, POST_ONLY),
    ("post", f"{A}/actions/{{done}}/open-again/", {}, MARKERS),
    ("get", f"{A}/actions/{{done}}/open-again/", None, POST_ONLY),
    # Another group's action under this group's address, and this group's under another's.
    ("post", f"{A}/actions/{{open_of_b}}/done/", {}, EVERYONE_LOGGED_IN),
    ("post", "/en/my/groups/group-b/actions/{open}/done/", {}, EVERYONE_LOGGED_IN),
    ("post", f"{A}/actions/999999/done/", {}, EVERYONE_LOGGED_IN),
    ("get", f"{A}/reports/", None, READERS),
    ("get", "/en/my/groups/nowhere/reports/", None, EVERYONE_LOGGED_IN),
    ("get", f"{A}/reports/{{owed}}/", None, READERS),
    ("post", f"{A}/reports/{{owed}}/", REPORT, WRITERS),
    ("get", f"{A}/reports/{{earlier}}/", None, READERS),
    ("post", f"{A}/reports/{{earlier}}/", REPORT, NOBODY),
    # A period reported on by nobody, a day within a period, no date at all.
    ("get", f"{A}/reports/{{older}}/", None, NOT_THERE),
    ("post", f"{A}/reports/{{older}}/", REPORT, NOT_THERE),
    ("get", f"{A}/reports/2025-02-15/", None, NOT_THERE),
    ("get", f"{A}/reports/2025-13-01/", None, NOT_THERE),
    ("get", f"{A}/reports/last-quarter/", None, NOT_THERE),
]


def outcome(client, person, method, url, data):
    client.logout()
    if person:
        client.force_login(person)
    response = getattr(client, method)(url, data)
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def filled_in(template, world):
    values = {key: value for key, value in world.items() if key != "people"}
    if isinstance(template, dict):
        return {key.format(**values): value for key, value in template.items()}
    return template.format(**values)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("method", "url", "posted", "expected"), MATRIX)
def test_each_person_gets_exactly_what_they_may(
    client, world, persona, method, url, posted, expected
):
    """Each person on a world of their own: a move one of them makes changes what the
    next would find."""
    result = outcome(
        client,
        world["people"][persona],
        method,
        filled_in(url, world),
        filled_in(posted, world) if posted else None,
    )

    assert result == expected[PERSONAS.index(persona)]


@pytest.mark.parametrize("persona", ["organizing_lead", "member", "oversight"])
def test_a_refused_writer_changes_no_report(client, world, persona):
    client.force_login(world["people"][persona])

    client.post(f"{A}/reports/{world['owed']}/", REPORT)
    client.post(f"{A}/reports/{world['earlier']}/", {**REPORT, "went_well": "Changed"})

    assert ActivityReport.objects.count() == 1
    assert ActivityReport.objects.get().went_well != "Changed"


def test_a_member_who_does_not_own_an_action_cannot_mark_it_done(client, world):
    client.force_login(world["people"]["member"])

    client.post(f"{A}/actions/{world['open']}/done/")

    assert not AgreedAction.objects.get(pk=world["open"]).is_done


def test_an_owner_removed_from_the_group_can_no_longer_mark_their_action_done(client, world):
    owner = world["people"]["owner"]
    owner.group_memberships.all().delete()
    client.force_login(owner)

    response = client.post(f"{A}/actions/{world['open']}/done/")

    assert response.status_code == 404
    assert not AgreedAction.objects.get(pk=world["open"]).is_done
