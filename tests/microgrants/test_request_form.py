"""The request form with its budget, the group's list of requests and the public rules,
walked through the client."""

from decimal import Decimal

import pytest
from django.utils import timezone

from microgrants.models import MicrograntEvent, MicrograntRequest
from tests.factories import (
    MembershipFactory,
    MicrograntRequestFactory,
    UserFactory,
)
from tests.microgrants.helpers import in_days, request_data

pytestmark = pytest.mark.django_db


# The request form -------------------------------------------------------------


NEW = "/en/my/groups/belgium/microgrants/new/"


def test_requester_saves_a_draft_with_its_budget(client, group, requester):
    response = client.post(NEW, request_data())

    microgrant = MicrograntRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/my/groups/belgium/microgrants/{microgrant.pk}/"
    assert (
        microgrant.status == "draft"
        and microgrant.group == group
        and microgrant.requested_by == requester
    )
    assert microgrant.amount_requested == Decimal("450.50")
    assert [(line.item, line.amount) for line in microgrant.budget_lines.all()] == [
        ("Printing", Decimal("400.00")),
        ("Tape", Decimal("50.50")),
    ]
    assert not microgrant.events.exists()


@pytest.mark.parametrize("language", ["fr", "de"])
def test_a_request_made_in_french_or_german_keeps_that_language(client, group, requester, language):
    client.post(NEW.replace("/en/", f"/{language}/"), request_data(action="submit"))

    microgrant = MicrograntRequest.objects.get()
    assert microgrant.language == language
    microgrant.full_clean()  # the language is one of the field's choices


def test_save_and_submit_sends_it_in_and_keeps_the_language(client, group, requester):
    response = client.post(NEW.replace("/en/", "/nl/"), request_data(action="submit"))

    microgrant = MicrograntRequest.objects.get()
    assert response.status_code == 302
    assert microgrant.status == "submitted" and microgrant.submitted_at is not None
    assert microgrant.language == "nl"
    assert microgrant.events.get().to_status == "submitted"


def test_a_refused_submission_keeps_the_draft_and_says_why(client, group, requester, settings):
    settings.MICROGRANT_LIMIT_PER_REQUEST_EUR = 400

    response = client.post(NEW, request_data(action="submit"))

    microgrant = MicrograntRequest.objects.get()
    html = response.content.decode()
    assert response.status_code == 400
    assert microgrant.status == "draft"
    assert "Saved as a draft, but not submitted: A microgrant is at most €400" in html
    assert 'value="Flyers for Ghent"' in html and 'value="Tape"' in html
    # Saving again changes this draft instead of making a second one.
    assert f'action="/en/my/groups/belgium/microgrants/{microgrant.pk}/edit/"' in html


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


def test_a_draft_saves_whatever_its_lines_add_up_to(client, group, requester):
    """€300 + €150 entered before the amount is set right: the draft keeps both lines."""
    response = client.post(NEW, request_data(("Venue", "300.00"), ("Sound", "150.00")))

    assert response.status_code == 302
    microgrant = MicrograntRequest.objects.get()
    assert microgrant.amount_requested == Decimal("450.50")
    assert [line.amount for line in microgrant.budget_lines.all()] == [
        Decimal("300"),
        Decimal("150"),
    ]


def test_a_draft_may_have_no_budget_line_yet(client, group, requester):
    response = client.post(NEW, request_data(("", "")))

    assert response.status_code == 302
    assert not MicrograntRequest.objects.get().budget_lines.exists()


def test_lines_that_do_not_add_up_are_refused_at_submission_with_the_draft_kept(
    client, group, requester
):
    response = client.post(
        NEW, request_data(("Printing", "400.00"), ("Tape", "40.00"), action="submit")
    )

    assert response.status_code == 400
    html = response.content.decode()
    microgrant = MicrograntRequest.objects.get()
    assert microgrant.status == "draft"
    assert (
        "Saved as a draft, but not submitted: The budget lines add up to €440, "
        "not to the €450.50 requested." in html
    )
    # In the summary at the top of the page, which leads to the budget.
    assert html.index("data-error-summary") < html.index("<h1")
    assert 'href="#budget-formset"' in html and 'id="budget-formset"' in html
    assert 'value="Flyers for Ghent"' in html and 'value="40.00"' in html


def test_a_request_without_a_line_is_refused_at_submission(client, group, requester):
    response = client.post(NEW, request_data(("", ""), action="submit"))

    assert response.status_code == 400
    assert "Add at least one budget line." in response.content.decode()
    assert MicrograntRequest.objects.get().status == "draft"


