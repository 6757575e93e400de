"""One organizer's week in French, in a real browser: she signs up, applies to found her
group, follows the setup checklist, writes the group's profile, adds a community, asks
for a microgrant and accepts its letter. Every page she reads is in French: the texts
checked are the French catalogue's own (gettext in French), so a missing translation or
a page that falls back to English fails."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from groups.models import LocalCommunity, NationalGroup
from microgrants.models import MicrograntRequest
from microgrants.services import (
    microgrant_approve,
    microgrant_mark_paid,
    microgrant_start_review,
)
from onboarding.models import GroupApplication
from onboarding.services import application_approve, application_start_review
from tests.conftest import make_oversight_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "une phrase de passe longue et rare 42"


def french(text: str, context: str | None = None) -> str:
    with translation.override("fr"):
        translated = pgettext(context, text) if context else gettext(text)
    assert translated != text, f"not translated into French: {text!r}"
    return translated


def submit(page):
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def main_text(page) -> str:
    return " ".join(page.locator("main").inner_text().split())


def test_an_organizers_week_in_french(live_server, browser, settings):
    call_command("load_content", verbosity=0)
    reviewer = make_oversight_member(settings, username="olga", email="olga@pauseai.info")
    camille = browser.new_context(locale="fr-FR").new_page()
    camille.set_default_timeout(15_000)

    # Monday: the site answers her browser in French; she signs up and confirms.
    camille.goto(f"{live_server.url}/")
    camille.wait_for_url(f"{live_server.url}/fr/")
    assert camille.locator("html").get_attribute("lang") == "fr"
    camille.goto(f"{live_server.url}/fr/accounts/signup/")
    camille.fill("input[name=full_name]", "Camille Lefèvre")
    camille.fill("input[name=email]", "camille@example.org")
    camille.fill("input[name=password1]", PASSWORD)
    camille.fill("input[name=password2]", PASSWORD)
    submit(camille)
    [confirmation] = [m for m in mail.outbox if m.to == ["camille@example.org"]]
    assert "Confirmez votre adresse" in confirmation.subject
    link = re.search(r"https?://\S+/fr/accounts/confirm-email/\S+/", confirmation.body).group(0)
    camille.goto(link)
    submit(camille)
    camille.goto(f"{live_server.url}/fr/accounts/login/")
    camille.fill("input[name=login]", "camille@example.org")
    camille.fill("input[name=password]", PASSWORD)
    submit(camille)
    camille.wait_for_url(f"{live_server.url}/fr/my/")

    # She applies to found PauseAI Belgique.
    camille.goto(f"{live_server.url}/fr/national-groups/")
    camille.click(f"text={french('Start a national group')} >> nth=0")
    camille.wait_for_url(f"{live_server.url}/fr/apply/")
    camille.select_option("select[name=country]", "BE")
    camille.fill("input[name=proposed_name]", "PauseAI Belgique")
    camille.fill("input[name=discord_project_url]", "https://discord.com/channels/1/2/3")
    camille.fill("textarea[name=plans]", "Une soirée de lancement à Bruxelles.")
    camille.fill("input[name=applicant_role]", "Responsable nationale")
    camille.check("input[name=agrees_to_strategy]")
    submit(camille)
    camille.wait_for_url(f"{live_server.url}/fr/my/")
    status = GroupApplication.Status
    shown_status = camille.locator(".application__status")
    assert shown_status.inner_text() == french("Submitted", "application status")
    assert GroupApplication.objects.get().language == "fr"

    # Tuesday: the oversight team approves; she is told in French.
    application = GroupApplication.objects.get()
    application_start_review(application=application, reviewer=reviewer)
    group = application_approve(application=application, reviewer=reviewer)
    application.refresh_from_db()
    assert application.status == status.APPROVED
    camille.goto(f"{live_server.url}/fr/my/")
    assert shown_status.inner_text() == french("Approved", "application status")
    assert any(
        "camille@example.org" in m.to and m.subject != confirmation.subject for m in mail.outbox
    )

    # Wednesday: she ticks off a step of the setup guide, with a link as evidence.
    camille.goto(f"{live_server.url}/fr/my/groups/{group.slug}/setup/")
    assert french("Checklist saved.") not in main_text(camille)
    item = camille.locator("#step-4 .checklist-item:not(.checklist-item--ticked)").first
    item_id = item.get_attribute("id")
    item.locator("input[name=evidence]").fill("https://signal.group/#belgique")
    # The box itself ticks, and the page comes back at the item.
    item.locator("button.checklist-box").click()
    camille.wait_for_load_state()
    assert french("Checklist saved.") in camille.locator("body").inner_text()
    assert camille.url.endswith(f"#{item_id}")
    assert "checklist-item--ticked" in camille.locator(f"#{item_id}").get_attribute("class")

    # Thursday: she writes the group's profile in French and adds a community.
    camille.goto(f"{live_server.url}/fr/my/groups/{group.slug}/profile/")
    camille.fill("textarea[name=description_fr]", "Nous organisons à Bruxelles et à Liège.")
    submit(camille)
    group.refresh_from_db()
    assert group.description_fr == "Nous organisons à Bruxelles et à Liège."
    camille.goto(f"{live_server.url}/fr/my/groups/{group.slug}/communities/add/")
    camille.fill("input[name=name]", "PauseAI Liège")
    camille.fill("input[name=city]", "Liège")
    submit(camille)
    assert LocalCommunity.objects.get(name="PauseAI Liège").national_group == group
    camille.goto(f"{live_server.url}/fr/my/groups/{group.slug}/")
    changes = main_text(camille)
    assert french("Recent changes") in changes
    assert "description_fr" not in changes

    # Friday: she asks for a microgrant for flyers, its three budget lines entered in one
    # go on the page; then she accepts its letter, and sends the receipts and the report.
    start = timezone.localdate() + datetime.timedelta(days=20)
    camille.goto(f"{live_server.url}/fr/my/groups/{group.slug}/microgrants/new/")
    camille.fill("input[name=title]", "Tracts pour la manifestation de Bruxelles")
    camille.select_option("select[name=activity_kind]", "flyers")
    camille.fill("textarea[name=description]", "Deux mille tracts, imprimés sur place.")
    camille.fill("textarea[name=deliverables]", "2 000 tracts distribués, des photos.")
    camille.fill("input[name=start_date]", start.isoformat())
    camille.fill("input[name=end_date]", (start + datetime.timedelta(days=10)).isoformat())
    camille.select_option("select[name=currency]", "EUR")
    camille.fill("input[name=amount_requested]", "450.00")
    camille.select_option("select[name=payment_method]", "advance")
    camille.fill("textarea[name=payee_details]", "Camille Lefèvre, BE71 0961 2345 6769")
    for index, (item, amount) in enumerate(
        [("Impression", "300"), ("Distribution", "100"), ("Affiches", "50")]
    ):
        if index:
            camille.click("button[value=add_line]")
        camille.fill(f"input[name=budget-{index}-item]", item)
        camille.fill(f"input[name=budget-{index}-amount]", amount)
    assert "450" in camille.locator("[data-budget-total]").inner_text()
    camille.click("button[value=submit]")
    camille.wait_for_load_state()
    microgrant = MicrograntRequest.objects.get()
    assert microgrant.status == MicrograntRequest.Status.SUBMITTED and microgrant.language == "fr"
    assert sorted(line.amount for line in microgrant.budget_lines.all()) == [50, 100, 300]
    detail_url = camille.url
    microgrant_start_review(microgrant=microgrant, reviewer=reviewer)
    microgrant_approve(microgrant=microgrant, reviewer=reviewer, amount=Decimal("450.00"))

    camille.goto(detail_url)
    camille.click("a[href$='/letter/']")
    assert french("Accept the grant letter") in main_text(camille)
    camille.fill("input[name=full_name]", "camille lefevre")
    camille.click(f"text={french('I accept the grant letter')}")
    camille.wait_for_load_state()
    microgrant.refresh_from_db()
    assert microgrant.status == MicrograntRequest.Status.LETTER_ACCEPTED
    assert NationalGroup.objects.get(pk=group.pk).status == NationalGroup.Status.FORMING

    # The payment arrives; she uploads the printer's invoice and sends the report, which
    # is refused first without its main part, then goes in.
    microgrant_mark_paid(
        microgrant=microgrant, reviewer=reviewer, paid_on=timezone.localdate(), reference="VIR-1"
    )
    camille.goto(detail_url)
    camille.set_input_files(
        "input[name=upload]",
        files=[
            {"name": "facture.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 facture"}
        ],
    )
    camille.locator("form[action$='/files/'] button[type=submit]").click()
    camille.wait_for_load_state()
    assert "facture.pdf" in main_text(camille)
    camille.goto(detail_url + "report/")
    camille.locator("main form button[type=submit]").click()
    camille.wait_for_load_state()
    assert camille.locator("[data-error-summary]").is_visible()
    camille.fill("textarea[name=report_done]", "2 000 tracts distribués à Bruxelles.")
    camille.locator("main form button[type=submit]").click()
    camille.wait_for_load_state()
    microgrant.refresh_from_db()
    assert microgrant.status == MicrograntRequest.Status.REPORT_SUBMITTED
