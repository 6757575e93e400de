"""A national group's microgrants, from draft to closed: the request, its budget, its
approvals, its history and its files.

The tables keep the names they had in the groups app (Meta.db_table): the models
moved here without their data moving (microgrants/migrations/0001_initial.py).
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.dates import dates_in_range
from common.fields import limited_text_field
from common.money import format_money
from common.storage import PrivateFileStorage
from common.typography import labelled
from common.validators import validate_multiline_text, validate_text, validate_visible_text
from common.versioning import Versioned
from common.workflow import StatusChange, status_change_fields
from groups.models import NationalGroup

# The completion report is due this long after the project's end date.
REPORT_DUE_AFTER = datetime.timedelta(days=30)
# A decision is promised within a month; the queue flags a request after three weeks,
# while there is still time to keep that promise.
DECISION_EXPECTED_WITHIN = datetime.timedelta(days=30)
DECISION_DUE_AFTER = DECISION_EXPECTED_WITHIN - datetime.timedelta(days=9)
# A project may have started up to a year ago (reimbursing what was paid already) and
# must end within two years: what a microgrant is for.
PROJECT_STARTS_AFTER = datetime.timedelta(days=365)
PROJECT_ENDS_WITHIN = datetime.timedelta(days=730)


def validate_project_start(value: datetime.date) -> None:
    if value < timezone.localdate() - PROJECT_STARTS_AFTER:
        raise ValidationError(_("The project cannot start more than a year ago."), code="early")


def validate_project_end(value: datetime.date) -> None:
    if value > timezone.localdate() + PROJECT_ENDS_WITHIN:
        raise ValidationError(
            _("The project must end within %(years)d years from today.")
            % {"years": PROJECT_ENDS_WITHIN.days // 365},
            code="late",
        )


def checked_eur_rates(rates: dict) -> dict[str, Decimal]:
    """The euro rates, each an ISO 4217 code with a positive number of euros per unit; a
    malformed one stops start-up here, rather than a request half-way."""
    checked = {}
    for code, rate in rates.items():
        try:
            value = Decimal(str(rate))
        except InvalidOperation:
            value = None
        if not re.fullmatch(r"[A-Z]{3}", str(code)) or value is None or not value > 0:
            raise ImproperlyConfigured(
                f"MICROGRANT_EUR_RATES: {code!r} needs a three-letter ISO 4217 code and a "
                f"positive rate in euros, not {rate!r}"
            )
        checked[code] = value
    return checked


# Euros per unit of each currency a microgrant can be requested in: the currencies are
# the rates' keys (settings.MICROGRANT_EUR_RATES), so none can lack a rate.
EUR_RATES = checked_eur_rates(settings.MICROGRANT_EUR_RATES)
MICROGRANT_CURRENCIES = tuple(EUR_RATES)


class MicrograntStatus(models.TextChoices):
    """Where a request stands (its moves: microgrants/workflow.py); in a context of their
    own, as every workflow's statuses (la demande approuvée)."""

    DRAFT = "draft", pgettext_lazy("microgrant request status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("microgrant request status", "Submitted")
    IN_REVIEW = "in_review", pgettext_lazy("microgrant request status", "In review")
    MORE_INFO_NEEDED = (
        "more_info_needed",
        pgettext_lazy("microgrant request status", "More information needed"),
    )
    APPROVED = "approved", pgettext_lazy("microgrant request status", "Approved")
    REJECTED = "rejected", pgettext_lazy("microgrant request status", "Rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("microgrant request status", "Withdrawn")
    LETTER_ACCEPTED = (
        "letter_accepted",
        pgettext_lazy("microgrant request status", "Grant letter accepted"),
    )
    PAID = "paid", pgettext_lazy("microgrant request status", "Paid")
    REPORT_SUBMITTED = (
        "report_submitted",
        pgettext_lazy("microgrant request status", "Report submitted"),
    )
    CLOSED = "closed", pgettext_lazy("microgrant request status", "Closed")


# The statuses a request passes once approved, with what the database asks of each: the
# approved amount from approval on, the accepted letter from its acceptance, the payment
# once paid.
REPORT_PENDING = (
    MicrograntStatus.APPROVED,
    MicrograntStatus.LETTER_ACCEPTED,
    MicrograntStatus.PAID,
    MicrograntStatus.REPORT_SUBMITTED,
)
GRANTED = (*REPORT_PENDING, MicrograntStatus.CLOSED)
LETTER_ACCEPTED_ON = GRANTED[1:]
PAID_ON = GRANTED[2:]


class MicrograntQuerySet(models.QuerySet):
    def awaiting_decision(self):
        """Submitted and not decided yet, oldest first: the oversight team's queue."""
        return self.filter(status__in=MicrograntRequest.AWAITING_DECISION).order_by("submitted_at")

    def report_pending(self):
        """Granted, and the report not accepted yet."""
        return self.filter(status__in=MicrograntRequest.REPORT_PENDING)


# What the database holds of every request: statuses and currencies it knows, positive
# amounts, approved within requested, dates in order and in range, and the fields each
# status needs (past approval the amount; past the letter who accepted it and when;
# past payment when and how).
MICROGRANT_CONSTRAINTS = [
    models.CheckConstraint(
        condition=Q(status__in=MicrograntStatus.values), name="microgrant_status_valid"
    ),
    models.CheckConstraint(
        condition=Q(currency__in=MICROGRANT_CURRENCIES), name="microgrant_currency_valid"
    ),
    models.CheckConstraint(
        condition=Q(amount_requested__gt=0),
        name="microgrant_amount_requested_positive",
        violation_error_message=_("The amount must be more than zero."),
    ),
    models.CheckConstraint(
        condition=Q(amount_approved__isnull=True)
        | Q(amount_approved__gt=0, amount_approved__lte=F("amount_requested")),
        name="microgrant_approved_within_requested",
        violation_error_message=_(
            "The approved amount must be more than zero and at most the amount requested."
        ),
    ),
    models.CheckConstraint(
        condition=dates_in_range("start_date", "end_date", "paid_on"),
        name="microgrant_dates_in_range",
    ),
    models.CheckConstraint(
        condition=Q(end_date__gte=F("start_date")),
        name="microgrant_ends_after_it_starts",
        violation_error_message=_("The end date cannot be before the start date."),
    ),
    # Past approval, the approved amount is known; past acceptance of the
    # letter, who accepted it and when; past payment, when and how.
    models.CheckConstraint(
        condition=~Q(status__in=list(GRANTED)) | Q(amount_approved__isnull=False),
        name="microgrant_granted_has_amount",
    ),  # fmt: skip
    models.CheckConstraint(
        condition=~Q(status__in=list(LETTER_ACCEPTED_ON))
        | (Q(letter_accepted_at__isnull=False) & ~Q(letter_accepted_name="")),
        name="microgrant_letter_accepted_by_name",
    ),
    models.CheckConstraint(
        condition=~Q(status__in=list(PAID_ON))
        | (Q(paid_on__isnull=False) & ~Q(payment_reference="")),
        name="microgrant_paid_has_date_and_reference",
    ),
]


class MicrograntRequest(Versioned):
    """A national group's request for a microgrant, from draft to closed."""

    Status = MicrograntStatus

    class ActivityKind(models.TextChoices):
        LAUNCH_EVENT = "launch_event", _("Launch event")
        FLYERS = "flyers", _("Flyers and materials")
        WEBSITE = "website", _("Website")
        WORKSHOP = "workshop", _("Workshop")
        LOBBYING = "lobbying", _("Lobbying")
        MEDIA_OUTREACH = "media_outreach", _("Media outreach")
        PROTEST = "protest", _("Protest")
        OTHER = "other", _("Other")

    class PaymentMethod(models.TextChoices):
        ADVANCE = "advance", _("Advance")
        REIMBURSEMENT = "reimbursement", _("Reimbursement against receipts")

    AWAITING_DECISION = (Status.SUBMITTED, Status.IN_REVIEW, Status.MORE_INFO_NEEDED)
    REPORT_PENDING = REPORT_PENDING
    # Granted, and the report still to be sent: what the reminders and the report tiles ask.
    REPORT_TO_SEND = (Status.LETTER_ACCEPTED, Status.PAID)
    # Money is granted from approval on: what the yearly cap holds at approval.
    GRANTED = GRANTED
    # Never asked for, or no longer: what the yearly cap does not count.
    NOT_COUNTED = (Status.DRAFT, Status.REJECTED, Status.WITHDRAWN)
    # The oversight team's decision to take (not the requester's, answering a question).
    WAITING_ON_THE_TEAM = (Status.SUBMITTED, Status.IN_REVIEW)
    # What the requester still writes: a draft, or an answer to the team's question.
    EDITABLE = (Status.DRAFT, Status.MORE_INFO_NEEDED)

    group = models.ForeignKey(
        NationalGroup,
        on_delete=models.PROTECT,
        related_name="microgrant_requests",
        verbose_name=_("national group"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="microgrant_requests",
        verbose_name=_("requested by"),
    )
    title = models.CharField(
        _("title"), max_length=200, validators=[validate_text, validate_visible_text]
    )
    activity_kind = models.CharField(
        _("kind of activity"), max_length=20, choices=ActivityKind.choices
    )
    description = limited_text_field(
        _("description"), max_length=5_000, validators=[validate_multiline_text]
    )
    deliverables = limited_text_field(
        _("deliverables"),
        max_length=5_000,
        help_text=_("What will exist or have happened when the project ends."),
        validators=[validate_multiline_text],
    )
    start_date = models.DateField(_("start date"), validators=[validate_project_start])
    end_date = models.DateField(_("end date"), validators=[validate_project_end])
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=[(code, code) for code in MICROGRANT_CURRENCIES],
        default="EUR",
    )
    amount_requested = models.DecimalField(_("amount requested"), max_digits=10, decimal_places=2)
    amount_approved = models.DecimalField(
        _("amount approved"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    payment_method = models.CharField(
        _("payment"), max_length=16, choices=PaymentMethod.choices, default=PaymentMethod.ADVANCE
    )
    payee_details = limited_text_field(
        _("payee details"),
        max_length=1_000,
        help_text=_("Name and bank account (IBAN) of who receives the money. Kept private."),
        validators=[validate_multiline_text],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The requester's language, used for every message about this request."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    letter_accepted_name = models.CharField(
        _("letter accepted as"),
        max_length=200,
        blank=True,
        validators=[validate_text, validate_visible_text],
    )
    letter_accepted_at = models.DateTimeField(_("letter accepted"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    payment_reference = models.CharField(
        _("payment reference"), max_length=100, blank=True, validators=[validate_text]
    )
    report_done = limited_text_field(
        _("what was done against the deliverables"),
        max_length=10_000,
        blank=True,
        validators=[validate_multiline_text],
    )
    report_numbers = limited_text_field(
        _("numbers reached"), max_length=5_000, blank=True, validators=[validate_multiline_text]
    )
    report_learnings = limited_text_field(
        _("what worked, and what did not"),
        max_length=10_000,
        blank=True,
        validators=[validate_multiline_text],
    )
    report_submitted_at = models.DateTimeField(_("report submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MicrograntQuerySet.as_manager()

    class Meta:
        db_table = "groups_micrograntrequest"  # as in the groups app: the data did not move
        ordering = ["-created_at"]
        verbose_name = _("microgrant request")
        verbose_name_plural = _("microgrant requests")
        constraints = MICROGRANT_CONSTRAINTS

    def __str__(self):
        return self.title

    @property
    def report_due_on(self):
        """A month after the project ends."""
        return self.end_date + REPORT_DUE_AFTER

    def edit_snapshot(self):
        """The amounts shown as the page writes them; compared as the numbers they are."""
        snapshot = super().edit_snapshot()
        for field in ("amount_requested", "amount_approved"):
            amount = getattr(self, field)
            if amount is not None:
                snapshot[field] = (snapshot[field][0], format_money(amount, self.currency))
        lines = list(self.budget_lines.all())
        compared = "; ".join(f"{line.item}: {line.amount}" for line in lines)
        shown = "; ".join(
            labelled(line.item, format_money(line.amount, self.currency)) for line in lines
        )
        return {**snapshot, "budget": (compared, shown or "–")}

    @property
    def decision_is_due(self) -> bool:
        """Waiting on the team for three weeks: a decision is due soon (the queue's flag)."""
        return (
            self.status in self.WAITING_ON_THE_TEAM
            and self.submitted_at is not None
            and timezone.now() - self.submitted_at > DECISION_DUE_AFTER
        )

    def amount_display(self):
        """The approved amount once known, else the requested one, as the reader writes it."""
        return format_money(self.amount_approved or self.amount_requested, self.currency)


class MicrograntBudgetLine(models.Model):
    request = models.ForeignKey(
        MicrograntRequest,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("microgrant request"),
    )
    item = models.CharField(
        _("item"), max_length=200, validators=[validate_text, validate_visible_text]
    )
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)

    class Meta:
        db_table = "groups_micrograntbudgetline"  # as in the groups app: the data did not move
        ordering = ["pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="budget_line_amount_positive",
                violation_error_message=_("The amount must be more than zero."),
            ),
        ]

    def __str__(self):
        return self.item


class MicrograntApproval(models.Model):
    """One oversight member's approval; large grants need two different ones."""

    request = models.ForeignKey(
        MicrograntRequest, on_delete=models.PROTECT, related_name="approvals"
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("amount approved"), max_digits=10, decimal_places=2)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        db_table = "groups_micrograntapproval"  # as in the groups app: the data did not move
        ordering = ["created_at"]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "approver"], name="one_approval_per_approver"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="approval_amount_positive"),
        ]


class MicrograntEvent(StatusChange):
    """The append-only history of a request (the database refuses changes)."""

    request = models.ForeignKey(MicrograntRequest, on_delete=models.PROTECT, related_name="events")
    from_status, to_status = status_change_fields(MicrograntRequest.Status)
    # A note the registry writes itself: which one (REGISTRY_NOTES) and its figures, put
    # into words when read, in the reader's language (`note` holds people's own words).
    registry_note = models.CharField(_("registry's note"), max_length=30, blank=True)
    registry_note_values = models.JSONField(_("its figures"), default=dict, blank=True)

    class Meta(StatusChange.Meta):
        db_table = "groups_micrograntevent"  # as in the groups app: the data did not move
        verbose_name = _("microgrant event")
        verbose_name_plural = _("microgrant history")

    def note_in_words(self) -> str:
        """The registry's own note in the active language, its amount or date written as
        the language writes them; else the person's note."""
        sentence = REGISTRY_NOTES.get(self.registry_note)
        if sentence is None:
            return self.note
        values = dict(self.registry_note_values)
        if "amount" in values:
            values["amount"] = format_money(Decimal(values["amount"]), values["currency"])
        if "date" in values:
            values["date"] = date_format(datetime.date.fromisoformat(values["date"]))
        return str(sentence) % values


# The notes the registry writes in a request's history, by their name.
REGISTRY_NOTES = {
    "answered": _("Answered and resubmitted."),
    "first_approval": _("First approval (%(amount)s); a second oversight member must approve."),
    "letter_accepted": _("Accepted as %(name)s."),
    "paid": _("Paid on %(date)s, reference %(reference)s."),
}


class MicrograntFile(models.Model):
    """A receipt or report attachment; stored outside the public media folder."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Receipt")
        REPORT = "report", _("Report attachment")

    request = models.ForeignKey(MicrograntRequest, on_delete=models.PROTECT, related_name="files")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="microgrants/%Y/", storage=PrivateFileStorage())
    original_name = models.CharField(_("file name"), max_length=255, validators=[validate_text])
    content_type = models.CharField(_("type"), max_length=50, validators=[validate_text])
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        db_table = "groups_micrograntfile"  # as in the groups app: the data did not move
        ordering = ["uploaded_at"]
        verbose_name = _("file")
        verbose_name_plural = _("receipts and attachments")
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__in=["application/pdf", "image/png", "image/jpeg"]),
                name="microgrant_file_type_allowed",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["receipt", "report"]), name="microgrant_file_kind_valid"
            ),
        ]

    def __str__(self):
        return self.original_name
