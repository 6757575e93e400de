"""An oversight member's day in the admin, in a real browser: the home page's tiles lead
to an application, a microgrant and a submitted report, each moved with the review
buttons (a refused move first, in its error state), then to the microgrant budget. Every
page passes axe (tests/browser/conftest.py)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from microgrants.models import MicrograntRequest
from onboarding.models import GroupApplication
from tests.browser.test_microgrant_in_browser import PASSWORD, logged_in_page
from tests.conftest import make_oversight_member
from tests.factories import (
    GroupApplicationFactory,
    MembershipFactory,
    MicrograntRequestFactory,
    NationalGroupFactory,
)
from tests.microgrants.helpers import receipt_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_oversight_members_day(live_server, browser, settings):
    olga = make_oversight_member(settings, username="olga", email="olga@pauseai.info")
    olga.set_password(PASSWORD)
    olga.save()
    application = GroupApplicationFactory(
        status="submitted",
        submitted_at=timezone.now(),
        proposed_name="PauseAI Danmark",
        country="DK",
    )
    group = NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")
    requester = MembershipFactory(group=group, role="national_lead").user
    microgrant = MicrograntRequestFactory(
        group=group,
        requested_by=requester,
        status="submitted",
        submitted_at=timezone.now(),
        title="Flyers for Brussels",
    )
    ended = timezone.localdate() - datetime.timedelta(days=3)
    reported = MicrograntRequestFactory(
        group=group,
        requested_by=requester,
        status="report_submitted",
        title="Launch event in Ghent",
        amount_approved=Decimal("800.00"),
        start_date=ended,
        end_date=ended,
        report_submitted_at=timezone.now(),
        report_done="The event, eighty people.",
    )
    receipt_for(reported)

    page = logged_in_page(browser, live_server, olga)

    # The home page: each waiting item on its tile.
    for tile in ("applications-decision", "microgrants-review", "microgrants-report-submitted"):
        assert page.locator(f"#tile-{tile}").is_visible(), tile

    # The application: reviewed, then approved.
    page.locator("#tile-applications-decision a", has_text="PauseAI Danmark").first.click()
    page.wait_for_load_state()
    page.click("button[value=start_review]")
    page.wait_for_load_state()
    page.click("button[value=approve]")
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == GroupApplication.Status.APPROVED

    # The microgrant: a rejection without a reason is refused and says why; then approved.
    page.goto(f"{live_server.url}/admin/")
    page.locator("#tile-microgrants-review a", has_text="Flyers for Brussels").first.click()
    page.wait_for_load_state()
    page.click("button[value=start_review]")
    page.wait_for_load_state()
    page.click("button[value=reject]")
    page.wait_for_load_state()
    assert MicrograntRequest.objects.get(pk=microgrant.pk).status == "in_review"
    page.click("button[value=approve]")
    page.wait_for_load_state()
    assert MicrograntRequest.objects.get(pk=microgrant.pk).status == "approved"

    # The submitted report: read and accepted.
    page.goto(f"{live_server.url}/admin/")
    page.locator(
        "#tile-microgrants-report-submitted a", has_text="Launch event in Ghent"
    ).first.click()
    page.wait_for_load_state()
    assert "The event, eighty people." in page.locator("#content").inner_text()
    page.click("button[value=accept_report]")
    page.wait_for_load_state()
    assert MicrograntRequest.objects.get(pk=reported.pk).status == "closed"

    # The requests' list, then the budget: this year's grants, per group. Links in text
    # are underlined, not told apart by a colour too close to the text's.
    page.goto(f"{live_server.url}/admin/microgrants/micrograntrequest/")
    page.goto(f"{live_server.url}/admin/microgrants/micrograntrequest/budget/")
    assert "PauseAI Belgium" in page.locator("#content").inner_text()
    for link in (page.locator(".breadcrumbs a").first, page.locator("#content td a").first):
        assert "underline" in link.evaluate("a => getComputedStyle(a).textDecorationLine")
