"""An organizer's side of coaching in a real browser (every page checked by axe): the
actions agreed with the group, one marked done; the quarter's report, a line added,
refused while incomplete, then submitted; its activities on the group's public page."""

import datetime

import pytest
from django.utils import timezone

from coaching.models import ActivityReport, AgreedAction
from coaching.periods import period_to_report
from groups.models import NationalGroup
from tests.factories import (
    AgreedActionFactory,
    CheckInFactory,
    MembershipFactory,
    NationalGroupFactory,
    OversightTeamMemberFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and unusual passphrase 42"


def test_a_lead_marks_an_action_done_and_writes_the_quarters_report(live_server, browser):
    coach = OversightTeamMemberFactory(user__email="coach@example.org")
    group = NationalGroupFactory(
        slug="belgium", country="BE", name_en="PauseAI Belgium", coach=coach
    )
    # Made a year ago: it owes the report of the period just ended.
    NationalGroup.objects.filter(pk=group.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=365)
    )
    lead = MembershipFactory(
        group=group,
        role="national_lead",
        user__first_name="Ann Lead",
        user__email="ann@example.org",
    ).user
    lead.set_password(PASSWORD)
    lead.save()
    check_in = CheckInFactory(group=group, coach=coach.user)
    overdue = AgreedActionFactory(
        check_in=check_in,
        owner=lead,
        description="Write to the minister",
        due_on=timezone.localdate() - datetime.timedelta(days=2),
    )
    AgreedActionFactory(check_in=check_in, description="Book a hall for the talk")

    page = browser.new_context(locale="en-GB").new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("input[name=login]", lead.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()

    # /my/ asks for the action and the report.
    page.goto(f"{live_server.url}/en/my/")
    waiting = page.locator(".waiting-list").inner_text()
    assert "Write to the minister" in waiting and "activity report" in waiting

    # The group's page: the overdue action said so in words, marked done with a note.
    page.goto(f"{live_server.url}/en/my/groups/belgium/")
    action = page.locator(f"#action-{overdue.pk}")
    assert "overdue" in action.inner_text().lower()
    action.locator("textarea").fill("Sent on Monday.")
    action.locator("button", has_text="Mark as done").click()
    page.wait_for_load_state()
    assert "Sent on Monday." in page.locator(f"#action-{overdue.pk}").inner_text()
    assert AgreedAction.objects.get(pk=overdue.pk).is_done

    # The report: a line added without losing what was typed, refused while incomplete.
    page.click("text=Activity reports")
    page.wait_for_load_state()
    page.click("text=Write the report")
    page.wait_for_load_state()
    page.select_option("select[name=activities-0-kind]", "protest")
    page.fill("input[name=activities-0-count]", "2")
    page.fill("input[name=activities-0-description]", "In front of parliament")
    page.fill("textarea[name=went_well]", "Forty people came.")
    page.click("button[value=add_line]")
    page.wait_for_load_state()
    assert page.locator("select[name=activities-3-kind]").count() == 1
    assert page.input_value("input[name=activities-0-description]") == "In front of parliament"
    page.click("button[value=submit]")
    page.wait_for_load_state()
    assert "not submitted" in page.locator("main").inner_text()
    assert page.input_value("textarea[name=went_well]") == "Forty people came."

    page.fill("input[name=people_involved]", "40")
    page.fill("textarea[name=was_hard]", "The rain.")
    page.fill("textarea[name=plans]", "A talk at the university.")
    page.check("input[name=publish_activities]")
    page.click("button[value=submit]")
    page.wait_for_load_state()
    report = ActivityReport.objects.get()
    assert report.status == "submitted" and report.period_start == period_to_report().start

    # Read-only now; its activities on the group's public page.
    page.goto(f"{live_server.url}/en/my/groups/belgium/reports/{report.period_start}/")
    assert "In front of parliament" in page.locator("main").inner_text()
    page.goto(f"{live_server.url}/en/national-groups/belgium/")
    public = page.locator("main").inner_text()
    assert "Recent activities" in public and "In front of parliament" in public
    assert "The rain." not in public
