"""The organizers' microgrant pages: who may see and do what, the request form, the letter,
files and report, walked through the client."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from microgrants.models import MicrograntEvent, MicrograntFile, MicrograntRequest
from tests.conftest import log_in_with_second_factor, make_oversight_member, make_superuser
from tests.factories import (
    MembershipFactory,
    MicrograntRequestFactory,
    NationalGroupFactory,
    UserFactory,
)

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


@pytest.fixture(autouse=True)
def english_again_afterwards():
    """A request to /nl/ leaves Dutch active in the thread; the next test expects English."""
    yield
    translation.deactivate()


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def receipt_for(grant, *, content=b"%PDF-1.4 the printer's invoice", name="invoice.pdf"):
    return MicrograntFile.objects.create(
        request=grant,
        kind=MicrograntFile.Kind.RECEIPT,
        file=ContentFile(content, name=name),
        original_name=name,
        content_type="application/pdf",
        uploaded_by=grant.requested_by,
    )


def request_data(*lines, line_ids=(), **changes):
    """The request form as a browser posts it; lines are (item, amount) pairs."""
    lines = lines or (("Printing", "400.00"), ("Tape", "50.50"))
    data = {
        "title": "Flyers for Ghent",
        "activity_kind": "flyers",
        "description": "Five thousand flyers about the pause.",
        "deliverables": "Flyers handed out at three stations.",
        "start_date": in_days(30).isoformat(),
        "end_date": in_days(60).isoformat(),
        "currency": "EUR",
        "amount_requested": "450.50",
        "payment_method": "advance",
        "payee_details": "Ann Requester, BE71 0961 2345 6769",
        "budget-TOTAL_FORMS": str(len(lines)),
        "budget-INITIAL_FORMS": str(len(line_ids)),
        "action": "save",
    }
    for index, (item, amount) in enumerate(lines):
        data[f"budget-{index}-item"] = item
        data[f"budget-{index}-amount"] = amount
    for index, line_id in enumerate(line_ids):
        data[f"budget-{index}-id"] = str(line_id)
    return {**data, **changes}


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (12, 12), "orange").save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (12, 12), "orange").save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.fixture
def world(settings):
    group_a = NationalGroupFactory(slug="group-a", name_en="PauseAI A")
    group_b = NationalGroupFactory(slug="group-b")
    requester = MembershipFactory(group=group_a, role="member").user
    people = {
        "anonymous": None,
        "lead_of_a": MembershipFactory(group=group_a, role="national_lead").user,
        "member_of_a": MembershipFactory(group=group_a, role="member").user,
        "requester": requester,
        "organizer_of_b": MembershipFactory(group=group_b, role="national_lead").user,
        "oversight": make_oversight_member(settings, username="oversight"),
        "superuser": make_superuser(username="root"),
    }
    draft = MicrograntRequestFactory(group=group_a, requested_by=requester)
    submitted = MicrograntRequestFactory(
        group=group_a, requested_by=requester, status="submitted", submitted_at=timezone.now()
    )
    approved = MicrograntRequestFactory(group=group_a, requested_by=requester, status="approved")
    paid = MicrograntRequestFactory(group=group_a, requested_by=requester, status="paid")
    return {
        "people": people,
        "draft": draft.pk,
        "draft_line": draft.budget_lines.get().pk,
        "submitted": submitted.pk,
        "approved": approved.pk,
        "paid": paid.pk,
        "receipt": receipt_for(paid).pk,
    }


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


# The request form -------------------------------------------------------------


@pytest.fixture
def group():
    return NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")


@pytest.fixture
def requester(client, group):
    user = MembershipFactory(group=group, role="member").user
    client.force_login(user)
    return user


NEW = "/en/my/groups/belgium/microgrants/new/"


def test_requester_saves_a_draft_with_its_budget(client, group, requester):
    response = client.post(NEW, request_data())

    grant = MicrograntRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/my/groups/belgium/microgrants/{grant.pk}/"
    assert grant.status == "draft" and grant.group == group and grant.requested_by == requester
    assert grant.amount_requested == Decimal("450.50")
    assert [(line.item, line.amount) for line in grant.budget_lines.all()] == [
        ("Printing", Decimal("400.00")),
        ("Tape", Decimal("50.50")),
    ]
    assert not grant.events.exists()


def test_save_and_submit_sends_it_in_and_keeps_the_language(client, group, requester):
    response = client.post(NEW.replace("/en/", "/nl/"), request_data(action="submit"))

    grant = MicrograntRequest.objects.get()
    assert response.status_code == 302
    assert grant.status == "submitted" and grant.submitted_at is not None
    assert grant.language == "nl"
    assert grant.events.get().to_status == "submitted"


def test_a_refused_submission_keeps_the_draft_and_says_why(client, group, requester, settings):
    settings.MICROGRANT_LIMIT_PER_REQUEST_EUR = 400

    response = client.post(NEW, request_data(action="submit"))

    grant = MicrograntRequest.objects.get()
    html = response.content.decode()
    assert response.status_code == 400
    assert grant.status == "draft"
    assert "Saved as a draft, but not submitted: A microgrant is at most €400" in html
    assert 'value="Flyers for Ghent"' in html and 'value="Tape"' in html
    # Saving again changes this draft instead of making a second one.
    assert f'action="/en/my/groups/belgium/microgrants/{grant.pk}/edit/"' in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field is required."),
        ("activity_kind", "party", "Select a valid choice."),
        ("description", "", "This field is required."),
        ("deliverables", "", "This field is required."),
        ("start_date", "", "This field is required."),
        ("start_date", "next spring", "Enter a valid date."),
        ("end_date", "31/02/2031", "Enter a valid date."),
        ("currency", "XBT", "Select a valid choice."),
        ("amount_requested", "", "This field is required."),
        ("amount_requested", "a lot", "Enter a number."),
        ("amount_requested", "0", "The amount must be more than zero."),
        ("amount_requested", "-50", "The amount must be more than zero."),
        ("amount_requested", "450.505", "Ensure that there are no more than 2 decimal places."),
        ("payment_method", "cash", "Select a valid choice."),
        ("payee_details", "", "This field is required."),
    ],
)
def test_every_request_field_explains_bad_input(client, group, requester, field, value, message):
    data = request_data(**{field: value})

    response = client.post(NEW, data)

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    html = response.content.decode()
    for other_field in ("title", "payee_details", "description"):
        if other_field != field:
            assert data[other_field] in html
    assert not MicrograntRequest.objects.exists()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (("", "450.50"), "This field is required."),
        (("Printing", "free"), "Enter a number."),
        (("Printing", "0"), "The amount must be more than zero."),
        (("Printing", "450.499"), "Ensure that there are no more than 2 decimal places."),
    ],
)
def test_every_budget_line_field_explains_bad_input(client, group, requester, line, message):
    response = client.post(NEW, request_data(line))

    assert response.status_code == 400
    assert message in str(response.context["budget"].errors)
    assert not MicrograntRequest.objects.exists()


def test_budget_lines_that_do_not_add_up_are_refused(client, group, requester):
    response = client.post(NEW, request_data(("Printing", "400.00"), ("Tape", "40.00")))

    assert response.status_code == 400
    html = response.content.decode()
    assert "The budget lines add up to 440.00, not to the 450.50 requested." in html
    assert 'value="Flyers for Ghent"' in html
    assert not MicrograntRequest.objects.exists()


def test_a_budget_needs_a_line(client, group, requester):
    response = client.post(NEW, request_data(("", "")))

    assert response.status_code == 400
    assert "Add at least one budget line." in response.content.decode()


def test_the_end_date_cannot_be_before_the_start(client, group, requester):
    data = request_data(start_date=in_days(40).isoformat(), end_date=in_days(39).isoformat())

    response = client.post(NEW, data)

    assert response.status_code == 400
    assert response.context["form"].errors["end_date"] == [
        "The end date cannot be before the start date."
    ]
    assert not MicrograntRequest.objects.exists()


def test_editing_a_draft_changes_deletes_and_adds_budget_lines(client, group, requester):
    grant = MicrograntRequestFactory(group=group, requested_by=requester)
    venue = grant.budget_lines.get()
    data = request_data(
        ("Venue", "300.00"), ("Sound", "150.50"), line_ids=[venue.pk], amount_requested="450.50"
    )

    response = client.post(f"/en/my/groups/belgium/microgrants/{grant.pk}/edit/", data)

    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.title == "Flyers for Ghent"
    assert [(line.item, line.amount) for line in grant.budget_lines.all()] == [
        ("Venue", Decimal("300.00")),
        ("Sound", Decimal("150.50")),
    ]


def test_answering_the_oversight_teams_question_sends_the_request_back_to_review(
    client, group, requester, oversight_member
):
    grant = MicrograntRequestFactory(
        group=group, requested_by=requester, status="more_info_needed", submitted_at=timezone.now()
    )
    MicrograntEvent.objects.create(
        request=grant,
        actor=oversight_member,
        from_status="in_review",
        to_status="more_info_needed",
        note="Which stations?",
    )
    edit_url = f"/en/my/groups/belgium/microgrants/{grant.pk}/edit/"
    line = grant.budget_lines.get()

    page = client.get(edit_url)
    response = client.post(
        edit_url,
        request_data(
            ("Venue", "800.00"),
            line_ids=[line.pk],
            amount_requested="800.00",
            deliverables="Flyers at Gent-Sint-Pieters, Antwerpen-Centraal and Brussel-Zuid.",
            action="submit",
        ),
    )

    assert "Which stations?" in page.content.decode()
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.status == "in_review"
    assert "Brussel-Zuid" in grant.deliverables


# One request: its page, actions, letter, files and report ---------------------


def test_the_page_shows_the_budget_payee_and_whole_history(
    client, group, requester, oversight_member
):
    grant = MicrograntRequestFactory(group=group, requested_by=requester, status="draft")
    client.post(f"/en/my/groups/belgium/microgrants/{grant.pk}/submit/")
    grant.refresh_from_db()
    MicrograntEvent.objects.create(
        request=grant,
        actor=oversight_member,
        from_status="submitted",
        to_status="in_review",
        note="Looking at it this week.",
    )

    html = client.get(f"/en/my/groups/belgium/microgrants/{grant.pk}/").content.decode()

    assert grant.status == "submitted"
    assert "NL00 BANK 0123 4567 89" in html
    assert "Venue" in html and "800.00" in html
    assert "Draft → Submitted" in html
    assert "Submitted → In review" in html and "Looking at it this week." in html
    assert oversight_member.email in html


def test_a_lead_follows_the_request_but_cannot_submit_it(client, group):
    grant = MicrograntRequestFactory(group=group)
    lead = MembershipFactory(group=group, role="communications_lead").user
    client.force_login(lead)

    page = client.get(f"/en/my/groups/belgium/microgrants/{grant.pk}/")
    refused = client.post(f"/en/my/groups/belgium/microgrants/{grant.pk}/submit/")

    assert "NL00 BANK 0123 4567 89" in page.content.decode()
    assert refused.status_code == 400
    assert "Only the person who asked for this microgrant can do this." in refused.content.decode()
    grant.refresh_from_db()
    assert grant.status == "draft"


def test_the_requester_withdraws_before_a_decision(client, group, requester):
    grant = MicrograntRequestFactory(
        group=group, requested_by=requester, status="submitted", submitted_at=timezone.now()
    )

    response = client.post(f"/en/my/groups/belgium/microgrants/{grant.pk}/withdraw/", follow=True)

    assert "The request is withdrawn." in response.content.decode()
    grant.refresh_from_db()
    assert grant.status == "withdrawn"


def test_a_decided_request_cannot_be_withdrawn(client, group, requester):
    grant = MicrograntRequestFactory(group=group, requested_by=requester, status="approved")

    response = client.post(f"/en/my/groups/belgium/microgrants/{grant.pk}/withdraw/")

    assert response.status_code == 400
    assert "it cannot become withdrawn" in response.content.decode()


def test_the_grant_letter_states_the_terms_and_is_accepted_by_full_name(client, group, requester):
    grant = MicrograntRequestFactory(
        group=group,
        requested_by=requester,
        status="approved",
        amount_approved=Decimal("650.00"),
        payment_method="advance",
    )
    letter_url = f"/en/my/groups/belgium/microgrants/{grant.pk}/letter/"

    letter = client.get(letter_url).content.decode()
    response = client.post(letter_url, {"full_name": "Ann Marie Requester"})
    accepted = client.get(letter_url).content.decode()

    for term in (
        "Launch event in the capital",
        "A venue for 80 people",
        "EUR 650.00",
        "The event, a photo report, ten new volunteers.",
        "Advance",
        "The recipient is responsible for their own taxes.",
    ):
        assert term in letter
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.status == "letter_accepted"
    assert grant.letter_accepted_name == "Ann Marie Requester"
    assert "Accepted by Ann Marie Requester on" in accepted
    assert 'name="full_name"' not in accepted


def test_the_letter_needs_a_name(client, group, requester):
    grant = MicrograntRequestFactory(group=group, requested_by=requester, status="approved")

    response = client.post(
        f"/en/my/groups/belgium/microgrants/{grant.pk}/letter/", {"full_name": " "}
    )

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    grant.refresh_from_db()
    assert grant.status == "approved"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("invoice.pdf", b"%PDF-1.4 the printer's invoice", "application/pdf"),
        ("photo.png", png_bytes(), "image/png"),
        ("photo.jpg", jpeg_bytes(), "image/jpeg"),
    ],
)
def test_pdf_png_and_jpeg_receipts_are_kept_privately(
    client, group, requester, settings, name, content, content_type
):
    grant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")

    response = client.post(
        f"/en/my/groups/belgium/microgrants/{grant.pk}/files/",
        {"kind": "receipt", "upload": SimpleUploadedFile(name, content, "text/plain")},
    )

    assert response.status_code == 302
    grant_file = grant.files.get()
    assert grant_file.content_type == content_type and grant_file.original_name == name
    assert grant_file.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not grant_file.file.path.startswith(str(settings.MEDIA_ROOT))


def test_a_text_file_named_like_a_pdf_is_refused(client, group, requester):
    grant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")

    response = client.post(
        f"/en/my/groups/belgium/microgrants/{grant.pk}/files/",
        {
            "kind": "receipt",
            "upload": SimpleUploadedFile("receipt.pdf", b"just some text", "application/pdf"),
        },
    )

    assert response.status_code == 400
    assert "Upload a PDF, PNG or JPEG file." in response.content.decode()
    assert not grant.files.exists()


def test_a_file_over_the_limit_is_refused(client, group, requester, settings):
    settings.MICROGRANT_FILE_MAX_BYTES = 10
    grant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")

    response = client.post(
        f"/en/my/groups/belgium/microgrants/{grant.pk}/files/",
        {"kind": "receipt", "upload": SimpleUploadedFile("big.pdf", b"%PDF-1.4 " + b"x" * 20)},
    )

    assert response.status_code == 400
    assert "A file may be at most" in response.content.decode()
    assert not grant.files.exists()


def test_an_upload_without_a_file_is_explained(client, group, requester):
    grant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")

    response = client.post(
        f"/en/my/groups/belgium/microgrants/{grant.pk}/files/", {"kind": "receipt"}
    )

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_the_receipt_downloads_for_the_requester_only_not_another_groups_organizer(
    client, group, requester
):
    grant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")
    receipt = receipt_for(grant, content=b"%PDF-1.4 the printer's invoice", name="invoice.pdf")
    url = f"/en/my/groups/belgium/microgrants/{grant.pk}/files/{receipt.pk}/"

    response = client.get(url)
    client.force_login(MembershipFactory(role="national_lead").user)
    stranger = client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 the printer's invoice"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="invoice.pdf"'
    assert stranger.status_code == 404


def test_the_report_is_sent_with_receipts(client, group, requester):
    grant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")
    receipt_for(grant)
    report_url = f"/en/my/groups/belgium/microgrants/{grant.pk}/report/"

    response = client.post(
        report_url,
        {
            "report_done": "The launch event, with 90 people.",
            "report_numbers": "90 attendees, 12 new volunteers",
            "report_learnings": "Start the press work earlier.",
        },
    )

    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.status == "report_submitted"
    assert grant.report_numbers == "90 attendees, 12 new volunteers"
    page = client.get(f"/en/my/groups/belgium/microgrants/{grant.pk}/").content.decode()
    assert "Start the press work earlier." in page


def test_a_report_without_receipts_is_refused_and_kept(client, group, requester):
    grant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")

    response = client.post(
        f"/en/my/groups/belgium/microgrants/{grant.pk}/report/",
        {"report_done": "The launch event, with 90 people."},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Upload the receipts before sending the report." in html
    assert "The launch event, with 90 people." in html
    grant.refresh_from_db()
    assert grant.status == "paid"


def test_a_report_needs_what_was_done(client, group, requester):
    grant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")
    receipt_for(grant)

    response = client.post(
        f"/en/my/groups/belgium/microgrants/{grant.pk}/report/", {"report_numbers": "90"}
    )

    assert response.status_code == 400
    assert "This field is required." in " ".join(response.context["form"].errors["report_done"])


# The group's list ---------------------------------------------------------------


def test_a_member_sees_only_their_own_requests_and_a_lead_sees_all(client, group, requester):
    MicrograntRequestFactory(group=group, requested_by=requester, title="Mine")
    MicrograntRequestFactory(group=group, title="A co-organizer's")
    lead = MembershipFactory(group=group, role="national_lead").user

    as_member = client.get("/en/my/groups/belgium/microgrants/").content.decode()
    client.force_login(lead)
    as_lead = client.get("/en/my/groups/belgium/microgrants/").content.decode()

    assert "Mine" in as_member and "A co-organizer&#x27;s" not in as_member
    assert "Mine" in as_lead and "A co-organizer&#x27;s" in as_lead


def test_the_list_shows_amount_status_dates_and_report_due_date(client, group, requester):
    grant = MicrograntRequestFactory(
        group=group, requested_by=requester, status="paid", end_date=in_days(60), currency="GBP"
    )

    html = client.get("/en/my/groups/belgium/microgrants/").content.decode()

    assert "GBP 800.00" in html
    assert "Paid" in html
    assert "Launch event" in html
    assert "Report due" in html
    assert grant.report_due_on.strftime("%Y") in html


def test_an_inactive_groups_organizers_get_no_new_request_button(client, group, requester):
    group.status = "inactive"
    group.save()

    page = client.get("/en/my/groups/belgium/microgrants/").content.decode()
    refused = client.get(NEW)

    assert "/microgrants/new/" not in page
    assert refused.status_code == 403


def test_an_overdue_report_is_a_visible_warning(client, group, requester):
    MicrograntRequestFactory(
        group=group,
        requested_by=requester,
        status="paid",
        title="Spring protest",
        start_date=in_days(-120),
        end_date=in_days(-90),
    )

    html = client.get("/en/my/groups/belgium/microgrants/").content.decode()

    assert 'role="alert"' in html
    assert "The report on" in html and "Spring protest" in html


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_runs_the_same_queries_however_many_requests(
    client, group, django_assert_num_queries, count
):
    lead = MembershipFactory(group=group, role="national_lead").user
    for _index in range(count):
        MicrograntRequestFactory(group=group)
    client.force_login(lead)

    # session, user, the group, the user's membership (read once: access, sees all,
    # may request), an overdue report, the requests with their requesters.
    with django_assert_num_queries(6):
        response = client.get("/en/my/groups/belgium/microgrants/")

    assert response.status_code == 200
    assert len(response.context["grants"]) == count


def test_the_groups_dashboard_links_to_its_microgrants(client, group, requester):
    html = client.get("/en/my/groups/belgium/").content.decode()

    assert 'href="/en/my/groups/belgium/microgrants/"' in html


# The public rules ---------------------------------------------------------------


def test_the_rules_show_the_limits_in_the_settings(client, settings):
    settings.MICROGRANT_LIMIT_PER_REQUEST_EUR = 1500
    settings.MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR = 4500

    html = client.get("/en/microgrants/").content.decode()

    assert "At most €1500 per request, and at most €4500 per group in a calendar year." in html
    assert "responsible for your own taxes" in html
    assert 'href="/en/microgrants/" aria-current="page"' in html


def test_the_rules_lead_a_logged_in_organizer_to_their_groups_microgrants(client, group, requester):
    html = client.get("/en/microgrants/").content.decode()

    assert 'href="/en/my/groups/belgium/microgrants/"' in html
    assert 'href="/en/my/"' in html


def test_the_rules_lead_someone_without_a_group_to_my_groups(client):
    client.force_login(UserFactory())

    html = client.get("/en/microgrants/").content.decode()

    assert 'href="/en/my/"' in html


def test_the_pages_render_in_dutch(client, group, requester):
    grant = MicrograntRequestFactory(group=group, requested_by=requester)

    for url in (
        "/nl/microgrants/",
        "/nl/my/groups/belgium/microgrants/",
        "/nl/my/groups/belgium/microgrants/new/",
        f"/nl/my/groups/belgium/microgrants/{grant.pk}/",
        f"/nl/my/groups/belgium/microgrants/{grant.pk}/edit/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="nl">' in html, url
        assert 'href="/nl/microgrants/"' in html, url


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
    grant = MicrograntRequest.objects.get(pk=world["approved"])

    with pytest.raises(MicrograntError, match="still organize"):
        microgrant_accept_letter(grant=grant, user=requester, full_name="Ann Requester")

    grant.refresh_from_db()
    assert grant.status == "approved"


def test_the_oversight_team_still_sees_a_removed_requesters_history(client, world):
    requester = world["people"]["requester"]
    grant = MicrograntRequest.objects.get(pk=world["submitted"])
    MicrograntEvent.objects.create(
        request=grant, actor=requester, from_status="draft", to_status="submitted"
    )
    requester.group_memberships.all().delete()
    log_in_with_second_factor(client, world["people"]["oversight"])

    page = client.get(f"/en/my/groups/group-a/microgrants/{grant.pk}/")
    admin_page = client.get(f"/admin/microgrants/micrograntrequest/{grant.pk}/change/")

    assert page.status_code == admin_page.status_code == 200
    assert requester.get_username() in admin_page.content.decode()
    assert "Submitted" in page.content.decode()
