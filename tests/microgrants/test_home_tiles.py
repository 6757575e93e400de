"""The microgrant tiles of the admin's home page: each counts what its changelist link shows."""

from decimal import Decimal

import pytest

from microgrants.models import MicrograntApproval
from microgrants.selectors import this_year_in_euros
from tests.admin_home import change_url, changelist_behind, date_days_ago, days_ago, home, tile
from tests.factories import MicrograntRequestFactory, NationalGroupFactory, UserFactory

pytestmark = pytest.mark.django_db


def first_approval(microgrant, days):
    approval = MicrograntApproval.objects.create(
        request=microgrant, approver=UserFactory(), amount=microgrant.amount_requested
    )
    MicrograntApproval.objects.filter(pk=approval.pk).update(created_at=days_ago(days))


def reporting(status, *, ended_days_ago):
    """A granted request whose project ended that many days ago (its report is due 30 after)."""
    end = date_days_ago(ended_days_ago)
    return MicrograntRequestFactory(status=status, start_date=end, end_date=end)


def test_waiting_for_review_lists_the_oldest_first_and_highlights_those_older_than_a_week(
    oversight_client,
):
    old = MicrograntRequestFactory(status="submitted", submitted_at=days_ago(9))
    recent = MicrograntRequestFactory(status="in_review", submitted_at=days_ago(2))
    halfway = MicrograntRequestFactory(
        status="in_review", amount_requested=Decimal("1500.00"), submitted_at=days_ago(20)
    )
    first_approval(halfway, days=1)  # waits for a second approval instead
    MicrograntRequestFactory(status="more_info_needed", submitted_at=days_ago(30))
    MicrograntRequestFactory(status="draft")
    MicrograntRequestFactory(status="approved", submitted_at=days_ago(40))

    reading = tile(oversight_client, "microgrants-review")

    assert reading.count == 2
    assert [entry.url for entry in reading.entries] == [change_url(old), change_url(recent)]
    assert [entry.flagged for entry in reading.entries] == [True, False]
    assert reading.entries[0].detail == "9 days waiting"
    assert changelist_behind(oversight_client, reading.url) == (2, {old.pk, recent.pk})


def test_waiting_for_a_second_approval_lists_requests_with_one_approval(oversight_client):
    older = MicrograntRequestFactory(status="in_review", amount_requested=Decimal("1500.00"))
    newer = MicrograntRequestFactory(status="in_review", amount_requested=Decimal("1800.00"))
    first_approval(older, days=4)
    first_approval(newer, days=1)
    MicrograntRequestFactory(status="in_review")
    MicrograntRequestFactory(status="approved")

    reading = tile(oversight_client, "microgrants-second-approval")

    assert reading.count == 2
    assert [entry.url for entry in reading.entries] == [change_url(older), change_url(newer)]
    assert reading.entries[0].detail == "4 days waiting"
    assert changelist_behind(oversight_client, reading.url) == (2, {older.pk, newer.pk})


def test_letters_not_accepted_lists_approved_requests(oversight_client):
    approved = MicrograntRequestFactory(status="approved", title="Flyers")
    MicrograntRequestFactory(status="letter_accepted")
    MicrograntRequestFactory(status="in_review")

    reading = tile(oversight_client, "microgrants-letter")

    assert reading.count == 1
    assert reading.entries[0].label == f"{approved.group}: Flyers"
    assert changelist_behind(oversight_client, reading.url) == (1, {approved.pk})


def test_approved_but_unpaid_lists_accepted_letters_waiting_for_the_payment(oversight_client):
    older = MicrograntRequestFactory(status="letter_accepted", letter_accepted_at=days_ago(6))
    newer = MicrograntRequestFactory(status="letter_accepted", letter_accepted_at=days_ago(1))
    MicrograntRequestFactory(status="approved")
    MicrograntRequestFactory(status="paid")

    reading = tile(oversight_client, "microgrants-payment")

    assert reading.count == 2
    assert [entry.url for entry in reading.entries] == [change_url(older), change_url(newer)]
    assert reading.entries[0].detail == "6 days waiting"
    assert changelist_behind(oversight_client, reading.url) == (2, {older.pk, newer.pk})


