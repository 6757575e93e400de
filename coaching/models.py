"""The oversight team's coaching of a national group: its check-ins with the group, the
actions agreed at each, and the group's periodic activity reports."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.dates import dates_in_range
from common.fields import limited_text_field
from common.validators import validate_multiline_text, validate_text, validate_visible_text
from common.versioning import Versioned
from common.workflow import StatusChange, status_change_fields
from groups.models import NationalGroup

# What a note or an answer holds: a page of text, not a document.
TEXT_MAX_LENGTH = 5_000
# An agreed action, or an activity, is said in a line.
LINE_MAX_LENGTH = 300


def check_in_weeks(status: str) -> int:
    """Weeks between two check-ins with a group in this status (settings.CHECK_IN_WEEKS):
    a forming group is coached more closely than an active one."""
    return settings.CHECK_IN_WEEKS.get(str(status), settings.CHECK_IN_WEEKS["active"])


def validate_not_in_the_future(value: datetime.date) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("A check-in is recorded once held: not in the future."))


class CheckInQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-held_on", "-pk")


class CheckIn(models.Model):
    """A conversation of the oversight team with a group's organizers: who took part, the
    team's notes (never shown to the group), and when to talk next."""

    group = models.ForeignKey(
        NationalGroup,
        on_delete=models.PROTECT,
        related_name="check_ins",
        verbose_name=_("national group"),
    )
    held_on = models.DateField(
        _("held on"), default=timezone.localdate, validators=[validate_not_in_the_future]
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("coach"),
        help_text=_("The oversight team member who held the check-in."),
    )
    organizers_present = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="CheckInParticipant",
        related_name="+",
        blank=True,
        verbose_name=_("organizers who took part"),
    )
    notes = limited_text_field(
        _("notes"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        validators=[validate_multiline_text],
        help_text=_("For the oversight team only: the group never sees them."),
    )
    next_check_in_on = models.DateField(
        _("next check-in"),
        help_text=_("By default, the group's cadence after this one; the group's leads see it."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.CheckConstraint(
                condition=Q(next_check_in_on__gt=F("held_on")),
                name="check_in_next_after_this_one",
                violation_error_message=_("The next check-in comes after this one."),
            ),
            models.CheckConstraint(
                condition=dates_in_range("held_on", "next_check_in_on"),
                name="check_in_dates_in_range",
            ),
        ]

    def __str__(self):
        return _("%(group)s, %(date)s") % {"group": self.group, "date": date_format(self.held_on)}

    @staticmethod
    def next_after(held_on: datetime.date, group: NationalGroup) -> datetime.date:
        """The next check-in at the group's cadence (check_in_weeks)."""
        return held_on + datetime.timedelta(weeks=check_in_weeks(group.status))


class CheckInParticipant(models.Model):
    """An organizer of the group who took part in a check-in (its own table, so that its
    history is kept as every other change's)."""

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organizer"),
    )

    class Meta:
        verbose_name = _("organizer who took part")
        verbose_name_plural = _("organizers who took part")
        constraints = [
            models.UniqueConstraint(
                fields=["check_in", "user"], name="one_participation_per_check_in_and_organizer"
            )
        ]

    def __str__(self):
        return str(self.user)


class AgreedActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)

    def overdue(self):
        return self.open().filter(due_on__lt=timezone.localdate())

    def of_group(self, group):
        return self.filter(check_in__group=group)

    def open_first(self):
        """Open actions first, the soonest due first; then the done, the latest first."""
        return self.order_by(F("done_at").desc(nulls_first=True), "due_on", "pk")


