"""The oversight team's microgrant queue, review buttons and budget overview in the admin."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from microgrants.models import MicrograntEvent, MicrograntFile, MicrograntRequest
from microgrants.services import microgrant_accept_letter, microgrant_submit_report
from tests.conftest import log_in_with_second_factor, make_oversight_member
from tests.factories import (
    MembershipFactory,
    MicrograntRequestFactory,
    NationalGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/microgrants/micrograntrequest/"
BUDGET = f"{CHANGELIST}budget/"
BUDGET_CSV = f"{CHANGELIST}budget/csv/"
PDF = b"%PDF-1.4 a receipt"


@pytest.fixture(autouse=True)
def english_again_afterwards():
    """A request in Dutch leaves Dutch active in the thread; the next test expects English."""
    yield
    translation.deactivate()


@pytest.fixture
def second_member(settings):
    return make_oversight_member(settings, username="rik")


@pytest.fixture
def second_client(second_member):
    return log_in_with_second_factor(Client(), second_member)


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def receipt(grant):
    return MicrograntFile.objects.create(
        request=grant,
        kind=MicrograntFile.Kind.RECEIPT,
        file=ContentFile(PDF, name="receipt.pdf"),
        original_name="venue-invoice.pdf",
        content_type="application/pdf",
        uploaded_by=grant.requested_by,
    )


def review(client, grant, decision, **data):
    """A decision as the change page posts it, with the version the page shows."""
    return client.post(
        f"{CHANGELIST}{grant.pk}/review/",
        {"decision": decision, **version_shown(client, grant), **data},
        follow=True,
    )


def version_shown(client, grant) -> dict:
    form = client.get(f"{CHANGELIST}{grant.pk}/change/").context.get("review_form")
    if form is None:  # no decision offered to this visitor
        return {}
    return {name: form[name].value() for name in ("edit_version", "edit_seen")}


def status_of(grant):
    grant.refresh_from_db()
    return grant.status


def page(response):
    assert response.status_code == 200
    return response.content.decode()


# The queue -----------------------------------------------------------------


def test_oversight_member_opens_the_queue_and_a_request(oversight_client, oversight_member):
    assert not oversight_member.is_superuser
    grant = MicrograntRequestFactory(
        status="in_review",
        title="Flyers for Ghent",
        group=NationalGroupFactory(name_en="PauseAI Belgium"),
    )
    receipt_file = receipt(
        MicrograntRequestFactory(status="paid", group=grant.group, title="Launch")
    )

    queue = page(oversight_client.get(CHANGELIST))
    change = page(oversight_client.get(f"{CHANGELIST}{grant.pk}/change/"))
    paid = page(oversight_client.get(f"{CHANGELIST}{receipt_file.request_id}/change/"))

    assert "Flyers for Ghent" in queue and "PauseAI Belgium" in queue
    assert "EUR 800.00" in queue
    assert "Budget overview" in queue
    assert "Flyers for Ghent" in change
    assert "Venue" in change  # the budget line inline
    assert "NL00 BANK" in change  # payee details, for the payment
    assert 'name="_save"' not in change
    assert "venue-invoice.pdf" in paid


def test_queue_lists_the_oldest_request_first_with_its_age_and_a_due_flag(oversight_client):
    MicrograntRequestFactory(status="submitted", title="Recent request", submitted_at=days_ago(5))
    MicrograntRequestFactory(status="submitted", title="Old request", submitted_at=days_ago(22))
    MicrograntRequestFactory(status="draft", title="Unsent draft", submitted_at=None)

    queue = page(oversight_client.get(CHANGELIST))

    assert queue.index("Old request") < queue.index("Recent request") < queue.index("Unsent draft")
    assert "22 days" in queue and "5 days" in queue
    # Past three weeks without a decision: flagged; five days: not yet.
    assert queue.count('alt="True"') == 1
    assert queue.count('alt="False"') == 2


def test_queue_shows_the_groups_totals_this_year_in_the_requests_currency(oversight_client):
    group = NationalGroupFactory()
    MicrograntRequestFactory(status="closed", group=group, amount_requested=Decimal("1000.00"))
    MicrograntRequestFactory(status="approved", group=group, amount_requested=Decimal("700.00"))
    MicrograntRequestFactory(status="withdrawn", group=group, amount_requested=Decimal("300.00"))
    MicrograntRequestFactory(
        status="submitted", group=group, currency="GBP", amount_requested=Decimal("50.00")
    )
    last_year = timezone.now().replace(month=6, day=1) - datetime.timedelta(days=366)
    MicrograntRequestFactory(
        status="closed", group=group, amount_requested=Decimal("900.00"), submitted_at=last_year
    )

    queue = page(oversight_client.get(CHANGELIST))

    # Requested: 1000 + 700 (withdrawn and last year's left out); approved the
    # same; shown on each of the group's four rows in euros.
    assert queue.count("EUR 1,700.00 / 1,700.00") == 4
    assert "GBP 50.00 / 0.00" in queue


def changelist_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(queries)


def fill_queue(size):
    for index in range(size):
        grant = MicrograntRequestFactory(
            status=("submitted", "in_review", "paid")[index % 3], submitted_at=days_ago(index)
        )
        receipt(grant)


def test_queue_runs_the_same_number_of_queries_for_3_and_30_requests(oversight_client):
    fill_queue(3)
    small = changelist_queries(oversight_client)
    fill_queue(27)
    large = changelist_queries(oversight_client)

    # Session, user, the user's own and group permissions, the group filter's
    # choices, the year filter's choices, the filtered count, the total count,
    # and the rows (group joined; the group's totals this year are subqueries
    # of the same query).
    assert small == 9
    assert large == small


def test_queue_filters_by_status_currency_and_year(oversight_client):
    MicrograntRequestFactory(status="in_review", title="Reviewing this", submitted_at=days_ago(1))
    MicrograntRequestFactory(
        status="submitted", title="Pounds please", currency="GBP", submitted_at=days_ago(1)
    )
    old = days_ago(1).replace(year=2024, month=3, day=1)
    MicrograntRequestFactory(status="closed", title="Long done", submitted_at=old)

    in_review = page(oversight_client.get(f"{CHANGELIST}?status__exact=in_review"))
    pounds = page(oversight_client.get(f"{CHANGELIST}?currency__exact=GBP"))
    of_2024 = page(oversight_client.get(f"{CHANGELIST}?year=2024"))
    bad_year = oversight_client.get(f"{CHANGELIST}?year=last")

    assert "Reviewing this" in in_review and "Pounds please" not in in_review
    assert "Pounds please" in pounds and "Reviewing this" not in pounds
    assert "Long done" in of_2024 and "Reviewing this" not in of_2024
    assert "2024" in page(oversight_client.get(CHANGELIST))  # a choice in the year filter
    assert bad_year.status_code == 302 and "e=1" in bad_year.url


def test_queue_searches_titles_group_names_and_requester_addresses(oversight_client):
    MicrograntRequestFactory(
        status="submitted",
        title="Flyers",
        group=NationalGroupFactory(name_en="PauseAI Kenya", name_nl="Kenia"),
    )
    MicrograntRequestFactory(
        status="submitted", title="Workshop", requested_by=UserFactory(email="sam@example.net")
    )

    by_title = page(oversight_client.get(f"{CHANGELIST}?q=flyers"))
    by_group = page(oversight_client.get(f"{CHANGELIST}?q=kenia"))
    by_email = page(oversight_client.get(f"{CHANGELIST}?q=sam@example.net"))

    assert "Flyers" in by_title and "Workshop" not in by_title
    assert "Flyers" in by_group and "Workshop" not in by_group
    assert "Workshop" in by_email and "Flyers" not in by_email


def test_statuses_and_amounts_cannot_be_changed_by_posting_the_form(oversight_client):
    grant = MicrograntRequestFactory(status="submitted")

    oversight_client.post(
        f"{CHANGELIST}{grant.pk}/change/",
        {"status": "approved", "amount_approved": "800", "title": "Changed"},
    )

    grant.refresh_from_db()
    assert (grant.status, grant.amount_approved, grant.title) == (
        "submitted",
        None,
        "Launch event in the capital",
    )
    assert oversight_client.get(f"{CHANGELIST}add/").status_code == 403
    assert oversight_client.post(f"{CHANGELIST}{grant.pk}/delete/").status_code == 403
    assert MicrograntRequest.objects.filter(pk=grant.pk).exists()


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
    grant = MicrograntRequestFactory(
        status="submitted",
        payment_method=MicrograntRequest.PaymentMethod.REIMBURSEMENT,
        submitted_at=days_ago(3),
    )
    requester = grant.requested_by

    review(oversight_client, grant, "start_review")
    assert status_of(grant) == "in_review"
    approved = review(oversight_client, grant, "approve", amount="650.00")
    assert status_of(grant) == "approved"
    assert "approved: EUR 650.00" in page(approved)

    microgrant_accept_letter(grant=grant, user=requester, full_name="Ann Organizer")
    no_receipt = review(
        oversight_client, grant, "mark_paid", paid_on="2026-03-02", payment_reference="SEPA-7"
    )
    assert status_of(grant) == "letter_accepted"
    assert "A reimbursement is paid against receipts; none are uploaded." in page(no_receipt)
    receipt(grant)
    review(oversight_client, grant, "mark_paid", paid_on="2026-03-02", payment_reference="SEPA-7")
    assert status_of(grant) == "paid"
    assert (grant.paid_on, grant.payment_reference) == (datetime.date(2026, 3, 2), "SEPA-7")

    microgrant_submit_report(
        grant=grant, user=requester, done="The event.", numbers="", learnings=""
    )
    review(oversight_client, grant, "return_report", note="Add the photos, please.")
    assert status_of(grant) == "paid"
    microgrant_submit_report(grant=grant, user=requester, done="Photos.", numbers="", learnings="")
    closed = review(oversight_client, grant, "accept_report")

    assert status_of(grant) == "closed"
    assert "report accepted; the grant is closed." in page(closed)
    assert grant.amount_approved == Decimal("650.00")
    assert list(grant.events.values_list("to_status", flat=True)) == [
        "in_review",
        "approved",
        "letter_accepted",
        "paid",
        "report_submitted",
        "paid",
        "report_submitted",
        "closed",
    ]
    assert grant.events.get(from_status="report_submitted", to_status="paid").note == (
        "Add the photos, please."
    )


def test_asking_for_information_then_rejecting(oversight_client):
    grant = MicrograntRequestFactory(status="in_review")

    review(oversight_client, grant, "request_info", note="Which venue?")
    assert status_of(grant) == "more_info_needed"
    # A stray value in a field the decision does not use is no obstacle.
    review(oversight_client, grant, "reject", note="Outside the strategy.", amount="lots")

    assert status_of(grant) == "rejected"
    assert grant.events.last().note == "Outside the strategy."


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
    grant = MicrograntRequestFactory(status=status)

    refused = review(oversight_client, grant, decision, note="   ")

    assert refusal in page(refused)
    assert status_of(grant) == status
    assert not grant.events.exists()


def test_marking_paid_needs_a_date_and_a_reference(oversight_client):
    grant = MicrograntRequestFactory(status="letter_accepted")

    no_reference = review(oversight_client, grant, "mark_paid", paid_on="2026-03-02")
    no_date = review(oversight_client, grant, "mark_paid", payment_reference="SEPA-7")
    bad_date = review(
        oversight_client, grant, "mark_paid", paid_on="yesterday", payment_reference="SEPA-7"
    )

    assert "Give the payment reference." in page(no_reference)
    assert "Give the date of the payment." in page(no_date)
    assert "Paid on: Enter a valid date." in page(bad_date)
    assert status_of(grant) == "letter_accepted"


def test_a_decision_that_no_longer_fits_the_status_is_refused(oversight_client):
    grant = MicrograntRequestFactory(status="letter_accepted")

    stale = review(oversight_client, grant, "return_report", note="From an old tab.")
    unknown = review(oversight_client, grant, "make_it_so")

    assert "is grant letter accepted now; “Return the report for changes” is not possible" in (
        page(stale)
    )
    assert "Choose a valid decision." in page(unknown)
    assert status_of(grant) == "letter_accepted"


def test_review_url_refuses_get_and_people_outside_the_team(oversight_client):
    client = Client()
    grant = MicrograntRequestFactory(status="submitted")
    outsider = UserFactory(is_staff=True)
    client.force_login(outsider)

    assert oversight_client.get(f"{CHANGELIST}{grant.pk}/review/").status_code == 403
    assert (
        client.post(f"{CHANGELIST}{grant.pk}/review/", {"decision": "start_review"}).status_code
        == 403
    )
    assert status_of(grant) == "submitted"


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
    grant = MicrograntRequestFactory(status="in_review", requested_by=oversight_member)

    refused = review(oversight_client, grant, "approve", amount="800.00")

    assert "You cannot review a request you made yourself." in page(refused)
    assert status_of(grant) == "in_review"


def test_a_team_member_cannot_approve_for_a_group_they_organize(oversight_client, oversight_member):
    grant = MicrograntRequestFactory(status="in_review")
    MembershipFactory(group=grant.group, user=oversight_member)

    refused = review(oversight_client, grant, "approve", amount="800.00")

    assert "You cannot review a request of a group you organize." in page(refused)
    assert status_of(grant) == "in_review"
    assert not grant.approvals.exists()


def test_a_large_grant_needs_two_different_members(settings, oversight_client, second_client):
    amount = Decimal(settings.MICROGRANT_TWO_APPROVALS_ABOVE_EUR) + Decimal("500.00")
    grant = MicrograntRequestFactory(status="in_review", amount_requested=amount)

    change = page(oversight_client.get(f"{CHANGELIST}{grant.pk}/change/"))
    first = review(oversight_client, grant, "approve", amount=str(amount))
    again = review(oversight_client, grant, "approve", amount=str(amount))

    assert "needs 2 approvals from different oversight members; it has 0." in change
    assert "a second oversight member must approve it too" in page(first)
    assert "You already approved this request" in page(again)
    assert status_of(grant) == "in_review"
    assert grant.approvals.count() == 1

    second = review(second_client, grant, "approve", amount=str(amount - 100))

    assert status_of(grant) == "approved"
    assert grant.amount_approved == amount - 100  # the smaller amount both agreed to
    assert "approved: EUR" in page(second)
    assert MicrograntEvent.objects.filter(request=grant, to_status="approved").count() == 1


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


# The budget ----------------------------------------------------------------


@pytest.fixture
def small_budget():
    """Two groups, two currencies, two years; every status the budget counts differently."""
    belgium = NationalGroupFactory(name_en="PauseAI Belgium", name_nl="PauseAI België")
    danmark = NationalGroupFactory(name_en="PauseAI Danmark", name_nl="PauseAI Denemarken")
    now = timezone.now()
    MicrograntRequestFactory(status="closed", group=belgium, amount_requested=Decimal("800.00"))
    MicrograntRequestFactory(status="in_review", group=belgium, amount_requested=Decimal("500.00"))
    MicrograntRequestFactory(status="rejected", group=belgium, amount_requested=Decimal("200.00"))
    MicrograntRequestFactory(status="withdrawn", group=belgium, amount_requested=Decimal("300.00"))
    MicrograntRequestFactory(
        status="draft", group=belgium, amount_requested=Decimal("999.00"), submitted_at=None
    )
    MicrograntRequestFactory(
        status="approved",
        group=belgium,
        currency="GBP",
        amount_requested=Decimal("400.00"),
        amount_approved=Decimal("350.00"),
    )
    MicrograntRequestFactory(
        status="paid",
        group=danmark,
        amount_requested=Decimal("1000.00"),
        amount_approved=Decimal("900.00"),
        submitted_at=now.replace(year=now.year - 1, month=6, day=1),
    )
    return now.year


def test_budget_csv_has_requested_approved_and_paid_per_group_year_and_currency(
    oversight_client, small_budget
):
    this_year, last_year = small_budget, small_budget - 1

    response = oversight_client.get(BUDGET_CSV)
    only_last_year = oversight_client.get(f"{BUDGET_CSV}?year={last_year}")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="microgrant-budget-all-years.csv"'
    )
    assert response.content.decode() == (
        "Year,National group,Currency,Requested,Approved,Paid\r\n"
        f"{this_year},PauseAI Belgium,EUR,1500.00,800.00,800.00\r\n"
        f"{this_year},PauseAI Belgium,GBP,400.00,350.00,0.00\r\n"
        f"{last_year},PauseAI Danmark,EUR,1000.00,900.00,900.00\r\n"
    )
    assert only_last_year.content.decode() == (
        "Year,National group,Currency,Requested,Approved,Paid\r\n"
        f"{last_year},PauseAI Danmark,EUR,1000.00,900.00,900.00\r\n"
    )


def test_budget_csv_keeps_a_group_name_from_becoming_a_formula(oversight_client):
    MicrograntRequestFactory(
        status="submitted", group=NationalGroupFactory(name_en="=HYPERLINK(1)")
    )

    rows = oversight_client.get(BUDGET_CSV).content.decode().splitlines()

    assert rows[1].split(",")[1] == "'=HYPERLINK(1)"


def test_budget_overview_shows_the_same_table_and_filters_by_year(oversight_client, small_budget):
    last_year = small_budget - 1

    with CaptureQueriesContext(connection) as queries:
        overview = page(oversight_client.get(BUDGET))
    # Read now: the next request empties the connection's query log.
    query_count = len(queries)
    of_last_year = page(oversight_client.get(f"{BUDGET}?year={last_year}"))
    in_dutch = page(oversight_client.get(BUDGET, headers={"accept-language": "nl"}))

    # Session, user, the user's permissions (own and group), the years to
    # filter by, and the table itself: one aggregate query.
    assert query_count == 6
    assert "PauseAI Belgium" in overview and "PauseAI Danmark" in overview
    assert "1,500.00" in overview and "350.00" in overview
    assert f"budget/csv/?year={last_year}" in of_last_year
    assert "PauseAI Danmark" in of_last_year and "PauseAI Belgium" not in of_last_year
    assert "PauseAI België" in in_dutch


def test_only_the_oversight_team_sees_the_budget(client, small_budget):
    assert client.get(BUDGET).status_code == 302  # to the admin's login
    assert client.get(BUDGET_CSV).status_code == 302
    client.force_login(UserFactory(is_staff=True))
    assert client.get(BUDGET).status_code == 403
    assert client.get(BUDGET_CSV).status_code == 403


def test_view_permission_alone_opens_the_budget(client, small_budget):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_micrograntrequest"))
    client.force_login(viewer)

    assert client.get(BUDGET).status_code == 200
    assert (
        client.get(f"{CHANGELIST}{MicrograntRequest.objects.first().pk}/change/").status_code == 200
    )
    # Seeing is not deciding.
    grant = MicrograntRequest.objects.get(status="in_review")
    assert client.post(f"{CHANGELIST}{grant.pk}/review/", {"decision": "reject"}).status_code == 403
