"""Money and dates the way each language writes them, on every microgrant page: one
helper (common/money.py) in the page's language, or in the recipient's for an email."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format

from common import pagecache
from microgrants.services import (
    MicrograntError,
    microgrant_accept_letter,
    microgrant_approve,
    microgrant_mark_paid,
    microgrant_submit,
)
from tests.admin_home import home
from tests.conftest import log_in_with_second_factor, make_oversight_member
from tests.factories import MicrograntRequestFactory
from tests.microgrants.helpers import BUDGET, BUDGET_CSV, CHANGELIST, page, request_data

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"
NNBSP = "\N{NARROW NO-BREAK SPACE}"  # French thousands
# An amount as code and number, as the pages wrote it before: "EUR 1500.00", "EUR 1,500.00".
RAW_AMOUNT = re.compile(r"\b(EUR|GBP|USD)[\s\xa0]*\d|\d[\s\xa0]*(EUR|GBP|USD)\b")


@pytest.fixture
def limits_read_fresh():
    """The rules page is a public page, cached until a watched table changes
    (common/pagecache.py); limits changed in the settings are not such a change. Each
    test here reads the page built with its own limits, and leaves none of them behind
    for another test to be served."""
    pagecache.new_version()
    yield
    pagecache.new_version()


def without_form_values(html: str) -> str:
    """The page as read: a form field's value (value="1500.00") is for the browser."""
    return re.sub(r'value="[^"]*"', "", html)


@pytest.mark.parametrize(
    ("language", "limits", "two_approvals"),
    [
        (
            "en",
            "At most €2,000 per request, and at most €6,000 per group in a calendar year.",
            "Above €1,000, two members",
        ),
        (
            "nl",
            f"Maximaal €{NBSP}2.000 per aanvraag, en maximaal €{NBSP}6.000 per groep per "
            "kalenderjaar.",
            f"Boven €{NBSP}1.000 moeten",
        ),
        (
            "fr",
            f"Au plus 2{NNBSP}000{NBSP}€ par demande, et au plus 6{NNBSP}000{NBSP}€ par groupe "
            "et par année civile.",
            f"Au-delà de 1{NNBSP}000{NBSP}€, deux membres",
        ),
        (
            "de",
            f"Höchstens 2.000{NBSP}€ pro Antrag und höchstens 6.000{NBSP}€ pro Gruppe im "
            "Kalenderjahr.",
            f"Über 1.000{NBSP}€ müssen",
        ),
    ],
)
def test_the_rules_write_the_limits_as_each_language_writes_money(
    client, settings, limits_read_fresh, language, limits, two_approvals
):
    settings.MICROGRANT_LIMIT_PER_REQUEST_EUR = 2000
    settings.MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR = 6000
    settings.MICROGRANT_TWO_APPROVALS_ABOVE_EUR = 1000

    html = page(client.get(f"/{language}/microgrants/"))

    assert limits in html
    assert two_approvals in html


def test_a_refusal_over_the_limit_writes_the_amounts_in_the_pages_language(
    client, group, requester, settings
):
    settings.MICROGRANT_LIMIT_PER_REQUEST_EUR = 1500

    response = client.post(
        "/nl/my/groups/belgium/microgrants/new/",
        request_data(
            ("Drukwerk", "1800.00"), ("Tape", "50.00"), amount_requested="1850.00", action="submit"
        ),
    )

    assert response.status_code == 400
    assert (
        f"Een microsubsidie bedraagt maximaal €{NBSP}1.500 (deze aanvraag komt neer op "
        f"ongeveer €{NBSP}1.850)."
    ) in response.content.decode()


def test_the_yearly_cap_refusal_writes_its_amounts_in_the_active_language(settings, group):
    settings.MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR = 2500
    MicrograntRequestFactory(group=group, status="submitted", amount_requested=Decimal("1200.40"))
    microgrant = MicrograntRequestFactory(group=group, amount_requested=Decimal("1500.00"))

    with translation.override("de"), pytest.raises(MicrograntError) as refusal:
        microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)

    assert (
        f"Eine Gruppe kann pro Kalenderjahr höchstens 2.500{NBSP}€ erhalten; PauseAI Belgium "
        f"hat dieses Jahr bereits etwa 1.200{NBSP}€."
    ) in str(refusal.value)


@pytest.mark.parametrize(
    ("language", "amount"),
    [
        ("en", "€1,650"),
        ("nl", f"€{NBSP}1.650"),
        ("fr", f"1{NNBSP}650{NBSP}€"),
        ("de", f"1.650{NBSP}€"),
    ],
)
def test_the_letter_writes_the_approved_amount_in_the_pages_language(
    client, group, requester, language, amount
):
    microgrant = MicrograntRequestFactory(
        group=group,
        requested_by=requester,
        status="approved",
        amount_requested=Decimal("1800.00"),
        amount_approved=Decimal("1650.00"),
    )

    letter = page(client.get(f"/{language}/my/groups/belgium/microgrants/{microgrant.pk}/letter/"))

    assert f"<dd>{amount}</dd>" in letter