class AgreedAction(models.Model):
    """Something agreed at a check-in: what, who does it (an organizer of the group or a
    member of the team), by when, and whether it is done."""

    check_in = models.ForeignKey(
        CheckIn, on_delete=models.CASCADE, related_name="actions", verbose_name=_("check-in")
    )
    description = models.CharField(
        _("action"), max_length=LINE_MAX_LENGTH, validators=[validate_text, validate_visible_text]
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="agreed_actions",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked done by"),
    )
    done_note = limited_text_field(
        _("note on completion"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        validators=[validate_multiline_text],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AgreedActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(done_at__isnull=True, done_by__isnull=True)
                | Q(done_at__isnull=False, done_by__isnull=False),
                name="agreed_action_done_by_whom",
            ),
            models.CheckConstraint(
                condition=dates_in_range("due_on"), name="agreed_action_due_on_in_range"
            ),
        ]

    def __str__(self):
        return self.description

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_done and self.due_on < timezone.localdate()


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("activity report status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("activity report status", "Submitted")
    DISCUSSED = "discussed", pgettext_lazy("activity report status", "Discussed")


class ActivityReportQuerySet(models.QuerySet):
    def sent(self):
        """Submitted to the team (and perhaps discussed since)."""
        return self.exclude(status=ReportStatus.DRAFT)

    def published(self):
        """Sent, and the group chose to show what it held on its public page."""
        return self.sent().filter(publish_activities=True)


class ActivityReport(Versioned):
    """What a group did in a period (settings.ACTIVITY_REPORT_PERIOD_MONTHS), written by its
    leads for the oversight team: the activities held, the people involved, what went
    well and what was hard, the plans, and what it needs from PauseAI Global."""

    Status = ReportStatus
    # Sent to the team: what the overview and the digest count as received.
    SENT = (Status.SUBMITTED, Status.DISCUSSED)

    group = models.ForeignKey(
        NationalGroup,
        on_delete=models.PROTECT,
        related_name="activity_reports",
        verbose_name=_("national group"),
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    people_involved = models.PositiveIntegerField(
        _("people involved"),
        null=True,
        blank=True,
        help_text=_("About how many people took part in the group's activities."),
    )
    went_well = limited_text_field(
        _("what went well"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        validators=[validate_multiline_text],
    )
    was_hard = limited_text_field(
        _("what was hard"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        validators=[validate_multiline_text],
    )
    plans = limited_text_field(
        _("plans for the next period"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        validators=[validate_multiline_text],
    )
    needs = limited_text_field(
        _("what the group needs from PauseAI Global"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        validators=[validate_multiline_text],
    )
    publish_activities = models.BooleanField(
        _("show the activities on the group's public page"),
        default=False,
        help_text=_("Only the activities held: the rest of the report stays private."),
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    discussed_in = models.ForeignKey(
        CheckIn,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports_discussed",
        verbose_name=_("discussed in the check-in"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActivityReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "group"]
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "period_start"],
                name="one_activity_report_per_group_and_period",
                violation_error_message=_("The group has a report for this period already."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gt=F("period_start")),
                name="activity_report_period_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="activity_report_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="activity_report_sent_when",
            ),
            models.CheckConstraint(
                condition=Q(discussed_in__isnull=True) | Q(status=ReportStatus.DISCUSSED),
                name="activity_report_discussed_in_a_check_in",
            ),
        ]

    def __str__(self):
        return _("%(group)s: %(start)s – %(end)s") % {
            "group": self.group,
            "start": date_format(self.period_start),
            "end": date_format(self.period_end),
        }

    @property
    def period_in_words(self) -> str:
        return _("%(start)s – %(end)s") % {
            "start": date_format(self.period_start),
            "end": date_format(self.period_end),
        }


class ActivityKind(models.TextChoices):
    PROTEST = "protest", _("Protest")
    LOBBY_MEETING = "lobby_meeting", _("Lobby meeting")
    TALK = "talk", _("Talk")
    MEDIA = "media", _("Media appearance")
    FLYERING = "flyering", _("Flyering")
    OTHER = "other", _("Other")


class Activity(models.Model):
    """A kind of activity a group held in the report's period: how many, a line on them,
    and a link (a news article, photos, a post)."""

    Kind = ActivityKind

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    count = models.PositiveSmallIntegerField(_("how many"), default=1)
    description = models.CharField(
        _("in a line"),
        max_length=LINE_MAX_LENGTH,
        validators=[validate_text, validate_visible_text],
    )
    link = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("activity held")
        verbose_name_plural = _("activities held")
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="activity_count_at_least_one"),
            models.CheckConstraint(
                condition=Q(kind__in=ActivityKind.values), name="activity_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ×{self.count}: {self.description}"


class ActivityReportEvent(StatusChange):
    """The append-only history of a report's status (the database refuses changes)."""

    report = models.ForeignKey(ActivityReport, on_delete=models.PROTECT, related_name="events")
    from_status, to_status = status_change_fields(ReportStatus)

    class Meta(StatusChange.Meta):
        verbose_name = _("activity report event")
        verbose_name_plural = _("activity report history")


class GroupHealth(NationalGroup):
    """A national group as the coaching overview reads it: its health signals
    (coaching.selectors.with_health), one row per group."""

    class Meta:
        proxy = True
        verbose_name = _("group")
        verbose_name_plural = _("groups overview")
