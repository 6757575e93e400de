"""The setup guide, editable by the oversight team, and applications to found a group."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from common.fields import length_constraints, limited_text_field
from common.validators import (
    validate_https_address,
    validate_multiline_text,
    validate_no_address,
    validate_text,
    validate_visible_text,
)
from common.workflow import StatusChange, status_change_fields
from onboarding.markdown import render_markdown, with_addresses


def rendered_field():
    """The sanitised HTML of a Markdown field, stored when the row is saved (one column
    per language, as the Markdown has) so that no page renders Markdown."""
    return models.TextField(
        _("HTML"),
        blank=True,
        default="",
        editable=False,
        # What the Markdown's own validator let through, and no more.
        validators=[validate_multiline_text],
    )


def store_rendered(row, *, markdown_field: str, html_field: str) -> None:
    """Fill the row's HTML column in every language from its Markdown in that language."""
    for code, _name in settings.LANGUAGES:
        setattr(
            row, f"{html_field}_{code}", render_markdown(getattr(row, f"{markdown_field}_{code}"))
        )


# The setup guide's texts, which the public reads: a step, and a part of one.
STEP_MAX_LENGTH = 10_000
SUB_STEP_MAX_LENGTH = 5_000


class SetupStep(models.Model):
    """One of the numbered steps of the setup guide."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(
        _("title"), max_length=200, validators=[validate_text, validate_visible_text]
    )
    body = limited_text_field(
        _("text"),
        max_length=STEP_MAX_LENGTH,
        blank=True,
        help_text=_("Markdown: **bold**, `code`, [links](https://pauseai.info) and lists."),
        validators=[validate_multiline_text],
    )
    body_rendered = rendered_field()

    class Meta:
        ordering = ["number"]
        verbose_name = _("setup step")
        verbose_name_plural = _("setup steps")
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="setup_step_number_positive"),
            # The public reads the guide in every language.
            *length_constraints("setup_step", "body", STEP_MAX_LENGTH, translated=True),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def save(self, *args, **kwargs):
        self.render()
        super().save(*args, **kwargs)

    def render(self) -> None:
        store_rendered(self, markdown_field="body", html_field="body_rendered")

    def body_html(self) -> SafeString:
        """The text as HTML, in the visitor's language (else English): sanitised when saved,
        with the settings' addresses filled in (onboarding/markdown.py)."""
        return with_addresses(self.body_rendered)