def test_reports_due_within_a_week_leaves_out_the_overdue_and_the_later_ones(oversight_client):
    due_in_a_week = reporting("paid", ended_days_ago=23)
    due_today = reporting("letter_accepted", ended_days_ago=30)
    reporting("paid", ended_days_ago=31)  # overdue
    reporting("paid", ended_days_ago=22)  # due in eight days
    reporting("report_submitted", ended_days_ago=25)  # sent in
    reporting("closed", ended_days_ago=25)

    reading = tile(oversight_client, "microgrants-report-due")

    assert reading.count == 2
    assert [entry.url for entry in reading.entries] == [
        change_url(due_today),
        change_url(due_in_a_week),
    ]
    assert changelist_behind(oversight_client, reading.url) == (
        2,
        {due_today.pk, due_in_a_week.pk},
    )


def test_reports_overdue_lists_the_longest_overdue_first(oversight_client):
    long_overdue = reporting("paid", ended_days_ago=50)
    just_overdue = reporting("letter_accepted", ended_days_ago=31)
    reporting("paid", ended_days_ago=30)  # due today
    reporting("report_submitted", ended_days_ago=60)

    reading = tile(oversight_client, "microgrants-report-overdue")

    assert reading.count == 2
    assert [entry.url for entry in reading.entries] == [
        change_url(long_overdue),
        change_url(just_overdue),
    ]
    assert reading.entries[0].detail == "20 days overdue"
    assert changelist_behind(oversight_client, reading.url) == (
        2,
        {long_overdue.pk, just_overdue.pk},
    )


def test_granted_this_year_shows_each_groups_total_in_euros_beside_the_cap(
    oversight_client, settings
):
    settings.MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR = 6000
    belgium = NationalGroupFactory(name_en="PauseAI Belgium")
    danmark = NationalGroupFactory(name_en="PauseAI Danmark")
    MicrograntRequestFactory(status="closed", group=belgium, amount_requested=Decimal("1000.00"))
    MicrograntRequestFactory(
        status="paid",
        group=belgium,
        currency="GBP",
        amount_requested=Decimal("200.00"),
        amount_approved=Decimal("100.00"),
    )
    granted_to_danmark = MicrograntRequestFactory(
        status="approved", group=danmark, amount_requested=Decimal("2500.00")
    )
    MicrograntRequestFactory(status="in_review", group=danmark)  # not granted (yet)
    MicrograntRequestFactory(status="rejected", group=danmark)
    last_year = days_ago(400)
    MicrograntRequestFactory(status="closed", group=danmark, submitted_at=last_year)

    reading = tile(oversight_client, "microgrants-granted")

    # Three granted requests this year; Danmark first, with the most.
    assert reading.count == 3
    assert [entry.label for entry in reading.entries] == ["PauseAI Danmark", "PauseAI Belgium"]
    assert this_year_in_euros(belgium, granted_only=True) == Decimal("1117.00")
    assert [entry.detail for entry in reading.entries] == [
        "€2,500 of €6,000",
        "€1,117 of €6,000",
    ]
    assert changelist_behind(oversight_client, reading.url)[0] == 3
    assert changelist_behind(oversight_client, reading.entries[0].url) == (
        1,
        {granted_to_danmark.pk},
    )
    assert changelist_behind(oversight_client, reading.entries[1].url)[0] == 2


def test_amounts_are_written_in_the_readers_language(oversight_client):
    MicrograntRequestFactory(status="approved", amount_requested=Decimal("1500.00"))

    page = home(oversight_client, **{"accept-language": "nl"})

    (granted,) = [reading for reading in page.tiles if reading.name == "microgrants-granted"]
    assert granted.entries[0].detail == "€\N{NO-BREAK SPACE}1.500 van €\N{NO-BREAK SPACE}6.000"


def test_granted_this_year_is_a_figure_the_amount_granted_never_nothing_waiting(
    oversight_client,
):
    before = home(oversight_client)
    (granted,) = [reading for reading in before.tiles if reading.name == "microgrants-granted"]
    assert granted.figure == "€0"
    assert granted not in before.nothing_waiting

    MicrograntRequestFactory(status="paid", amount_requested=Decimal("2500.00"))
    MicrograntRequestFactory(
        status="closed",
        currency="GBP",
        amount_requested=Decimal("200.00"),
        amount_approved=Decimal("100.00"),
    )
    MicrograntRequestFactory(status="in_review", amount_requested=Decimal("900.00"))

    reading = tile(oversight_client, "microgrants-granted")
    html = oversight_client.get("/admin/").content.decode()

    assert reading.figure == "€2,617"
    start = html.index('id="tile-microgrants-granted"')
    granted_tile = html[start : html.index("</section>", start)]
    assert "€2,617" in granted_tile
    assert "Nothing waiting" not in granted_tile
