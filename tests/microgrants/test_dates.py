"""Dates have sane bounds in the forms, the services and the database, and nothing that
shows a date can overflow (9999-12-31 used to make four pages answer 500)."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from microgrants.models import MicrograntRequest
from tests.factories import MembershipFactory, MicrograntRequestFactory, NationalGroupFactory
from tests.microgrants.helpers import request_data, review, status_of

pytestmark = pytest.mark.django_db

NEW = "/en/my/groups/belgium/microgrants/new/"


def in_days(days):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


@pytest.fixture
def requester(client):
    group = NationalGroupFactory(slug="belgium", country="BE")
    user = MembershipFactory(group=group, role="member").user
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("end_date", "9999-12-31", "The project must end within 2 years from today."),
        ("end_date", in_days(800), "The project must end within 2 years from today."),
        ("start_date", "1900-01-01", "The project cannot start more than a year ago."),
        ("start_date", in_days(-400), "The project cannot start more than a year ago."),
    ],
)
def test_a_project_date_out_of_bounds_is_explained_and_the_input_kept(
    client, requester, field, value, message
):
    response = client.post(NEW, request_data(**{field: value}))

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert 'value="Flyers for Ghent"' in response.content.decode()
    assert not MicrograntRequest.objects.exists()


def test_dates_at_the_edges_are_accepted(client, requester):
    response = client.post(NEW, request_data(start_date=in_days(-365), end_date=in_days(730)))

    assert response.status_code == 302


def test_the_database_refuses_dates_no_form_would_accept():
    microgrant = MicrograntRequestFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        MicrograntRequest.objects.filter(pk=microgrant.pk).update(
            end_date=datetime.date(9999, 12, 31)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        MicrograntRequest.objects.filter(pk=microgrant.pk).update(
            start_date=datetime.date(1, 1, 1), end_date=datetime.date(1, 1, 2)
        )


def test_every_page_of_a_microgrant_ending_at_the_latest_allowed_date_answers(client, requester):
    microgrant = MicrograntRequestFactory(
        group=requester.national_groups.get(),
        requested_by=requester,
        end_date=datetime.date(2100, 12, 31),
    )
    base = f"/en/my/groups/belgium/microgrants/{microgrant.pk}"

    for url in (f"{base}/", f"{base}/edit/", "/en/my/groups/belgium/microgrants/"):
        assert client.get(url).status_code == 200, url
    assert microgrant.report_due_on == datetime.date(2101, 1, 30)


@pytest.mark.parametrize(
    ("paid_on", "message"),
    [
        ("9999-12-31", "The payment date cannot be in the future."),
        (in_days(3), "The payment date cannot be in the future."),
        ("2001-01-01", "The payment date must be within the past year."),
    ],
)
def test_a_payment_date_out_of_bounds_is_refused(oversight_client, paid_on, message):
    microgrant = MicrograntRequestFactory(status="letter_accepted")

    response = review(
        oversight_client, microgrant, "mark_paid", paid_on=paid_on, payment_reference="SEPA-7"
    )

    assert message in response.content.decode()
    assert status_of(microgrant) == "letter_accepted"


def test_the_mark_paid_service_holds_the_bounds_itself(oversight_member):
    from microgrants.services import MicrograntError, microgrant_mark_paid

    microgrant = MicrograntRequestFactory(status="letter_accepted")

    with pytest.raises(MicrograntError, match="cannot be in the future"):
        microgrant_mark_paid(
            microgrant=microgrant,
            reviewer=oversight_member,
            paid_on=datetime.date(9999, 12, 31),
            reference="SEPA-7",
        )


def test_a_founding_date_in_the_future_is_refused_in_the_admin(oversight_client):
    from tests.admin_forms import admin_form_data

    group = NationalGroupFactory()
    url = f"/admin/groups/nationalgroup/{group.pk}/change/"
    data = {**admin_form_data(oversight_client.get(url)), "founded_on": "9999-12-31"}

    response = oversight_client.post(url, data)

    assert response.status_code == 200
    assert "The founding date cannot be in the future." in response.content.decode()


def test_a_founding_date_too_early_names_the_first_date_as_the_page_writes_dates(
    oversight_client,
):
    from tests.admin_forms import admin_form_data

    group = NationalGroupFactory()
    url = f"/admin/groups/nationalgroup/{group.pk}/change/"
    data = {**admin_form_data(oversight_client.get(url)), "founded_on": "1999-12-31"}

    response = oversight_client.post(url, data)

    assert response.status_code == 200
    assert "Give a founding date after Jan. 1, 2000." in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/microgrants/micrograntrequest/?year=0000",
        "/admin/microgrants/micrograntrequest/budget/?year=0000",
        "/admin/microgrants/micrograntrequest/budget/csv/?year=0000",
        "/admin/microgrants/micrograntrequest/?submitted_at__gte=9999-12-31",
    ],
)
def test_a_year_no_calendar_has_is_not_a_500(oversight_client, url):
    MicrograntRequestFactory(status="submitted")

    assert oversight_client.get(url).status_code in (200, 302, 400)