class SetupSubStep(models.Model):
    """A numbered part of a setup step; its text may hold a deeper list."""

    step = models.ForeignKey(
        SetupStep,
        on_delete=models.CASCADE,
        related_name="sub_steps",
        verbose_name=_("setup step"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = limited_text_field(
        _("text"),
        max_length=SUB_STEP_MAX_LENGTH,
        help_text=_("Markdown: **bold**, `code`, [links](https://pauseai.info) and lists."),
        validators=[validate_multiline_text],
    )
    text_rendered = rendered_field()
    is_advice = models.BooleanField(
        _("advice"),
        default=False,
        help_text=_(
            "Advice to read (“consider a tool like Buffer”), not something to do: shown as "
            "text, without a box to tick."
        ),
    )

    class Meta:
        ordering = ["step__number", "number"]
        verbose_name = _("sub-step")
        verbose_name_plural = _("sub-steps")
        constraints = [
            models.UniqueConstraint(
                fields=["step", "number"],
                name="one_sub_step_per_number",
                violation_error_message=_("This step already has a sub-step with this number."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="sub_step_number_positive"),
            *length_constraints("sub_step", "text", SUB_STEP_MAX_LENGTH, translated=True),
        ]

    def __str__(self):
        return f"{self.step.number}.{self.number}"

    def save(self, *args, **kwargs):
        self.render()
        super().save(*args, **kwargs)

    def render(self) -> None:
        """Store the HTML; bulk_create skips save(), so whoever bulk-creates calls this."""
        store_rendered(self, markdown_field="text", html_field="text_rendered")

    def text_html(self) -> SafeString:
        """The text as HTML, in the visitor's language (else English): sanitised when saved,
        with the settings' addresses filled in (onboarding/markdown.py)."""
        return with_addresses(self.text_rendered)


class GroupApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=GroupApplication.OPEN_STATUSES)

    def review_queue(self):
        """Open applications, oldest first: what the oversight team works through."""
        return self.open().order_by("submitted_at")


class ApplicationStatus(models.TextChoices):
    """Where an application stands (its moves: onboarding/workflow.py). Each workflow's
    statuses have a context of their own, so that a language can make them agree with
    their noun: la candidature approuvée, le groupe actif."""

    SUBMITTED = "submitted", pgettext_lazy("application status", "Submitted")
    IN_REVIEW = "in_review", pgettext_lazy("application status", "In review")
    MORE_INFO_NEEDED = (
        "more_info_needed",
        pgettext_lazy("application status", "More information needed"),
    )
    APPROVED = "approved", pgettext_lazy("application status", "Approved")
    REJECTED = "rejected", pgettext_lazy("application status", "Rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("application status", "Withdrawn")


# An application someone can still act on: one per applicant at most (a constraint).
OPEN_APPLICATION_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.MORE_INFO_NEEDED,
)


class GroupApplication(models.Model):
    """Someone's application to found their country's national group."""

    Status = ApplicationStatus

    OPEN_STATUSES = OPEN_APPLICATION_STATUSES
    # The oversight team's turn (not the applicant's, answering a question).
    WAITING_ON_THE_TEAM = (Status.SUBMITTED, Status.IN_REVIEW)
    # What the applicant writes in the apply form, in its order; the admin shows the same.
    APPLICANT_FIELDS = (
        "country",
        "proposed_name",
        "discord_project_url",
        "plans",
        "co_organizer_emails",
        "existing_presence",
        "applicant_role",
        "agrees_to_strategy",
    )

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="group_applications",
        verbose_name=_("applicant"),
    )
    country = CountryField(_("country"))
    proposed_name = models.CharField(
        _("proposed group name"),
        max_length=120,
        validators=[validate_text, validate_visible_text, validate_no_address],
    )
    discord_project_url = models.URLField(
        _("your #project post in the PauseAI Discord"),
        max_length=500,
        validators=[validate_https_address],
        help_text=_("Step 1 of the guide: describe your plans in a #project post, then link it."),
    )
    plans = limited_text_field(
        _("what you plan to do"), max_length=10_000, validators=[validate_multiline_text]
    )
    # Room for the ten addresses an application may list, one a line, and some more
    # before the form takes out blank lines and repeats.
    co_organizer_emails = limited_text_field(
        _("co-organizers' email addresses"),
        max_length=3_000,
        blank=True,
        help_text=_(
            "One address per line. We recommend starting with at least two organizers; "
            "they are invited to the group when it is approved."
        ),
        validators=[validate_multiline_text],
    )
    existing_presence = limited_text_field(
        _("what already exists"),
        max_length=5_000,
        blank=True,
        help_text=_("A website, social media accounts, a chat group: links are welcome."),
        validators=[validate_multiline_text],
    )
    applicant_role = models.CharField(
        _("your own role"),
        max_length=200,
        help_text=_("For example: national lead, communications, organizing events."),
        validators=[validate_text],
    )
    agrees_to_strategy = models.BooleanField(_("agrees to follow PauseAI's strategy"))
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The applicant's language, used for every message about this application."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    national_group = models.OneToOneField(
        "groups.NationalGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="founding_application",
        verbose_name=_("national group"),
    )
    may_reapply = models.BooleanField(
        _("may apply again now"),
        default=False,
        help_text=_("Set by the oversight team to let a rejected applicant apply within 6 months."),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = GroupApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("application to found a group")
        verbose_name_plural = _("applications to found a group")
        constraints = [
            models.UniqueConstraint(
                fields=["applicant"],
                condition=Q(status__in=list(OPEN_APPLICATION_STATUSES)),
                name="one_open_application_per_applicant",
                violation_error_message=_("You already have an open application."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values),
                name="application_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(agrees_to_strategy=True),
                name="application_agrees_to_strategy",
            ),
            models.CheckConstraint(
                condition=Q(status="approved", national_group__isnull=False)
                | (~Q(status="approved") & Q(national_group__isnull=True)),
                name="approved_application_has_its_group",
            ),
        ]

    def __str__(self):
        return f"{self.proposed_name} ({self.country.name})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def co_organizer_email_list(self) -> list[str]:
        return [line.strip() for line in self.co_organizer_emails.splitlines() if line.strip()]


class ApplicationEvent(StatusChange):
    """One step in an application's history: who moved it, when, from what to what, and why.
    Append-only: the database refuses to change or delete it."""

    application = models.ForeignKey(
        GroupApplication,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("application"),
    )
    from_status, to_status = status_change_fields(GroupApplication.Status)

    class Meta(StatusChange.Meta):
        verbose_name = _("application event")
        verbose_name_plural = _("application history")


class ChecklistTick(models.Model):
    """A national group has done a setup step (one without sub-steps) or a sub-step."""

    national_group = models.ForeignKey(
        "groups.NationalGroup",
        on_delete=models.PROTECT,
        related_name="checklist_ticks",
        verbose_name=_("national group"),
    )
    step = models.ForeignKey(
        SetupStep, on_delete=models.PROTECT, related_name="ticks", verbose_name=_("setup step")
    )
    sub_step = models.ForeignKey(
        SetupSubStep,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ticks",
        verbose_name=_("sub-step"),
    )
    evidence = models.CharField(
        _("note or link"),
        max_length=500,
        blank=True,
        help_text=_("For example the logo, or the link to the group chat."),
        validators=[validate_text],
    )
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ticked by"),
    )
    ticked_at = models.DateTimeField(_("ticked at"), default=timezone.now)

    class Meta:
        ordering = ["step__number", "sub_step__number"]
        verbose_name = _("checklist tick")
        verbose_name_plural = _("setup checklist")
        constraints = [
            models.UniqueConstraint(
                fields=["national_group", "step"],
                condition=Q(sub_step__isnull=True),
                name="one_tick_per_group_and_step",
            ),
            models.UniqueConstraint(
                fields=["national_group", "sub_step"],
                condition=Q(sub_step__isnull=False),
                name="one_tick_per_group_and_sub_step",
            ),
        ]

    def __str__(self):
        return str(self.sub_step or self.step)
