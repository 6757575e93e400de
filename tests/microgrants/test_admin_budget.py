"""The oversight team's budget overview and its CSV."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from microgrants.models import MicrograntRequest
from tests.factories import (
    MicrograntRequestFactory,
    NationalGroupFactory,
    UserFactory,
)
from tests.microgrants.helpers import BUDGET, BUDGET_CSV, CHANGELIST, page

pytestmark = pytest.mark.django_db


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
    assert response.content.decode("utf-8-sig") == (
        "Year,National group,Currency,Requested,Approved,Paid\r\n"
        f"{this_year},PauseAI Belgium,EUR,1500.00,800.00,800.00\r\n"
        f"{this_year},PauseAI Belgium,GBP,400.00,350.00,0.00\r\n"
        f"{last_year},PauseAI Danmark,EUR,1000.00,900.00,900.00\r\n"
    )
    assert only_last_year.content.decode("utf-8-sig") == (
        "Year,National group,Currency,Requested,Approved,Paid\r\n"
        f"{last_year},PauseAI Danmark,EUR,1000.00,900.00,900.00\r\n"
    )


def test_budget_csv_keeps_a_group_name_from_becoming_a_formula(oversight_client):
    MicrograntRequestFactory(
        status="submitted", group=NationalGroupFactory(name_en="=HYPERLINK(1)")
    )

    rows = oversight_client.get(BUDGET_CSV).content.decode("utf-8-sig").splitlines()

    assert rows[1].split(",")[1] == "'=HYPERLINK(1)"


def test_budget_csv_starts_with_the_byte_order_mark_so_excel_reads_non_latin_names(
    oversight_client,
):
    MicrograntRequestFactory(
        status="submitted", group=NationalGroupFactory(name_en="ПаузаИИ Україна 日本")
    )

    content = oversight_client.get(BUDGET_CSV).content

    # Excel reads a CSV without the BOM in the machine's own code page.
    assert content.startswith(b"\xef\xbb\xbfYear,")
    assert content.decode("utf-8-sig").splitlines()[1].split(",")[1] == "ПаузаИИ Україна 日本"


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
    assert "€1,500" in overview and "£350" in overview
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
    microgrant = MicrograntRequest.objects.get(status="in_review")
    assert (
        client.post(f"{CHANGELIST}{microgrant.pk}/review/", {"decision": "reject"}).status_code
        == 403
    )
