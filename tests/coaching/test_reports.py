"""The group's activity reports: the period owed now and the reports until now; the
report written by the national or communications lead, saved as a draft, submitted
(refused with what it lacks, what was typed kept), then read-only; and the activities a
group publishes on its public page."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from coaching.models import ActivityReport
from coaching.periods import period_to_report
from groups.models import NationalGroup
from tests.coaching.conftest import TEAM_NOTES
from tests.factories import ActivityFactory, ActivityReportFactory, MembershipFactory

pytestmark = pytest.mark.django_db

LIST = "/en/my/groups/group-a/reports/"
YEAR = datetime.timedelta(days=365)


def owed_url():
    return f"{LIST}{period_to_report().start.isoformat()}/"


def report_data(*activities, action="save", **answers):
    data = {
        "action": action,
        "activities-TOTAL_FORMS": str(len(activities)),
        "activities-INITIAL_FORMS": "0",
        **answers,
    }
    for index, (kind, count, description) in enumerate(activities):
        data[f"activities-{index}-kind"] = kind
        data[f"activities-{index}-count"] = str(count)
        data[f"activities-{index}-description"] = description
    return data


COMPLETE = {
    "people_involved": "25",
    "went_well": "The protest",
    "was_hard": "The venue",
    "plans": "Lobbying",
}


@pytest.fixture
def lead_client(client, lead):
    client.force_login(lead)
    return client


def test_the_list_says_which_period_is_owed_and_by_when(lead_client, group):
    period = period_to_report()

    html = lead_client.get(LIST).content.decode()

    assert f"{period.report_due_by.day}" in html
    assert "Due by" in html
    assert 'href="' + owed_url() + '"' in html
    assert "Write the report" in html


def test_the_list_shows_the_earlier_reports_with_their_status(lead_client, group):
    earlier = period_to_report().previous()
    ActivityReportFactory(group=group, period=earlier, sent=True)

    html = lead_client.get(LIST).content.decode()

    assert f"{LIST}{earlier.start.isoformat()}/" in html
    assert "Submitted" in html


@pytest.mark.parametrize("reports", [1, 12])
def test_the_list_runs_the_same_queries_however_many_reports(
    lead_client, group, django_assert_num_queries, reports
):
    period = period_to_report()
    for _index in range(reports):
        ActivityReportFactory(group=group, period=period, sent=True)
        period = period.previous()

    # session, user, the group, the user's membership, the group's reports.
    with django_assert_num_queries(5):
        response = lead_client.get(LIST)

    assert response.status_code == 200


def test_a_lead_saves_a_draft_with_its_activities(lead_client, group, lead):
    response = lead_client.post(
        owed_url(),
        report_data(("protest", 2, "At parliament"), ("talk", 1, "At a school"), went_well="Much"),
    )

    assert response.status_code == 302
    report = ActivityReport.objects.get()
    assert (report.status, report.went_well, report.written_by) == ("draft", "Much", lead)
    assert list(report.activities.values_list("kind", "count")) == [("protest", 2), ("talk", 1)]
    assert not report.publish_activities
    # The draft, as saved, in the form again: its activities and three empty lines.
    page = lead_client.get(owed_url())
    assert page.context["activities"].total_form_count() == 5
    assert "At parliament" in page.content.decode()


def test_emptying_a_line_or_ticking_delete_leaves_the_activity_out(lead_client, group):
    lead_client.post(
        owed_url(), report_data(("protest", 2, "At parliament"), ("talk", 1, "School"))
    )
    data = report_data(("protest", 2, "At parliament"), ("talk", 1, "School"), ("", "", ""))
    data["activities-0-DELETE"] = "on"
    data.update(
        {"activities-1-kind": "", "activities-1-count": "1", "activities-1-description": ""}
    )

    response = lead_client.post(owed_url(), data)

    assert response.status_code == 302
    assert not ActivityReport.objects.get().activities.exists()


def test_an_incomplete_report_is_refused_on_its_fields_and_keeps_what_was_typed(lead_client, group):
    response = lead_client.post(
        owed_url(),
        report_data(("protest", 3, "At the ministry"), action="submit", went_well="The march"),
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"people_involved", "was_hard", "plans"}
    html = response.content.decode()
    assert "Saved as a draft, but not submitted" in html
    assert "The march" in html and "At the ministry" in html
    assert 'class="error-summary' in html
    report = ActivityReport.objects.get()
    assert report.status == "draft" and report.went_well == "The march"
    assert len(mail.outbox) == 0
    # Saving again from this page changes the draft: the form is at its saved version.
    again = lead_client.post(owed_url(), {**response.context["form"].data, "action": "save"})
    assert again.status_code == 302


def test_a_complete_report_is_submitted_and_becomes_read_only(lead_client, group):
    response = lead_client.post(
        owed_url(), report_data(("protest", 1, "March"), action="submit", **COMPLETE)
    )

    assert response.status_code == 302
    assert response["Location"] == LIST
    report = ActivityReport.objects.get()
    assert report.status == "submitted"
    assert mail.outbox[0].to == ["coach@example.org"]
    page = lead_client.get(owed_url())
    assert page.status_code == 200
    assert "<form" not in page.content.decode().split("<main", 1)[1].split("</main>")[0]
    assert "March" in page.content.decode()
    assert lead_client.post(owed_url(), report_data(**COMPLETE)).status_code == 403


def test_add_a_line_shows_the_form_again_as_typed_with_one_more_line(lead_client, group):
    data = report_data(("protest", 4, "Outside the ministry"), action="add_line", plans="Many")

    response = lead_client.post(owed_url(), data)

    assert response.status_code == 200
    assert response.context["activities"].total_form_count() == 2
    html = response.content.decode()
    assert "Outside the ministry" in html and "Many" in html
    assert "error" not in re.sub(r"<style.*?</style>", "", html).split("<main", 1)[1].lower()
    assert not ActivityReport.objects.exists()


def test_a_bad_activity_is_refused_on_its_line_and_nothing_is_saved(lead_client, group):
    response = lead_client.post(owed_url(), report_data(("protest", 0, "")))

    assert response.status_code == 400
    assert response.context["activities"].errors[0].keys() == {"count", "description"}
    assert not ActivityReport.objects.exists()


def test_an_organizing_lead_reads_the_draft_but_has_no_form(client, group):
    ActivityReportFactory(group=group, went_well="Flyering went well")
    reader = MembershipFactory(group=group, role="organizing_lead").user
    client.force_login(reader)

    response = client.get(owed_url())

    assert response.status_code == 200
    assert "Flyering went well" in response.content.decode()
    assert "form" not in response.context


def test_the_teams_notes_never_show_on_the_report_pages(lead_client, group, check_in):
    report = ActivityReportFactory(group=group, sent=True)
    report.discussed_in = check_in
    report.status = "discussed"
    report.save()

    for url in (LIST, owed_url(), "/en/my/"):
        assert TEAM_NOTES not in lead_client.get(url).content.decode(), url


def test_my_page_asks_the_lead_for_the_report_owed(lead_client, group):
    # A group made before the period ended owes its report.
    NationalGroup.objects.filter(pk=group.pk).update(created_at=timezone.now() - YEAR)

    html = lead_client.get("/en/my/").content.decode()

    assert "PauseAI A: activity report for" in html
    assert f'href="{owed_url()}"' in html
    assert "Write the report" in html


# The public page ----------------------------------------------------------------------


def test_the_public_page_shows_the_activities_of_the_latest_published_report(client, group):
    older = ActivityReportFactory(
        group=group, period=period_to_report().previous(), sent=True, publish_activities=True
    )
    ActivityFactory(report=older, description="An older protest")
    latest = ActivityReportFactory(group=group, sent=True, publish_activities=True)
    ActivityFactory(report=latest, kind="talk", description="A talk at the university")

    html = client.get("/en/national-groups/group-a/").content.decode()

    assert "Recent activities" in html
    assert latest.period_in_words in html
    assert "A talk at the university" in html
    assert "An older protest" not in html
    # Only the activities: the rest of the report stays private.
    assert latest.went_well not in html and latest.was_hard not in html


@pytest.mark.parametrize(
    "report", [{"sent": True}, {"publish_activities": True}], ids=["unpublished", "a draft"]
)
def test_the_public_page_shows_no_activities_unpublished_or_unsent(client, group, report):
    ActivityFactory(
        report=ActivityReportFactory(group=group, **report), description="Secret protest"
    )

    html = client.get("/en/national-groups/group-a/").content.decode()

    assert "Recent activities" not in html and "Secret protest" not in html
