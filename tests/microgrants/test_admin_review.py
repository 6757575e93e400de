"""The admin's review buttons, four eyes, and the files, through the workflow's services."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from microgrants.models import MicrograntEvent, MicrograntRequest
from microgrants.services import (
    microgrant_accept_letter,
    microgrant_submit,
    microgrant_submit_report,
)
from tests.conftest import make_oversight_member
from tests.factories import (
    MembershipFactory,
    MicrograntRequestFactory,
    UserFactory,
)
from tests.microgrants.helpers import (
    CHANGELIST,
    PDF,
    days_ago,
    page,
    receipt,
    review,
    status_of,
)

pytestmark = pytest.mark.django_db


# The review buttons --------------------------------------------------------


def test_change_page_offers_only_the_buttons_that_fit_the_status(oversight_client):
    submitted = page(
        oversight_client.get(
            f"{CHANGELIST}{MicrograntRequestFactory(status='submitted').pk}/change/"
        )
    )
    in_review = page(
        oversight_client.get(
            f"{CHANGELIST}{MicrograntRequestFactory(status='in_review').pk}/change/"
        )
    )
    letter = page(
        oversight_client.get(
            f"{CHANGELIST}{MicrograntRequestFactory(status='letter_accepted').pk}/change/"
        )
    )
    closed = page(
        oversight_client.get(f"{CHANGELIST}{MicrograntRequestFactory(status='closed').pk}/change/")
    )

    def buttons(html):
        return {
            name
            for name in (
                "start_review",
                "request_info",
                "approve",
                "reject",
                "mark_paid",
                "accept_report",
                "return_report",
            )
            if f'value="{name}"' in html
        }

    assert buttons(submitted) == {"start_review", "reject"}
    assert buttons(in_review) == {"request_info", "approve", "reject"}
    assert 'name="amount" value="800.00"' in in_review  # the requested amount by default
    assert buttons(letter) == {"mark_paid"}
    assert 'name="payment_reference"' in letter and 'name="amount"' not in letter
    assert buttons(closed) == set()


def test_review_buttons_walk_a_request_from_submitted_to_closed(oversight_client):
    microgrant = MicrograntRequestFactory(
        status="submitted",
        payment_method=MicrograntRequest.PaymentMethod.REIMBURSEMENT,
        submitted_at=days_ago(3),
    )
    requester = microgrant.requested_by

    review(oversight_client, microgrant, "start_review")
    assert status_of(microgrant) == "in_review"
    approved = review(oversight_client, microgrant, "approve", amount="650.00")
    assert status_of(microgrant) == "approved"
    assert "approved: €650." in page(approved)

    microgrant_accept_letter(microgrant=microgrant, user=requester, full_name="Ann Organizer")
    no_receipt = review(
        oversight_client, microgrant, "mark_paid", paid_on="2026-03-02", payment_reference="SEPA-7"
    )
    assert status_of(microgrant) == "letter_accepted"
    assert "A reimbursement is paid against receipts; none are uploaded." in page(no_receipt)
    receipt(microgrant)
    review(
        oversight_client, microgrant, "mark_paid", paid_on="2026-03-02", payment_reference="SEPA-7"
    )
    assert status_of(microgrant) == "paid"
    assert (microgrant.paid_on, microgrant.payment_reference) == (
        datetime.date(2026, 3, 2),
        "SEPA-7",
    )

    microgrant_submit_report(
        microgrant=microgrant, user=requester, done="The event.", numbers="", learnings=""
    )
    review(oversight_client, microgrant, "return_report", note="Add the photos, please.")
    assert status_of(microgrant) == "paid"
    microgrant_submit_report(
        microgrant=microgrant, user=requester, done="Photos.", numbers="", learnings=""
    )
    closed = review(oversight_client, microgrant, "accept_report")

    assert status_of(microgrant) == "closed"
    assert "report accepted; the grant is closed." in page(closed)
    assert microgrant.amount_approved == Decimal("650.00")
    assert list(microgrant.events.values_list("to_status", flat=True)) == [
        "in_review",
        "approved",
        "letter_accepted",
        "paid",
        "report_submitted",
        "paid",
        "report_submitted",
        "closed",
    ]
    assert microgrant.events.get(from_status="report_submitted", to_status="paid").note == (
        "Add the photos, please."
    )


def test_asking_for_information_then_rejecting(oversight_client):
    microgrant = MicrograntRequestFactory(status="in_review")

    review(oversight_client, microgrant, "request_info", note="Which venue?")
    assert status_of(microgrant) == "more_info_needed"
    # A stray value in a field the decision does not use is no obstacle.
    review(oversight_client, microgrant, "reject", note="Outside the strategy.", amount="lots")

    assert status_of(microgrant) == "rejected"
    assert microgrant.events.last().note == "Outside the strategy."


@pytest.mark.parametrize(
    "status, decision, refusal",
    [
        ("in_review", "request_info", "Say what information you need."),
        ("submitted", "reject", "Give the reason for the rejection."),
        ("report_submitted", "return_report", "Say what the report needs."),
    ],
)
def test_decisions_that_need_a_note_are_refused_without_one(
    oversight_client, status, decision, refusal
):
    microgrant = MicrograntRequestFactory(status=status)

    refused = review(oversight_client, microgrant, decision, note="   ")

    assert refusal in page(refused)
    assert status_of(microgrant) == status
    assert not microgrant.events.exists()


def test_marking_paid_needs_a_date_and_a_reference(oversight_client):
    microgrant = MicrograntRequestFactory(status="letter_accepted")

    no_reference = review(oversight_client, microgrant, "mark_paid", paid_on="2026-03-02")
    no_date = review(oversight_client, microgrant, "mark_paid", payment_reference="SEPA-7")
    bad_date = review(
        oversight_client, microgrant, "mark_paid", paid_on="yesterday", payment_reference="SEPA-7"
    )

    assert "Give the payment reference." in page(no_reference)
    assert "Give the date of the payment." in page(no_date)
    assert "Paid on: Enter a valid date." in page(bad_date)
    assert status_of(microgrant) == "letter_accepted"
    # Each page comes back as the reviewer typed it, to correct.
    assert 'value="2026-03-02"' in page(no_reference)
    assert 'value="SEPA-7"' in page(no_date)
    assert 'value="yesterday"' in page(bad_date) and 'value="SEPA-7"' in page(bad_date)


def test_a_decision_that_no_longer_fits_the_status_is_refused(oversight_client):
    microgrant = MicrograntRequestFactory(status="letter_accepted")

    stale = review(oversight_client, microgrant, "return_report", note="From an old tab.")
    unknown = review(oversight_client, microgrant, "make_it_so")

    assert "is grant letter accepted now; “Return the report for changes” is not possible" in (
        page(stale)
    )
    assert "Choose a valid decision." in page(unknown)
    assert status_of(microgrant) == "letter_accepted"


def test_review_url_refuses_get_and_people_outside_the_team(oversight_client):
    client = Client()
    microgrant = MicrograntRequestFactory(status="submitted")
    outsider = UserFactory(is_staff=True)
    client.force_login(outsider)

    assert oversight_client.get(f"{CHANGELIST}{microgrant.pk}/review/").status_code == 403
    assert (
        client.post(
            f"{CHANGELIST}{microgrant.pk}/review/", {"decision": "start_review"}
        ).status_code
        == 403
    )
    assert status_of(microgrant) == "submitted"


def test_start_review_in_bulk_from_the_queue(oversight_client):
    first, second = (
        MicrograntRequestFactory(status="submitted"),
        MicrograntRequestFactory(status="submitted"),
    )
    closed = MicrograntRequestFactory(status="closed", title="Finished")

    response = oversight_client.post(
        CHANGELIST,
        {"action": "start_review", "_selected_action": [first.pk, second.pk, closed.pk]},
        follow=True,
    )

    assert (status_of(first), status_of(second), status_of(closed)) == (
        "in_review",
        "in_review",
        "closed",
    )
    assert "Finished: This request is closed; it cannot become in review." in page(response)


# Four eyes -----------------------------------------------------------------


def test_a_team_member_cannot_approve_their_own_request(oversight_client, oversight_member):
    microgrant = MicrograntRequestFactory(status="in_review", requested_by=oversight_member)

    refused = review(oversight_client, microgrant, "approve", amount="800.00")

    assert "You cannot review a request you made yourself." in page(refused)
    assert status_of(microgrant) == "in_review"


def test_a_team_member_cannot_approve_for_a_group_they_organize(oversight_client, oversight_member):
    microgrant = MicrograntRequestFactory(status="in_review")
    MembershipFactory(group=microgrant.group, user=oversight_member)

    refused = review(oversight_client, microgrant, "approve", amount="800.00")

    assert "You cannot review a request of a group you organize." in page(refused)
    assert status_of(microgrant) == "in_review"
    assert not microgrant.approvals.exists()


def test_a_member_who_organizes_the_group_is_not_offered_the_review(
    oversight_client, oversight_member
):
    microgrant = MicrograntRequestFactory(status="submitted")
    MembershipFactory(group=microgrant.group, user=oversight_member)

    change = page(oversight_client.get(f"{CHANGELIST}{microgrant.pk}/change/"))

    assert 'value="start_review"' not in change and 'value="reject"' not in change
    assert "You cannot review a request of a group you organize." in change


def test_the_new_request_email_skips_team_members_who_organize_the_group(
    settings, oversight_member, mailoutbox, django_capture_on_commit_callbacks
):
    other = make_oversight_member(settings, username="rik", email="rik@pauseai.info")
    microgrant = MicrograntRequestFactory()
    MembershipFactory(group=microgrant.group, user=oversight_member)

    with django_capture_on_commit_callbacks(execute=True):
        microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)

    assert [mail.to for mail in mailoutbox] == [[other.email]]


def test_a_large_microgrant_needs_two_different_members(settings, oversight_client, second_client):
    amount = Decimal(settings.MICROGRANT_TWO_APPROVALS_ABOVE_EUR) + Decimal("500.00")
    microgrant = MicrograntRequestFactory(status="in_review", amount_requested=amount)

    change = page(oversight_client.get(f"{CHANGELIST}{microgrant.pk}/change/"))
    first = review(oversight_client, microgrant, "approve", amount=str(amount))
    again = review(oversight_client, microgrant, "approve", amount=str(amount))

    assert "needs 2 approvals from different oversight members; it has 0." in change
    assert "a second oversight member must approve it too" in page(first)
    assert "You already approved this request" in page(again)
    assert status_of(microgrant) == "in_review"
    assert microgrant.approvals.count() == 1

    second = review(second_client, microgrant, "approve", amount=str(amount - 100))

    assert status_of(microgrant) == "approved"
    assert microgrant.amount_approved == amount - 100  # the smaller amount both agreed to
    assert f"approved: €{amount - 100:,.0f}." in page(second)
    assert MicrograntEvent.objects.filter(request=microgrant, to_status="approved").count() == 1


# Files ---------------------------------------------------------------------


def test_oversight_member_downloads_a_receipt_others_cannot(oversight_client):
    client = Client()
    attachment = receipt(MicrograntRequestFactory(status="paid"))
    url = f"{CHANGELIST}{attachment.request_id}/files/{attachment.pk}/"
    change = page(oversight_client.get(f"{CHANGELIST}{attachment.request_id}/change/"))
    client.force_login(UserFactory(is_staff=True))

    download = oversight_client.get(url)

    assert f'href="{url}"' in change
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert 'attachment; filename="venue-invoice.pdf"' == download["Content-Disposition"]
    assert client.get(url).status_code == 403
    other_request = MicrograntRequestFactory(status="paid")
    assert (
        oversight_client.get(f"{CHANGELIST}{other_request.pk}/files/{attachment.pk}/").status_code
        == 404
    )


def test_the_history_says_statuses_in_words_and_a_first_approval_as_no_change(
    settings, oversight_client
):
    amount = Decimal(settings.MICROGRANT_TWO_APPROVALS_ABOVE_EUR) + Decimal("500.00")
    microgrant = MicrograntRequestFactory(status="submitted", amount_requested=amount)
    review(oversight_client, microgrant, "start_review")
    review(oversight_client, microgrant, "approve", amount=str(amount))

    change = page(oversight_client.get(f"{CHANGELIST}{microgrant.pk}/change/"))

    assert "Submitted → In review" in change
    assert "In review → In review" not in change
    assert "In review (unchanged)" in change
    assert str(microgrant.events.first()) == "Submitted → In review"