def test_the_request_page_writes_every_amount_with_its_currency(client, group, requester):
    microgrant = MicrograntRequestFactory(
        group=group,
        requested_by=requester,
        status="approved",
        currency="GBP",
        amount_requested=Decimal("1450.50"),
        amount_approved=Decimal("1200.00"),
        budget=False,
    )
    microgrant.budget_lines.create(item="Venue", amount=Decimal("1000.00"))
    microgrant.budget_lines.create(item="Sound", amount=Decimal("450.50"))

    html = page(client.get(f"/nl/my/groups/belgium/microgrants/{microgrant.pk}/"))

    assert f"<dd>£{NBSP}1.450,50</dd>" in html  # requested
    assert f"<dd>£{NBSP}1.200</dd>" in html  # approved
    assert f'<td class="budget__amount">£{NBSP}1.000</td>' in html
    assert f'<td class="budget__amount">£{NBSP}450,50</td>' in html
    assert f'<td class="budget__amount">£{NBSP}1.450,50</td>' in html  # the total


def test_no_page_writes_an_amount_as_a_currency_code_and_a_raw_number(
    client, group, requester, settings, django_capture_on_commit_callbacks, mailoutbox
):
    """The organizers' pages, the oversight team's, and the email to the team."""
    reviewer = make_oversight_member(settings, username="olga")
    approved = MicrograntRequestFactory(
        group=group,
        requested_by=requester,
        status="approved",
        amount_requested=Decimal("1500.00"),
        amount_approved=Decimal("1450.50"),
    )
    draft = MicrograntRequestFactory(
        group=group, requested_by=requester, amount_requested=Decimal("1500.00")
    )
    submitted = MicrograntRequestFactory(group=group, requested_by=requester)
    with django_capture_on_commit_callbacks(execute=True):
        microgrant_submit(microgrant=submitted, user=requester)
    base = "/en/my/groups/belgium/microgrants/"
    organizer_pages = [
        "/en/microgrants/",
        base,
        f"{base}{approved.pk}/",
        f"{base}{approved.pk}/letter/",
        f"{base}{draft.pk}/edit/",
    ]
    oversight_pages = [CHANGELIST, f"{CHANGELIST}{approved.pk}/change/", BUDGET, "/admin/"]

    for url in organizer_pages:
        html = without_form_values(page(client.get(url)))
        assert not RAW_AMOUNT.search(html), url
        assert "1500.00" not in html and "1,500.00" not in html, url
    oversight_client = log_in_with_second_factor(Client(), reviewer)
    for url in oversight_pages:
        html = without_form_values(page(oversight_client.get(url)))
        assert not RAW_AMOUNT.search(html), url
        assert "1,500.00" not in html and "1450.50" not in html, url
    (to_the_team,) = mailoutbox
    assert "€800" in to_the_team.subject and "€800" in to_the_team.body
    assert not RAW_AMOUNT.search(to_the_team.subject + to_the_team.body)


def test_the_changelist_writes_amounts_in_the_readers_language(oversight_client, group):
    MicrograntRequestFactory(group=group, status="submitted", amount_requested=Decimal("1700.00"))

    queue = page(oversight_client.get(CHANGELIST, headers={"accept-language": "nl"}))

    assert f'<td class="field-amount_display">€{NBSP}1.700</td>' in queue
    assert f'<td class="field-group_this_year">€{NBSP}1.700 / €{NBSP}0</td>' in queue


def test_the_change_page_writes_the_amounts_its_budget_and_its_approvals(
    oversight_client, settings
):
    microgrant = MicrograntRequestFactory(status="in_review", amount_requested=Decimal("1450.50"))
    colleague = make_oversight_member(settings, username="rik")
    microgrant.approvals.create(approver=colleague, amount=Decimal("1400.00"))

    change = page(
        oversight_client.get(
            f"{CHANGELIST}{microgrant.pk}/change/", headers={"accept-language": "nl"}
        )
    )

    assert f'<div class="readonly">€{NBSP}1.450,50</div>' in change  # requested
    assert change.count(f"<p>€{NBSP}1.450,50</p>") == 1  # the budget line
    assert change.count(f"<p>€{NBSP}1.400</p>") == 1  # the first approval


def test_the_budget_writes_amounts_and_its_csv_keeps_plain_numbers(oversight_client, group):
    MicrograntRequestFactory(group=group, status="paid", amount_requested=Decimal("1500.00"))

    overview = page(oversight_client.get(BUDGET, headers={"accept-language": "de"}))
    csv_in_german = oversight_client.get(BUDGET_CSV, headers={"accept-language": "de"})

    assert f"<td>1.500{NBSP}€</td>" in overview
    # A spreadsheet reads the CSV: numbers, whatever the reader's language.
    assert ",EUR,1500.00,1500.00,1500.00\r\n" in csv_in_german.content.decode()


