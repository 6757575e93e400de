"""A new organizer's first day in a real browser: sign up, apply, get approved, set up."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from tests.conftest import make_oversight_member, totp_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "a long and unusual passphrase 42"


def submit(page):
    page.locator("main form button[type=submit]").last.click()


def test_sign_up_apply_get_approved_and_tick_a_setup_step(live_server, browser, settings):
    call_command("load_content", verbosity=0)
    reviewer = make_oversight_member(settings, username="olga", email="olga@pauseai.info")
    reviewer.set_password(PASSWORD)
    reviewer.save()
    applicant = browser.new_context(locale="en-GB").new_page()
    applicant.set_default_timeout(15_000)

    # Sign up, and confirm the address from the email.
    applicant.goto(f"{live_server.url}/en/accounts/signup/")
    applicant.fill("input[name=full_name]", "Ann Example")
    applicant.fill("input[name=email]", "ann@example.org")
    applicant.fill("input[name=password1]", PASSWORD)
    applicant.fill("input[name=password2]", PASSWORD)
    submit(applicant)
    applicant.wait_for_url("**/accounts/confirm-email/")
    confirmation = next(m for m in mail.outbox if m.to == ["ann@example.org"])
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", confirmation.body).group(0)
    applicant.goto(link)
    submit(applicant)
    applicant.goto(f"{live_server.url}/en/accounts/login/")
    applicant.fill("input[name=login]", "ann@example.org")
    applicant.fill("input[name=password]", PASSWORD)
    submit(applicant)

    # Apply to found PauseAI Denmark.
    applicant.goto(f"{live_server.url}/en/apply/")
    applicant.select_option("select[name=country]", "DK")
    applicant.fill("input[name=proposed_name]", "PauseAI Danmark")
    applicant.fill("input[name=discord_project_url]", "https://discord.com/channels/1/2/3")
    applicant.fill("textarea[name=plans]", "A launch event in Copenhagen.")
    applicant.fill("input[name=applicant_role]", "National lead")
    applicant.check("input[name=agrees_to_strategy]")
    submit(applicant)
    applicant.wait_for_url(f"{live_server.url}/en/my/")
    assert applicant.locator(".application__status").inner_text() == "Submitted"

    # The oversight team reviews and approves it in the admin.
    admin = browser.new_context(locale="en-GB").new_page()
    admin.set_default_timeout(15_000)
    admin.goto(f"{live_server.url}/admin/")
    admin.fill("input[name=login]", "olga@pauseai.info")
    admin.fill("input[name=password]", PASSWORD)
    submit(admin)
    admin.fill("input[name=code]", totp_code())
    admin.locator("main form button[type=submit]").first.click()
    admin.wait_for_url(f"{live_server.url}/admin/")
    admin.goto(f"{live_server.url}/admin/onboarding/groupapplication/")
    admin.click("text=PauseAI Danmark")
    admin.click("button[value=start_review]")
    admin.click("button[value=approve]")
    assert admin.locator(".messagelist").inner_text().endswith("approved; the group is founded.")

    # The new national lead follows the setup guide.
    applicant.goto(f"{live_server.url}/en/my/")
    assert applicant.locator(".application__status").inner_text() == "Approved"
    assert "2 of 7 steps done" in applicant.locator(".my-group").inner_text()
    applicant.click(".my-group__setup")
    step_four = applicant.locator("#step-4")
    # One item to tick; "choose something popular" is advice, read and not ticked.
    item = step_four.locator(".checklist-item:not(.checklist-item--ticked)").first
    item.locator("input[name=evidence]").fill("https://signal.group/#danmark")
    item.locator("button.button[type=submit]").click()
    applicant.wait_for_load_state()
    assert step_four.locator(".checklist-item--ticked").count() == 1
    assert step_four.locator(".checklist-item").count() == 1
    assert "Choose something popular" in step_four.locator(".setup-advice").inner_text()

    applicant.goto(f"{live_server.url}/en/my/")
    assert "3 of 7 steps done" in applicant.locator(".my-group").inner_text()