def test_add_a_line_without_javascript_keeps_everything_typed(client, group, requester):
    """The "add a line" button posts the form: it comes back with one more empty line,
    nothing saved, nothing judged yet (the title is still to write)."""
    data = request_data(("Venue", "300.00"), action="add_line", title="")

    response = client.post(NEW, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert not MicrograntRequest.objects.exists()
    assert 'name="budget-TOTAL_FORMS" value="2"' in html
    assert 'name="budget-1-item"' in html and 'name="budget-2-item"' not in html
    assert 'value="Venue"' in html and 'value="300.00"' in html
    assert "Five thousand flyers about the pause." in html
    assert "data-error-summary" not in html and "This field is required." not in html


def test_the_running_total_of_the_lines_is_shown(client, group, requester):
    data = request_data(("Venue", "300.00"), ("Sound", "150.00"), action="add_line")

    html = client.post(NEW, data).content.decode()

    assert "The lines add up to €450, €0.50 less than the €450.50 requested." in html


def test_the_end_date_cannot_be_before_the_start(client, group, requester):
    data = request_data(start_date=in_days(40).isoformat(), end_date=in_days(39).isoformat())

    response = client.post(NEW, data)

    assert response.status_code == 400
    assert response.context["form"].errors["end_date"] == [
        "The end date cannot be before the start date."
    ]
    assert not MicrograntRequest.objects.exists()


def test_editing_a_draft_changes_deletes_and_adds_budget_lines(client, group, requester):
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester)
    venue = microgrant.budget_lines.get()
    data = request_data(
        ("Venue", "300.00"), ("Sound", "150.50"), line_ids=[venue.pk], amount_requested="450.50"
    )

    response = client.post(f"/en/my/groups/belgium/microgrants/{microgrant.pk}/edit/", data)

    assert response.status_code == 302
    microgrant.refresh_from_db()
    assert microgrant.title == "Flyers for Ghent"
    assert [(line.item, line.amount) for line in microgrant.budget_lines.all()] == [
        ("Venue", Decimal("300.00")),
        ("Sound", Decimal("150.50")),
    ]


def test_answering_the_oversight_teams_question_sends_the_request_back_to_review(
    client, group, requester, oversight_member
):
    microgrant = MicrograntRequestFactory(
        group=group, requested_by=requester, status="more_info_needed", submitted_at=timezone.now()
    )
    MicrograntEvent.objects.create(
        request=microgrant,
        actor=oversight_member,
        from_status="in_review",
        to_status="more_info_needed",
        note="Which stations?",
    )
    edit_url = f"/en/my/groups/belgium/microgrants/{microgrant.pk}/edit/"
    line = microgrant.budget_lines.get()

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
    microgrant.refresh_from_db()
    assert microgrant.status == "in_review"
    assert "Brussel-Zuid" in microgrant.deliverables


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
    microgrant = MicrograntRequestFactory(
        group=group, requested_by=requester, status="paid", end_date=in_days(60), currency="GBP"
    )

    html = client.get("/en/my/groups/belgium/microgrants/").content.decode()

    assert "£800" in html
    assert "Paid" in html
    assert "Launch event" in html
    assert "Report due" in html
    assert microgrant.report_due_on.strftime("%Y") in html


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
    assert len(response.context["microgrants"]) == count


def test_the_groups_dashboard_links_to_its_microgrants(client, group, requester):
    html = client.get("/en/my/groups/belgium/").content.decode()

    assert 'href="/en/my/groups/belgium/microgrants/"' in html


# The public rules ---------------------------------------------------------------


def test_the_rules_show_the_limits_in_the_settings(client, settings):
    settings.MICROGRANT_LIMIT_PER_REQUEST_EUR = 1500
    settings.MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR = 4500

    html = client.get("/en/microgrants/").content.decode()

    assert "At most €1,500 per request, and at most €4,500 per group in a calendar year." in html
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
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester)

    for url in (
        "/nl/microgrants/",
        "/nl/my/groups/belgium/microgrants/",
        "/nl/my/groups/belgium/microgrants/new/",
        f"/nl/my/groups/belgium/microgrants/{microgrant.pk}/",
        f"/nl/my/groups/belgium/microgrants/{microgrant.pk}/edit/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="nl">' in html, url
        assert 'href="/nl/microgrants/"' in html, url
