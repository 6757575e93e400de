"""One request's page: its history, actions, grant letter, files and report."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from microgrants.models import MicrograntEvent
from tests.factories import (
    MembershipFactory,
    MicrograntRequestFactory,
)
from tests.microgrants.helpers import jpeg_bytes, png_bytes, receipt_for

pytestmark = pytest.mark.django_db


# One request: its page, actions, letter, files and report ---------------------


def test_the_page_shows_the_budget_payee_and_whole_history(
    client, group, requester, oversight_member
):
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="draft")
    client.post(f"/en/my/groups/belgium/microgrants/{microgrant.pk}/submit/")
    microgrant.refresh_from_db()
    MicrograntEvent.objects.create(
        request=microgrant,
        actor=oversight_member,
        from_status="submitted",
        to_status="in_review",
        note="Looking at it this week.",
    )

    html = client.get(f"/en/my/groups/belgium/microgrants/{microgrant.pk}/").content.decode()

    assert microgrant.status == "submitted"
    assert "NL00 BANK 0123 4567 89" in html
    assert "Venue" in html and "€800" in html
    assert "Draft → Submitted" in html
    assert "Submitted → In review" in html and "Looking at it this week." in html
    assert oversight_member.email in html


def test_a_lead_follows_the_request_but_cannot_submit_it(client, group):
    microgrant = MicrograntRequestFactory(group=group)
    lead = MembershipFactory(group=group, role="communications_lead").user
    client.force_login(lead)

    page = client.get(f"/en/my/groups/belgium/microgrants/{microgrant.pk}/")
    refused = client.post(f"/en/my/groups/belgium/microgrants/{microgrant.pk}/submit/")

    assert "NL00 BANK 0123 4567 89" in page.content.decode()
    assert refused.status_code == 400
    assert "Only the person who asked for this microgrant can do this." in refused.content.decode()
    microgrant.refresh_from_db()
    assert microgrant.status == "draft"


def test_the_requester_withdraws_before_a_decision(client, group, requester):
    microgrant = MicrograntRequestFactory(
        group=group, requested_by=requester, status="submitted", submitted_at=timezone.now()
    )

    response = client.post(
        f"/en/my/groups/belgium/microgrants/{microgrant.pk}/withdraw/", follow=True
    )

    assert "The request is withdrawn." in response.content.decode()
    microgrant.refresh_from_db()
    assert microgrant.status == "withdrawn"


def test_a_decided_request_cannot_be_withdrawn(client, group, requester):
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="approved")

    response = client.post(f"/en/my/groups/belgium/microgrants/{microgrant.pk}/withdraw/")

    assert response.status_code == 400
    assert "it cannot become withdrawn" in response.content.decode()


def test_the_grant_letter_states_the_terms_and_is_accepted_by_full_name(client, group, requester):
    microgrant = MicrograntRequestFactory(
        group=group,
        requested_by=requester,
        status="approved",
        amount_approved=Decimal("650.00"),
        payment_method="advance",
    )
    letter_url = f"/en/my/groups/belgium/microgrants/{microgrant.pk}/letter/"

    requester.first_name = "Ann Marie Requester"
    requester.save()
    letter = client.get(letter_url).content.decode()
    response = client.post(letter_url, {"full_name": "Ann Marie Requester"})
    accepted = client.get(letter_url).content.decode()

    for term in (
        "Launch event in the capital",
        "A venue for 80 people",
        "€650",
        "The event, a photo report, ten new volunteers.",
        "Advance",
        "The recipient is responsible for their own taxes.",
    ):
        assert term in letter
    assert response.status_code == 302
    microgrant.refresh_from_db()
    assert microgrant.status == "letter_accepted"
    assert microgrant.letter_accepted_name == "Ann Marie Requester"
    assert "Accepted by Ann Marie Requester on" in accepted
    assert 'name="full_name"' not in accepted


def test_the_letter_needs_a_name(client, group, requester):
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="approved")

    response = client.post(
        f"/en/my/groups/belgium/microgrants/{microgrant.pk}/letter/", {"full_name": " "}
    )

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    microgrant.refresh_from_db()
    assert microgrant.status == "approved"


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
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")

    response = client.post(
        f"/en/my/groups/belgium/microgrants/{microgrant.pk}/files/",
        {"kind": "receipt", "upload": SimpleUploadedFile(name, content, "text/plain")},
    )

    assert response.status_code == 302
    microgrant_file = microgrant.files.get()
    assert microgrant_file.content_type == content_type and microgrant_file.original_name == name
    assert microgrant_file.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not microgrant_file.file.path.startswith(str(settings.MEDIA_ROOT))


def test_a_text_file_named_like_a_pdf_is_refused(client, group, requester):
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")

    response = client.post(
        f"/en/my/groups/belgium/microgrants/{microgrant.pk}/files/",
        {
            "kind": "receipt",
            "upload": SimpleUploadedFile("receipt.pdf", b"just some text", "application/pdf"),
        },
    )

    assert response.status_code == 400
    assert "Upload a PDF, PNG or JPEG file." in response.content.decode()
    assert not microgrant.files.exists()


def test_a_file_over_the_limit_is_refused(client, group, requester, settings):
    settings.MICROGRANT_FILE_MAX_BYTES = 10
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")

    response = client.post(
        f"/en/my/groups/belgium/microgrants/{microgrant.pk}/files/",
        {"kind": "receipt", "upload": SimpleUploadedFile("big.pdf", b"%PDF-1.4 " + b"x" * 20)},
    )

    assert response.status_code == 400
    assert "A file may be at most" in response.content.decode()
    assert not microgrant.files.exists()


def test_an_upload_without_a_file_is_explained(client, group, requester):
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")

    response = client.post(
        f"/en/my/groups/belgium/microgrants/{microgrant.pk}/files/", {"kind": "receipt"}
    )

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_the_receipt_downloads_for_the_requester_only_not_another_groups_organizer(
    client, group, requester
):
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")
    receipt = receipt_for(microgrant, content=b"%PDF-1.4 the printer's invoice", name="invoice.pdf")
    url = f"/en/my/groups/belgium/microgrants/{microgrant.pk}/files/{receipt.pk}/"

    response = client.get(url)
    client.force_login(MembershipFactory(role="national_lead").user)
    stranger = client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 the printer's invoice"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="invoice.pdf"'
    assert stranger.status_code == 404


def test_the_report_is_sent_with_receipts(client, group, requester):
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")
    receipt_for(microgrant)
    report_url = f"/en/my/groups/belgium/microgrants/{microgrant.pk}/report/"

    response = client.post(
        report_url,
        {
            "report_done": "The launch event, with 90 people.",
            "report_numbers": "90 attendees, 12 new volunteers",
            "report_learnings": "Start the press work earlier.",
        },
    )

    assert response.status_code == 302
    microgrant.refresh_from_db()
    assert microgrant.status == "report_submitted"
    assert microgrant.report_numbers == "90 attendees, 12 new volunteers"
    page = client.get(f"/en/my/groups/belgium/microgrants/{microgrant.pk}/").content.decode()
    assert "Start the press work earlier." in page


def test_a_report_without_receipts_is_refused_and_kept(client, group, requester):
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")

    response = client.post(
        f"/en/my/groups/belgium/microgrants/{microgrant.pk}/report/",
        {"report_done": "The launch event, with 90 people."},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Upload the receipts before sending the report." in html
    assert "The launch event, with 90 people." in html
    microgrant.refresh_from_db()
    assert microgrant.status == "paid"
    # Beside the receipts it is about, not at the top of the form.
    receipts = html[html.index('id="receipts-title"') : html.index('<form method="post"')]
    assert "Upload the receipts before sending the report." in receipts


def test_the_report_form_reads_like_the_other_forms(client, group, requester):
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")

    html = client.get(f"/en/my/groups/belgium/microgrants/{microgrant.pk}/report/").content.decode()

    labels = re.findall(r"<label[^>]*>([^<]+)</label>", html)
    assert "What was done against the deliverables" in labels
    assert "Numbers reached" in labels
    assert not [label for label in labels if label.endswith(":")]


def test_a_report_needs_what_was_done(client, group, requester):
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")
    receipt_for(microgrant)

    response = client.post(
        f"/en/my/groups/belgium/microgrants/{microgrant.pk}/report/", {"report_numbers": "90"}
    )

    assert response.status_code == 400
    assert "This field is required." in " ".join(response.context["form"].errors["report_done"])


def approved_microgrant(group, requester):
    return MicrograntRequestFactory(
        group=group, requested_by=requester, status="approved", amount_approved=Decimal("650.00")
    )


def test_the_letter_is_accepted_only_in_the_requesters_own_name(client, group, requester):
    requester.first_name = "Anne-Marie Duchêne"
    requester.save()
    microgrant = approved_microgrant(group, requester)
    letter_url = f"/en/my/groups/belgium/microgrants/{microgrant.pk}/letter/"

    refused = client.post(letter_url, {"full_name": "Somebody Else"})
    microgrant.refresh_from_db()
    assert refused.status_code == 400
    assert microgrant.status == "approved"
    page = refused.content.decode()
    assert "This is not the name on your account (Anne-Marie Duchêne)" in page
    assert 'value="Somebody Else"' in page

    # Case, accents and spacing forgiven.
    accepted = client.post(letter_url, {"full_name": "  anne-marie   duchene "})
    microgrant.refresh_from_db()
    assert accepted.status_code == 302
    assert microgrant.status == "letter_accepted"


def test_without_a_name_on_the_account_the_letter_asks_for_it_first(client, group, requester):
    microgrant = approved_microgrant(group, requester)
    letter_url = f"/en/my/groups/belgium/microgrants/{microgrant.pk}/letter/"

    page = client.get(letter_url).content.decode()
    refused = client.post(letter_url, {"full_name": "Ann Requester"})

    assert 'href="/en/my/name/?next=' in page
    assert refused.status_code == 400
    assert "Add your full name to your account first" in refused.content.decode()
    response = client.post("/en/my/name/", {"full_name": "Ann Requester", "next": letter_url})
    assert response.status_code == 302 and response["Location"] == letter_url
    assert client.post(letter_url, {"full_name": "Ann Requester"}).status_code == 302


def test_the_name_page_sends_back_only_to_this_site(client, requester):
    response = client.post("/en/my/name/", {"full_name": "Ann", "next": "https://evil.example/"})

    assert response.status_code == 302 and response["Location"] == "/en/my/"


def test_the_letter_names_the_requester_by_name_and_offers_to_correct_it(client, group, requester):
    requester.first_name = "Ann Requestr"
    requester.save()
    microgrant = approved_microgrant(group, requester)
    letter_url = f"/en/my/groups/belgium/microgrants/{microgrant.pk}/letter/"

    page = client.get(letter_url).content.decode()

    assert "requested by Ann Requestr, on these terms" in page
    assert requester.email not in page.split('class="grant-letter"')[1].split("</article>")[0]
    # A typo in the name given at sign-up is corrected before accepting.
    assert f'href="/en/my/name/?next={letter_url}"' in page


def test_the_full_name_page_is_part_of_the_account_pages(client, requester):
    account = client.get("/en/accounts/email/").content.decode()
    name_page = client.get("/en/my/name/").content.decode()

    assert 'href="/en/my/name/"' in account
    assert 'class="account-nav"' in name_page and 'aria-current="page"' in name_page
