"""A microgrant from request to accepted grant letter, in a real browser."""

import datetime

import pytest
from django.utils import timezone

from tests.conftest import make_oversight_member, totp_code
from tests.factories import MembershipFactory, NationalGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and unusual passphrase 42"


def logged_in_page(browser, live_server, user, *, language="en", **context):
    """A browser tab logged in as the user, through the site's own login page, in the
    language's pages; `context`, the tab's window (a phone's viewport)."""
    page = browser.new_context(locale={"en": "en-GB"}.get(language, language), **context).new_page()
    page.set_default_timeout(15_000)
    # The admin sends staff to the site's login; the oversight team then gives a code.
    page.goto(live_server.url + ("/admin/" if user.is_staff else f"/{language}/accounts/login/"))
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    if user.is_staff:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        page.fill("input[name=code]", totp_code())
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(f"{live_server.url}/admin/")
    page.wait_for_load_state()
    return page


def test_organizer_requests_oversight_approves_organizer_accepts_letter(
    live_server, browser, settings
):
    group = NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")
    organizer = MembershipFactory(
        group=group,
        role="national_lead",
        user__username="ann",
        user__email="ann@example.org",
        user__first_name="Ann Organizer",
    ).user
    reviewer = make_oversight_member(settings, username="olga", email="olga@pauseai.info")
    for user in (organizer, reviewer):
        user.set_password(PASSWORD)
        user.save()
    start = timezone.localdate() + datetime.timedelta(days=20)

    # The organizer asks for 450 euros for flyers.
    ann = logged_in_page(browser, live_server, organizer)
    ann.goto(f"{live_server.url}/en/my/groups/belgium/microgrants/new/")
    ann.fill("input[name=title]", "Flyers for the Brussels protest")
    ann.select_option("select[name=activity_kind]", "flyers")
    ann.fill("textarea[name=description]", "Two thousand flyers, printed locally.")
    ann.fill("textarea[name=deliverables]", "2,000 flyers handed out, photos.")
    ann.fill("input[name=start_date]", start.isoformat())
    ann.fill("input[name=end_date]", (start + datetime.timedelta(days=10)).isoformat())
    ann.select_option("select[name=currency]", "EUR")
    ann.fill("input[name=amount_requested]", "450.00")
    ann.select_option("select[name=payment_method]", "advance")
    ann.fill("textarea[name=payee_details]", "Ann Organizer, BE71 0961 2345 6769")
    ann.fill("input[name=budget-0-item]", "Printing")
    ann.fill("input[name=budget-0-amount]", "450.00")
    ann.click("button[value=submit]")
    ann.wait_for_load_state()
    assert "Submitted" in ann.locator("main").inner_text()
    detail_url = ann.url

    # The oversight team approves it in the admin.
    olga = logged_in_page(browser, live_server, reviewer)
    olga.goto(f"{live_server.url}/admin/microgrants/micrograntrequest/")
    olga.click("text=Flyers for the Brussels protest")
    olga.click("button[value=start_review]")
    olga.wait_for_load_state()
    olga.click("button[value=approve]")
    olga.wait_for_load_state()
    assert "Approved" in olga.locator("#content").inner_text()

    # The organizer reads the grant letter and accepts it with their full name.
    ann.goto(detail_url)
    ann.click("a[href$='/letter/']")
    assert "€450" in ann.locator("main").inner_text()
    assert "responsible for their own taxes" in ann.locator("main").inner_text()
    ann.fill("input[name=full_name]", "Ann Organizer")
    ann.click("text=I accept the grant letter")
    ann.wait_for_load_state()
    ann.goto(detail_url)
    assert "Grant letter accepted" in ann.locator("main").inner_text()


def test_three_budget_lines_entered_in_one_go_with_the_total_said_as_they_are_typed(
    live_server, browser
):
    """€300 + €150 + €50, added and one removed on the page, the total said in French
    as they are typed; a draft saves lines that do not add up yet, submission says so at
    the top of the page with a link to the budget."""
    group = NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")
    organizer = MembershipFactory(
        group=group, role="national_lead", user__email="ann@example.org"
    ).user
    organizer.set_password(PASSWORD)
    organizer.save()
    start = timezone.localdate() + datetime.timedelta(days=20)
    ann = logged_in_page(browser, live_server, organizer)
    ann.set_viewport_size({"width": 390, "height": 844})
    ann.goto(f"{live_server.url}/fr/my/groups/belgium/microgrants/new/")
    ann.fill("input[name=title]", "Soirée de lancement")
    ann.select_option("select[name=activity_kind]", "launch_event")
    ann.fill("textarea[name=description]", "Une salle pour 80 personnes.")
    ann.fill("textarea[name=deliverables]", "La soirée, des photos.")
    ann.fill("input[name=start_date]", start.isoformat())
    ann.fill("input[name=end_date]", (start + datetime.timedelta(days=1)).isoformat())
    ann.fill("input[name=amount_requested]", "450")
    ann.select_option("select[name=payment_method]", "advance")
    ann.fill("textarea[name=payee_details]", "Ann, BE71 0961 2345 6769")
    total = ann.locator("[data-budget-total]")

    ann.fill("input[name=budget-0-item]", "Salle")
    ann.fill("input[name=budget-0-amount]", "300")
    assert "150" in total.inner_text() and "de moins" in total.inner_text()
    ann.click("button[value=add_line]")
    ann.fill("input[name=budget-1-item]", "Son")
    ann.fill("input[name=budget-1-amount]", "150")
    ann.click("button[value=add_line]")
    ann.fill("input[name=budget-2-item]", "Affiches")
    ann.fill("input[name=budget-2-amount]", "50")
    assert "de plus" in total.inner_text()
    ann.locator(".formset__row").nth(2).get_by_role("button", name="Retirer cette ligne").click()
    assert total.inner_text() == "Les lignes totalisent bien les 450\u00a0€ demandés." or (
        "Ligne retirée." in total.inner_text() and "bien les 450" in total.inner_text()
    )
    # The amount is changed after the lines: the draft keeps them, not adding up.
    ann.fill("input[name=amount_requested]", "500")
    ann.click("button[value=save]")
    ann.wait_for_load_state()
    microgrant = group.microgrant_requests.get()
    assert sorted(line.amount for line in microgrant.budget_lines.all()) == [150, 300]

    ann.goto(f"{live_server.url}/fr/my/groups/belgium/microgrants/{microgrant.pk}/edit/")
    ann.click("button[value=submit]")
    ann.wait_for_load_state()
    summary = ann.locator("[data-error-summary]")
    assert summary.is_visible()
    assert ann.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert summary.bounding_box()["y"] < 844
    summary.get_by_role("link").first.click()
    assert ann.evaluate("document.activeElement.name") == "budget-0-item"