def test_the_granted_tile_writes_amounts_in_the_readers_language(oversight_client, settings):
    settings.MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR = 6000
    MicrograntRequestFactory(status="approved", amount_requested=Decimal("1500.00"))

    in_french = home(oversight_client, **{"accept-language": "fr"})

    (granted,) = [reading for reading in in_french.tiles if reading.name == "microgrants-granted"]
    assert granted.entries[0].detail == f"1{NNBSP}500{NBSP}€ sur 6{NNBSP}000{NBSP}€"


# History notes are written once and read in every language: the ones the registry
# writes are in the request's own language, the language of every message about it.


def said_in(language, event) -> str:
    with translation.override(language):
        return event.note_in_words()


def test_a_first_approval_note_is_said_in_each_readers_language(settings):
    settings.MICROGRANT_TWO_APPROVALS_ABOVE_EUR = 1000
    microgrant = MicrograntRequestFactory(
        language="nl", status="in_review", amount_requested=Decimal("1500.00")
    )
    reviewer = make_oversight_member(settings, username="olga")

    with translation.override("en"):
        microgrant_approve(microgrant=microgrant, reviewer=reviewer, amount=Decimal("1400.00"))

    event = microgrant.events.get()
    assert said_in("nl", event) == (
        f"Eerste goedkeuring (€{NBSP}1.400); een tweede lid van het toezichtteam moet nog "
        "goedkeuren."
    )
    assert said_in("en", event) == (
        "First approval (€1,400); a second oversight member must approve."
    )


def test_a_payment_note_is_said_in_each_readers_language(settings):
    microgrant = MicrograntRequestFactory(language="de", status="letter_accepted")
    reviewer = make_oversight_member(settings, username="olga")
    paid_on = microgrant.letter_accepted_at.date()

    with translation.override("en"):
        microgrant_mark_paid(
            microgrant=microgrant, reviewer=reviewer, paid_on=paid_on, reference="SEPA-9"
        )

    with translation.override("de"):
        german_date = date_format(paid_on)
    event = microgrant.events.get()
    assert said_in("de", event) == f"Ausgezahlt am {german_date}, Verwendungszweck SEPA-9."
    assert said_in("en", event).startswith("Paid on ")


def test_the_other_notes_the_registry_writes_are_said_in_each_readers_language(settings):
    microgrant = MicrograntRequestFactory(language="nl", status="approved")
    microgrant.requested_by.first_name = "Ann Organizer"

    with translation.override("en"):
        microgrant_accept_letter(
            microgrant=microgrant, user=microgrant.requested_by, full_name="Ann Organizer"
        )

    event = microgrant.events.get()
    assert said_in("nl", event) == "Aanvaard als Ann Organizer."
    assert said_in("en", event) == "Accepted as Ann Organizer."


# Dates: one format per page --------------------------------------------------------


def test_the_admin_writes_the_report_due_date_as_it_writes_the_other_dates(oversight_client):
    microgrant = MicrograntRequestFactory(status="paid")

    change = page(oversight_client.get(f"{CHANGELIST}{microgrant.pk}/change/"))

    assert f'<div class="readonly">{date_format(microgrant.end_date)}</div>' in change
    assert f'<div class="readonly">{date_format(microgrant.report_due_on)}</div>' in change
    assert microgrant.report_due_on.isoformat() not in change


def test_a_save_from_a_stale_tab_shows_the_amounts_that_changed_as_the_page_writes_them(
    client, group, requester
):
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester)
    url = f"/en/my/groups/belgium/microgrants/{microgrant.pk}/edit/"
    line = microgrant.budget_lines.get().pk
    form = client.get(url).context["form"]
    changed = {
        "line_ids": [line],
        "amount_requested": "950.50",
        "edit_version": form["edit_version"].value(),
        "edit_seen": form["edit_seen"].value(),
    }

    client.post(url, request_data(("Venue", "950.50"), **changed))
    refused = client.post(url, request_data(("Venue", "950.50"), **changed, title="Tab two"))

    assert refused.status_code == 409
    html = refused.content.decode()
    assert "Amount requested: “€800” → “€950.50”" in html
    assert "Budget: “Venue: €800” → “Venue: €950.50”" in html


def test_an_emails_subject_keeps_the_amounts_no_break_spaces(
    settings, group, django_capture_on_commit_callbacks, mailoutbox
):
    """The team's email is in the site's default language; in French, the thousands
    and the euro sign stay with the number on one line."""
    settings.LANGUAGE_CODE = "fr"
    make_oversight_member(settings, username="olga")
    microgrant = MicrograntRequestFactory(group=group, amount_requested=Decimal("1500.00"))

    with django_capture_on_commit_callbacks(execute=True):
        microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)

    (to_the_team,) = mailoutbox
    assert to_the_team.subject.endswith(f"PauseAI Belgium{NBSP}: 1{NNBSP}500{NBSP}€")
