"""A coach's month, in a real browser: a check-in with two agreed actions; the national
lead, in French, sees them on the group's page and completes one; the other goes overdue
and shows on the admin's home page and in the coach's digest; the group's quarterly
report is submitted and discussed at the next check-in. Every page passes axe."""

import datetime

import pytest
from django.utils import timezone

from coaching.models import CheckIn
from tests.browser.test_microgrant_in_browser import PASSWORD, logged_in_page
from tests.conftest import make_oversight_member
from tests.factories import MembershipFactory, NationalGroupFactory, OversightTeamMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = "/tmp/shots"  # a folder to look at the pages in, while working on them


def shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def record_a_check_in(page, live_server, group, *, actions=(), discussed=None):
    """From the group's admin page: who took part, a note, the actions, the reports."""
    page.goto(f"{live_server.url}/admin/groups/nationalgroup/{group.pk}/change/")
    page.get_by_role("link", name="Record a check-in").click()
    page.wait_for_load_state()
    page.get_by_label("Léa Lead").check()
    page.fill("textarea[name=notes]", "Léa is tired; the march needs people.")
    for index, (description, due_on) in enumerate(actions):
        if index >= 2:
            page.get_by_role("link", name="Add another Agreed action").click()
        page.fill(f"input[name=actions-{index}-description]", description)
        page.select_option(
            f"select[name=actions-{index}-owner]", label="Léa Lead (lea@example.org)"
        )
        page.fill(f"input[name=actions-{index}-due_on]", due_on.isoformat())
    if discussed is not None:
        page.get_by_label(discussed).check()
    shot(page, "check-in")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert page.locator(".errornote").count() == 0, page.content()


def test_a_coachs_month(live_server, browser, settings, tmp_path):
    olga = make_oversight_member(
        settings, username="olga", email="olga@pauseai.info", first_name="Olga", last_name="Coach"
    )
    olga.set_password(PASSWORD)
    olga.save()
    group = NationalGroupFactory(
        slug="belgique",
        country="BE",
        name_en="PauseAI Belgium",
        name_fr="PauseIA Belgique",
        status="active",
        coach=OversightTeamMemberFactory(user=olga),
    )
    # Made before the quarter it reports on.
    type(group).objects.filter(pk=group.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=200)
    )
    lea = MembershipFactory(
        group=group,
        role="national_lead",
        user__username="lea",
        user__email="lea@example.org",
        user__first_name="Léa",
        user__last_name="Lead",
    ).user
    lea.set_password(PASSWORD)
    lea.save()

    # The check-in, with two agreed actions.
    coach = logged_in_page(browser, live_server, olga)
    record_a_check_in(
        coach,
        live_server,
        group,
        actions=[("Réserver la salle", in_days(7)), ("Écrire aux députés", in_days(3))],
    )
    check_in = CheckIn.objects.get()
    assert check_in.actions.count() == 2
    assert check_in.next_check_in_on == in_days(7 * 8)
    coach.goto(f"{live_server.url}/admin/groups/nationalgroup/{group.pk}/change/")
    shot(coach, "group-page")
    coach.goto(f"{live_server.url}/admin/coaching/grouphealth/")
    shot(coach, "overview")
