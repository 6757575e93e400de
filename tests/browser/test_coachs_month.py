"""A coach's month, in a real browser: a check-in with two agreed actions; the national
lead, in French, sees them on the group's page and completes one; the other goes overdue
and shows on the admin's home page and in the coach's digest; the group's quarterly
report is submitted and discussed at the next check-in. Every page passes axe."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from coaching.models import ActivityReport, AgreedAction, CheckIn
from coaching.periods import period_to_report
from tests.browser.test_microgrant_in_browser import PASSWORD, logged_in_page
from tests.conftest import make_oversight_member
from tests.factories import MembershipFactory, NationalGroupFactory, OversightTeamMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = None  # a folder to look at the pages in, while working on them


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


def test_a_coachs_month(live_server, browser, settings, mailoutbox):
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

    # The national lead, in French on her phone: /my/ names her two actions; the group's
    # page shows them (not the team's notes) and the next check-in; she completes one.
    lead = logged_in_page(
        browser,
        live_server,
        lea,
        language="fr",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    lead.goto(f"{live_server.url}/fr/my/")
    waiting = lead.locator("main").inner_text()
    assert "Réserver la salle" in waiting and "Écrire aux députés" in waiting
    lead.goto(f"{live_server.url}/fr/my/groups/belgique/")
    page_text = lead.locator("main").inner_text()
    assert "Léa is tired" not in page_text
    assert "Votre prochain point d'étape" in page_text
    letters = AgreedAction.objects.get(description="Écrire aux députés")
    action = lead.locator(f"#action-{letters.pk}")
    action.locator("textarea").fill("Envoyé lundi aux six députés.")
    shot(lead, "lead-actions")
    action.locator("button[type=submit]").first.click()
    lead.wait_for_load_state()
    letters.refresh_from_db()
    assert letters.done_by == lea and letters.done_note == "Envoyé lundi aux six députés."
    # The coach is told, in her language.
    (told,) = [message for message in mailoutbox if message.to == ["olga@pauseai.info"]]
    assert "Écrire aux députés" in told.body

    # Ten days on, the other is overdue: on the coach's home page, and in her digest.
    AgreedAction.objects.filter(description="Réserver la salle").update(due_on=in_days(-3))
    coach.goto(f"{live_server.url}/admin/")
    tile = coach.locator("#my-tile-coaching-actions-overdue")
    assert "Réserver la salle" in tile.inner_text()
    shot(coach, "home")
    tile.get_by_role("link", name="Réserver la salle", exact=False).first.click()
    coach.wait_for_load_state()
    assert "Réserver la salle" in coach.locator("#content").inner_text()
    mailoutbox.clear()
    call_command("send_coach_digests", "--any-day", stdout=open("/dev/null", "w"))
    (digest,) = [message for message in mailoutbox if message.to == ["olga@pauseai.info"]]
    assert "Réserver la salle" in digest.body and "3 days overdue" in digest.body
    assert "Écrire aux députés" not in digest.body

    # The quarter's report, written and submitted by the lead; the coach is told.
    lead.goto(f"{live_server.url}/fr/my/groups/belgique/reports/")
    lead.locator(f"a[href$='/reports/{period_to_report().start.isoformat()}/']").first.click()
    lead.wait_for_load_state()
    lead.select_option("select[name=activities-0-kind]", "protest")
    lead.fill("input[name=activities-0-count]", "1")
    lead.fill("input[name=activities-0-description]", "Devant le Parlement fédéral")
    lead.fill("input[name=people_involved]", "35")
    lead.fill("textarea[name=went_well]", "Une belle manifestation.")
    lead.fill("textarea[name=was_hard]", "Trouver une salle.")
    lead.fill("textarea[name=plans]", "Une conférence à l'université.")
    shot(lead, "report")
    lead.click("button[value=submit]")
    lead.wait_for_load_state()
    report = ActivityReport.objects.get()
    assert report.status == ActivityReport.Status.SUBMITTED
    assert any(
        "rapport" in message.subject or "report" in message.subject for message in mailoutbox
    )

    # The next check-in: the report discussed there, the overdue action agreed again.
    coach.goto(f"{live_server.url}/admin/")
    assert coach.locator("#my-tile-coaching-reports-to-discuss").is_visible()
    record_a_check_in(coach, live_server, group, discussed=report.period_in_words)
    report.refresh_from_db()
    assert report.status == ActivityReport.Status.DISCUSSED
    assert report.discussed_in == CheckIn.objects.newest_first().first()
    coach.goto(f"{live_server.url}/admin/coaching/grouphealth/")
    overview = coach.locator("#result_list").inner_text()
    assert "PauseAI Belgium" in overview and "1 open, 1 overdue" in overview
    shot(coach, "overview")
