"""Who may see and do what on the organizers' microgrant pages, every person against every
page; and a requester removed from the group, who no longer follows their requests."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from microgrants.models import MicrograntEvent, MicrograntRequest
from tests.conftest import log_in_with_second_factor
from tests.microgrants.helpers import request_data

pytestmark = pytest.mark.django_db


PERSONAS = (
    "anonymous",
    "lead_of_a",
    "member_of_a",
    "requester",
    "organizer_of_b",
    "oversight",
    "superuser",
)


def post_data(kind, world):
    """Fresh data for each post: an uploaded file can be read only once."""
    return {
        None: {},
        "new": request_data(),
        "edit": request_data(
            ("Venue", "800.00"),
            line_ids=[world["draft_line"]],
            amount_requested="800.00",
            edit_version="1",  # the draft as the edit page shows it: never changed
        ),
        "letter": {"full_name": "Ann Requester"},
        "upload": {
            "kind": "receipt",
            "upload": SimpleUploadedFile("bill.pdf", b"%PDF-1.4 bill", "application/pdf"),
        },
        "report": {"report_done": "Handed out 5000 flyers.", "report_numbers": "5000"},
    }[kind]


def outcome(client, person, method, url, data):
    client.logout()
    if person:
        client.force_login(person)
    response = getattr(client, method)(url, data)
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


A = "/en/my/groups/group-a/microgrants"


# (method, url, what is posted, expected outcome per persona, in the order of PERSONAS)
MATRIX = [
    ("get", "/en/microgrants/", None, (200,) * 7),
    ("get", f"{A}/", None, ("login", 200, 200, 200, 404, 200, 200)),
    ("get", "/en/my/groups/nowhere/microgrants/", None, ("login",) + (404,) * 6),
    ("get", f"{A}/new/", None, ("login", 200, 200, 200, 404, 403, 403)),
    ("post", f"{A}/new/", "new", ("login", 302, 302, 302, 404, 403, 403)),
    ("get", f"{A}/{{draft}}/", None, ("login", 200, 404, 200, 404, 200, 200)),
    ("get", f"{A}/{{paid}}/", None, ("login", 200, 404, 200, 404, 200, 200)),
    # The right request under another group's address does not exist.
    ("get", "/en/my/groups/group-b/microgrants/{draft}/", None, ("login",) + (404,) * 6),
    ("get", f"{A}/999999/", None, ("login",) + (404,) * 6),
    ("get", f"{A}/{{draft}}/edit/", None, ("login", 403, 404, 200, 404, 403, 403)),
    ("post", f"{A}/{{draft}}/edit/", "edit", ("login", 403, 404, 302, 404, 403, 403)),
    ("get", f"{A}/{{paid}}/edit/", None, ("login", 403, 404, 403, 404, 403, 403)),
    ("post", f"{A}/{{paid}}/edit/", "edit", ("login", 403, 404, 403, 404, 403, 403)),
    # Actions: the service refuses those who follow the request but are not its requester.
    ("post", f"{A}/{{submitted}}/withdraw/", None, ("login", 400, 404, 302, 404, 400, 400)),
    ("get", f"{A}/{{submitted}}/withdraw/", None, ("login",) + (405,) * 6),
    ("post", f"{A}/{{draft}}/submit/", None, ("login", 400, 404, 302, 404, 400, 400)),
    ("get", f"{A}/{{draft}}/submit/", None, ("login",) + (405,) * 6),
    ("get", f"{A}/{{approved}}/letter/", None, ("login", 200, 404, 200, 404, 200, 200)),
    ("get", f"{A}/{{draft}}/letter/", None, ("login", 404, 404, 404, 404, 404, 404)),
    ("post", f"{A}/{{approved}}/letter/", "letter", ("login", 400, 404, 302, 404, 400, 400)),
    ("post", f"{A}/{{draft}}/letter/", "letter", ("login",) + (404,) * 6),
    ("post", f"{A}/{{paid}}/files/", "upload", ("login", 302, 404, 302, 404, 400, 400)),
    ("post", f"{A}/{{draft}}/files/", "upload", ("login", 400, 404, 400, 404, 400, 400)),
    ("get", f"{A}/{{paid}}/files/", None, ("login",) + (405,) * 6),
    ("get", f"{A}/{{paid}}/files/{{receipt}}/", None, ("login", 200, 404, 200, 404, 200, 200)),
    # A file asked for under another request's address does not exist.
    ("get", f"{A}/{{draft}}/files/{{receipt}}/", None, ("login", 404, 404, 404, 404, 404, 404)),
    ("get", f"{A}/{{paid}}/report/", None, ("login", 403, 404, 200, 404, 403, 403)),
    ("post", f"{A}/{{paid}}/report/", "report", ("login", 403, 404, 302, 404, 403, 403)),
    ("get", f"{A}/{{approved}}/report/", None, ("login", 403, 404, 403, 404, 403, 403)),
]


@pytest.mark.parametrize(("method", "url", "posted", "expected"), MATRIX)
def test_each_person_gets_exactly_what_they_may(client, world, method, url, posted, expected):
    url = url.format(**{key: value for key, value in world.items() if key != "people"})

    outcomes = {
        persona: outcome(client, world["people"][persona], method, url, post_data(posted, world))
        for persona in PERSONAS
    }

    assert outcomes == dict(zip(PERSONAS, expected, strict=True))


# Removed from the group ---------------------------------------------------------


def expected_for_a_former_organizer(method, url) -> int:
    """Only the public rules; a POST-only address answers GET with 405 before anything."""
    if url == "/en/microgrants/":
        return 200
    if method == "get" and url.endswith(("/withdraw/", "/submit/", "/files/")):
        return 405
    return 404


@pytest.mark.parametrize(("method", "url", "posted", "_expected"), MATRIX)
def test_a_requester_removed_from_the_group_no_longer_follows_their_requests(
    client, world, method, url, posted, _expected
):
    requester = world["people"]["requester"]
    requester.group_memberships.all().delete()
    url = url.format(**{key: value for key, value in world.items() if key != "people"})

    result = outcome(client, requester, method, url, post_data(posted, world))

    assert result == expected_for_a_former_organizer(method, url)


def test_a_removed_requester_cannot_accept_the_letter_even_through_the_service(world):
    from microgrants.services import MicrograntError, microgrant_accept_letter

    requester = world["people"]["requester"]
    requester.group_memberships.all().delete()
    microgrant = MicrograntRequest.objects.get(pk=world["approved"])

    with pytest.raises(MicrograntError, match="still organize"):
        microgrant_accept_letter(microgrant=microgrant, user=requester, full_name="Ann Requester")

    microgrant.refresh_from_db()
    assert microgrant.status == "approved"


def test_the_oversight_team_still_sees_a_removed_requesters_history(client, world):
    requester = world["people"]["requester"]
    microgrant = MicrograntRequest.objects.get(pk=world["submitted"])
    MicrograntEvent.objects.create(
        request=microgrant, actor=requester, from_status="draft", to_status="submitted"
    )
    requester.group_memberships.all().delete()
    log_in_with_second_factor(client, world["people"]["oversight"])

    page = client.get(f"/en/my/groups/group-a/microgrants/{microgrant.pk}/")
    admin_page = client.get(f"/admin/microgrants/micrograntrequest/{microgrant.pk}/change/")

    assert page.status_code == admin_page.status_code == 200
    assert requester.get_username() in admin_page.content.decode()
    assert "Submitted" in page.content.decode()
