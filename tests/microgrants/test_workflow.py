"""The life of a microgrant through its services, and the rules the database holds."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone, translation
from PIL import Image

from microgrants.models import MicrograntBudgetLine, MicrograntEvent, MicrograntRequest
from microgrants.services import (
    MicrograntError,
    microgrant_accept_letter,
    microgrant_accept_report,
    microgrant_approve,
    microgrant_attach_file,
    microgrant_mark_paid,
    microgrant_reject,
    microgrant_request_info,
    microgrant_return_report,
    microgrant_start_review,
    microgrant_submit,
    microgrant_submit_report,
    microgrant_withdraw,
)
from tests.conftest import make_oversight_member
from tests.factories import MembershipFactory, MicrograntRequestFactory, NationalGroupFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def reviewer(settings):
    return make_oversight_member(settings, username="olga", email="olga@pauseai.info")


@pytest.fixture
def second_reviewer(settings):
    return make_oversight_member(settings, username="rik", email="rik@pauseai.info")


def receipt(microgrant, user):
    upload = ContentFile(b"%PDF-1.4 receipt", name="receipt.pdf")
    return microgrant_attach_file(microgrant=microgrant, user=user, kind="receipt", upload=upload)


def in_review(microgrant, reviewer):
    microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)
    return microgrant_start_review(microgrant=microgrant, reviewer=reviewer)


def history(microgrant):
    return list(microgrant.events.values_list("from_status", "to_status"))


def test_full_life_of_a_microgrant(reviewer, mailoutbox, django_capture_on_commit_callbacks):
    microgrant = MicrograntRequestFactory(language="nl")
    requester = microgrant.requested_by

    with django_capture_on_commit_callbacks(execute=True):
        microgrant_submit(microgrant=microgrant, user=requester)
        microgrant_start_review(microgrant=microgrant, reviewer=reviewer)
        microgrant_request_info(microgrant=microgrant, reviewer=reviewer, note="Which venue?")
        microgrant_submit(microgrant=microgrant, user=requester)
        microgrant_approve(microgrant=microgrant, reviewer=reviewer, amount=Decimal("600.00"))
        microgrant_accept_letter(microgrant=microgrant, user=requester, full_name="Ann Organizer")
        microgrant_mark_paid(
            microgrant=microgrant, reviewer=reviewer, paid_on=TODAY(), reference="SEPA-2026-0042"
        )
        receipt(microgrant, requester)
        microgrant_submit_report(
            microgrant=microgrant,
            user=requester,
            done="The event.",
            numbers="90 people",
            learnings="-",
        )
        microgrant_return_report(microgrant=microgrant, reviewer=reviewer, note="Add the photos.")
        microgrant_submit_report(
            microgrant=microgrant,
            user=requester,
            done="The event, photos.",
            numbers="90",
            learnings="",
        )
        microgrant_accept_report(microgrant=microgrant, reviewer=reviewer)

    microgrant.refresh_from_db()
    assert microgrant.status == "closed"
    assert microgrant.amount_approved == Decimal("600.00")
    assert microgrant.letter_accepted_name == "Ann Organizer"
    assert microgrant.payment_reference == "SEPA-2026-0042"
    assert history(microgrant) == [
        ("draft", "submitted"),
        ("submitted", "in_review"),
        ("in_review", "more_info_needed"),
        ("more_info_needed", "in_review"),
        ("in_review", "approved"),
        ("approved", "letter_accepted"),
        ("letter_accepted", "paid"),
        ("paid", "report_submitted"),
        ("report_submitted", "paid"),
        ("paid", "report_submitted"),
        ("report_submitted", "closed"),
    ]
    # The oversight team hears of the submission; the requester of every decision,
    # in the language they asked in.
    assert mailoutbox[0].to == ["olga@pauseai.info"]
    to_requester = [mail for mail in mailoutbox if mail.to == [requester.email]]
    # start of review, question, approval, payment, report returned, closed
    assert len(to_requester) == 6
    assert any("Goedgekeurd" in mail.subject for mail in to_requester)


@pytest.mark.parametrize(
    ("language", "subject", "approved", "follow"),
    [
        (
            "fr",
            "Votre demande de micro-subvention «\u00a0Flyers\u00a0»\u00a0: En cours d'examen",
            "Un montant de 600\N{NO-BREAK SPACE}€ est approuvé.",
            "Suivre votre demande\N{NO-BREAK SPACE}:",
        ),
        (
            "de",
            "Dein Antrag auf Mikroförderung „Flyers“: In Prüfung",
            "Ein Betrag von 600\N{NO-BREAK SPACE}€ ist bewilligt.",
            "Deinen Antrag verfolgen:",
        ),
    ],
)
def test_a_french_or_german_requester_hears_of_every_decision_in_their_language(
    reviewer, mailoutbox, django_capture_on_commit_callbacks, language, subject, approved, follow
):
    microgrant = MicrograntRequestFactory(language=language, title="Flyers", amount_requested=600)

    with django_capture_on_commit_callbacks(execute=True):
        in_review(microgrant, reviewer)
        microgrant_approve(microgrant=microgrant, reviewer=reviewer, amount=Decimal("600.00"))

    review_started, approval = [
        mail for mail in mailoutbox if mail.to == [microgrant.requested_by.email]
    ]
    # French keeps its no-break spaces before the colon and inside the quotation marks.
    assert review_started.subject == subject
    assert approved in approval.body
    # The link leads to the request's page in the requester's language.
    assert f"{follow} http://127.0.0.1:8000/{language}/my/groups/" in approval.body


ILLEGAL = [
    ("draft", lambda g, r, u: microgrant_start_review(microgrant=g, reviewer=r)),
    ("submitted", lambda g, r, u: microgrant_approve(microgrant=g, reviewer=r)),
    ("in_review", lambda g, r, u: microgrant_accept_letter(microgrant=g, user=u, full_name="A")),
    ("approved", lambda g, r, u: microgrant_mark_paid(
        microgrant=g, reviewer=r, paid_on=TODAY(), reference="X")),
    ("approved", lambda g, r, u: microgrant_withdraw(microgrant=g, user=u)),
    ("letter_accepted", lambda g, r, u: microgrant_submit_report(
        microgrant=g, user=u, done="x", numbers="", learnings="")),
    ("paid", lambda g, r, u: microgrant_accept_report(microgrant=g, reviewer=r)),
    ("rejected", lambda g, r, u: microgrant_submit(microgrant=g, user=u)),
    ("closed", lambda g, r, u: microgrant_return_report(microgrant=g, reviewer=r, note="x")),
]  # fmt: skip


@pytest.mark.parametrize(("status", "action"), ILLEGAL)
def test_illegal_transitions_are_refused_and_change_nothing(reviewer, status, action):
    microgrant = MicrograntRequestFactory(status=status)

    with pytest.raises(MicrograntError):
        action(microgrant, reviewer, microgrant.requested_by)

    microgrant.refresh_from_db()
    assert microgrant.status == status
    assert not microgrant.events.exists()


def test_only_organizers_of_forming_or_active_groups_may_submit():
    microgrant = MicrograntRequestFactory(group__status="inactive")

    with pytest.raises(MicrograntError, match="forming or active"):
        microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)


def test_a_project_that_has_ended_is_refused_at_submission():
    """A grant funds what is still to come: a project that ended 45 days ago would be
    approved and paid with its report already overdue."""
    microgrant = MicrograntRequestFactory(
        start_date=TODAY() - datetime.timedelta(days=60),
        end_date=TODAY() - datetime.timedelta(days=45),
    )
    ends_today = MicrograntRequestFactory(start_date=TODAY(), end_date=TODAY())

    with pytest.raises(MicrograntError, match="ended on"):
        microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)
    microgrant.refresh_from_db()
    assert microgrant.status == "draft"
    microgrant_submit(microgrant=ends_today, user=ends_today.requested_by)


def test_someone_elses_draft_cannot_be_submitted():
    microgrant = MicrograntRequestFactory()
    other = MembershipFactory(group=microgrant.group).user

    with pytest.raises(MicrograntError, match="Only the person who asked"):
        microgrant_submit(microgrant=microgrant, user=other)


def test_an_overdue_report_blocks_new_requests():
    late = MicrograntRequestFactory(status="paid")
    MicrograntRequest.objects.filter(pk=late.pk).update(
        start_date=TODAY() - datetime.timedelta(days=90),
        end_date=TODAY() - datetime.timedelta(days=31),
    )
    microgrant = MicrograntRequestFactory(group=late.group)

    with pytest.raises(MicrograntError, match="report on"):
        microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)


def test_a_report_not_yet_due_does_not_block():
    MicrograntRequestFactory(status="paid")  # ends in 60 days
    microgrant = MicrograntRequestFactory()

    microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)


@pytest.mark.parametrize(
    ("currency", "amount", "allowed"),
    [("EUR", "2000.00", True), ("EUR", "2000.01", False), ("NOK", "30000.00", False)],
)
def test_the_limit_per_request(currency, amount, allowed):
    microgrant = MicrograntRequestFactory(currency=currency, amount_requested=Decimal(amount))

    if allowed:
        microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)
    else:
        with pytest.raises(MicrograntError, match="at most €2,000"):
            microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)


def test_the_limit_per_group_and_year(settings):
    settings.MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR = 1500
    group = NationalGroupFactory()
    first = MicrograntRequestFactory(group=group, amount_requested=Decimal("1000.00"))
    microgrant_submit(microgrant=first, user=first.requested_by)
    second = MicrograntRequestFactory(group=group, amount_requested=Decimal("600.00"))

    with pytest.raises(MicrograntError, match="at most €1,500 a calendar year"):
        microgrant_submit(microgrant=second, user=second.requested_by)


def test_budget_lines_must_add_up():
    microgrant = MicrograntRequestFactory()
    MicrograntBudgetLine.objects.create(request=microgrant, item="Flyers", amount=Decimal("50.00"))

    with pytest.raises(MicrograntError, match="add up to €850"):
        microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)


def test_nobody_approves_their_own_request_or_their_own_groups(reviewer, settings):
    microgrant = MicrograntRequestFactory()
    in_review(microgrant, reviewer)
    requester_in_team = make_oversight_member(settings, username="ann-staff")
    MicrograntRequest.objects.filter(pk=microgrant.pk).update(requested_by=requester_in_team)
    organizer_in_team = make_oversight_member(settings, username="org-staff")
    MembershipFactory(group=microgrant.group, user=organizer_in_team)

    with pytest.raises(MicrograntError, match="you made yourself"):
        microgrant_approve(microgrant=microgrant, reviewer=requester_in_team)
    with pytest.raises(MicrograntError, match="group you organize"):
        microgrant_approve(microgrant=microgrant, reviewer=organizer_in_team)
    microgrant.refresh_from_db()
    assert microgrant.status == "in_review"


def test_large_microgrants_need_two_different_approvers(reviewer, second_reviewer):
    microgrant = MicrograntRequestFactory(amount_requested=Decimal("1500.00"))
    in_review(microgrant, reviewer)

    microgrant_approve(microgrant=microgrant, reviewer=reviewer, amount=Decimal("1400.00"))
    microgrant.refresh_from_db()
    assert microgrant.status == "in_review"
    with pytest.raises(MicrograntError, match="already approved"):
        microgrant_approve(microgrant=microgrant, reviewer=reviewer)

    microgrant_approve(microgrant=microgrant, reviewer=second_reviewer)
    microgrant.refresh_from_db()
    assert microgrant.status == "approved"
    assert microgrant.amount_approved == Decimal("1400.00")


def test_approving_more_than_requested_is_refused(reviewer):
    microgrant = MicrograntRequestFactory()
    in_review(microgrant, reviewer)

    with pytest.raises(MicrograntError, match="at most the €800 requested"):
        microgrant_approve(microgrant=microgrant, reviewer=reviewer, amount=Decimal("800.01"))


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda g, r: microgrant_request_info(microgrant=g, reviewer=r, note=" "), "Say what"),
        (lambda g, r: microgrant_reject(microgrant=g, reviewer=r, note=""), "Give the reason"),
    ],
)
def test_questions_and_rejections_need_a_note(reviewer, action, message):
    microgrant = MicrograntRequestFactory()
    in_review(microgrant, reviewer)

    with pytest.raises(MicrograntError, match=message):
        action(microgrant, reviewer)


def test_a_reimbursement_is_paid_against_receipts(reviewer):
    microgrant = MicrograntRequestFactory(status="letter_accepted")
    microgrant.payment_method = "reimbursement"
    microgrant.save()

    with pytest.raises(MicrograntError, match="against receipts"):
        microgrant_mark_paid(
            microgrant=microgrant, reviewer=reviewer, paid_on=TODAY(), reference="R1"
        )
    receipt(microgrant, microgrant.requested_by)
    microgrant_mark_paid(microgrant=microgrant, reviewer=reviewer, paid_on=TODAY(), reference="R1")


def test_a_report_needs_receipts():
    microgrant = MicrograntRequestFactory(status="paid")

    with pytest.raises(MicrograntError, match="Upload the receipts"):
        microgrant_submit_report(
            microgrant=microgrant, user=microgrant.requested_by, done="x", numbers="", learnings=""
        )


def test_uploads_are_checked_by_content_not_name():
    microgrant = MicrograntRequestFactory(status="paid")
    fake = ContentFile(b"just some text", name="receipt.pdf")

    with pytest.raises(MicrograntError, match="PDF, PNG or JPEG"):
        microgrant_attach_file(
            microgrant=microgrant, user=microgrant.requested_by, kind="receipt", upload=fake
        )
    signature_only = ContentFile(b"\x89PNG\r\n\x1a\nrest", name="scan.png")
    with pytest.raises(MicrograntError, match="Upload a valid image"):
        microgrant_attach_file(
            microgrant=microgrant,
            user=microgrant.requested_by,
            kind="receipt",
            upload=signature_only,
        )
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    png = ContentFile(buffer.getvalue(), name="scan.jpg")
    stored = microgrant_attach_file(
        microgrant=microgrant, user=microgrant.requested_by, kind="receipt", upload=png
    )
    assert stored.content_type == "image/png"
    assert stored.original_name == "scan.png"


def test_the_database_holds_the_money_rules():
    microgrant = MicrograntRequestFactory()

    for field, value in (("amount_requested", Decimal("0")), ("amount_approved", Decimal("900"))):
        with pytest.raises(IntegrityError), transaction.atomic():
            MicrograntRequest.objects.filter(pk=microgrant.pk).update(**{field: value})
    with pytest.raises(IntegrityError), transaction.atomic():
        MicrograntRequest.objects.filter(pk=microgrant.pk).update(status="paid")
    with pytest.raises(IntegrityError), transaction.atomic():
        MicrograntRequest.objects.filter(pk=microgrant.pk).update(
            end_date=microgrant.start_date - datetime.timedelta(days=1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        MicrograntBudgetLine.objects.create(
            request=microgrant, item="Nothing", amount=Decimal("-1")
        )


def test_history_is_append_only_in_the_database(reviewer):
    microgrant = MicrograntRequestFactory()
    microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)
    event = microgrant.events.get()

    with pytest.raises(DatabaseError), transaction.atomic():
        MicrograntEvent.objects.filter(pk=event.pk).update(note="rewritten")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            MicrograntEvent.objects.filter(pk=event.pk).delete()
    assert microgrant.events.get().note == ""


def test_a_group_with_microgrants_cannot_be_deleted():
    microgrant = MicrograntRequestFactory()

    with pytest.raises(ProtectedError):
        microgrant.group.delete()


def test_approval_rechecks_the_yearly_cap_on_what_is_granted(settings, oversight_member):
    """The cap is read again at approval: lowered since the request went in, it holds."""
    from microgrants.services import MicrograntError, microgrant_approve, microgrant_start_review

    settings.MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR = 6000
    microgrant = MicrograntRequestFactory(amount_requested=Decimal("800.00"))
    microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)
    microgrant_start_review(microgrant=microgrant, reviewer=oversight_member)
    settings.MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR = 500

    with pytest.raises(MicrograntError, match="at most €500 a calendar year"):
        microgrant_approve(microgrant=microgrant, reviewer=oversight_member)
    approved = microgrant_approve(
        microgrant=microgrant, reviewer=oversight_member, amount=Decimal("500.00")
    )

    assert approved.status == "approved" and approved.amount_approved == Decimal("500.00")


@pytest.mark.parametrize(
    "rates",
    [{"EUR": "1", "USD": "ninety"}, {"EUR": "1", "USD": "0"}, {"EUR": "1", "usd": "0.9"}],
)
def test_a_malformed_euro_rate_stops_start_up_naming_the_setting(rates):
    from django.core.exceptions import ImproperlyConfigured

    from microgrants.models import checked_eur_rates

    with pytest.raises(ImproperlyConfigured, match="MICROGRANT_EUR_RATES"):
        checked_eur_rates(rates)


def test_every_currency_a_request_may_use_has_a_rate():
    from microgrants.models import EUR_RATES, MicrograntRequest

    currencies = [code for code, _label in MicrograntRequest._meta.get_field("currency").choices]

    assert currencies == list(EUR_RATES)
    assert all(rate > 0 for rate in EUR_RATES.values())


def test_the_registrys_history_notes_are_said_in_the_readers_language(reviewer):
    """A Dutch request's first approval reads in English on an English page and in Dutch
    on a Dutch one: its kind and figures are kept, the sentence written when shown."""
    microgrant = MicrograntRequestFactory(amount_requested=Decimal("1500.00"), language="nl")
    in_review(microgrant, reviewer)

    microgrant_approve(microgrant=microgrant, reviewer=reviewer, amount=Decimal("1500.00"))

    event = microgrant.events.order_by("pk").last()
    with translation.override("en"):
        english = event.note_in_words()
    with translation.override("nl"):
        dutch = event.note_in_words()
    assert english == "First approval (€1,500); a second oversight member must approve."
    assert dutch != english and "1.500" in dutch
