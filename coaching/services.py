"""Coaching's changes, one transaction each: a check-in recorded with its agreed actions,
an action marked done or open again, an activity report written, submitted and
discussed. Each locks the row it changes and checks under the lock, so of two people
(or two tabs) one wins and the other gets a clear refusal."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.team import in_oversight_team, oversight_team_among
from coaching import emails
from coaching.models import Activity, ActivityReport, AgreedAction, CheckIn
from coaching.periods import Period
from coaching.selectors import organizer_ids
from coaching.workflow import ACTIVITY_REPORT
from common.versioning import require_current
from common.workflow import Party, locked
from groups.models import NationalGroup


class CoachingError(Exception):
    """A rule refused the action; the message is for the person who tried. `problems`:
    each (message, field) the page marks, for a refused submission."""

    def __init__(self, message: str, *, problems: list[tuple[str, str]] = ()):
        super().__init__(message)
        self.problems = list(problems)


# Check-ins and actions ---------------------------------------------------------------


def who_may_own_actions(group: NationalGroup, user_ids) -> set[int]:
    """Of these accounts, those who may own an action agreed with `group`: its organizers
    and the oversight team."""
    user_ids = set(user_ids) - {None}
    return (user_ids & organizer_ids(group)) | oversight_team_among(user_ids)


def check_in_problems(check_in: CheckIn, *, organizers, actions) -> list[tuple[str, str]]:
    """What stops a check-in from being recorded as given: the organizers who took part
    must be the group's, and each action's owner one of them or of the team."""
    problems = []
    strangers = {user.pk for user in organizers} - organizer_ids(check_in.group)
    if strangers:
        problems.append(
            (
                _("Only the group's own organizers can be named as taking part."),
                "organizers_present",
            )
        )
    owners = {action.owner_id for action in actions}
    if owners - who_may_own_actions(check_in.group, owners):
        problems.append(
            (
                _("An action's owner is an organizer of the group or an oversight team member."),
                "owner",
            )
        )
    if not in_oversight_team(check_in.coach):
        problems.append((_("The coach is a member of the oversight team."), "coach"))
    return problems


@transaction.atomic
def report_discuss(*, report: ActivityReport, check_in: CheckIn, actor) -> ActivityReport:
    """The team talked the report over with the group at `check_in`."""
    report = locked(report)
    if report.group_id != check_in.group_id:
        raise CoachingError(_("A report is discussed at a check-in with its own group."))
    report.discussed_in = check_in
    ACTIVITY_REPORT.move(
        report, "discuss", actor=actor, refusal=CoachingError, fields=("discussed_in",)
    )
    return report


@transaction.atomic
def action_mark_done(*, action: AgreedAction, by, note: str = "") -> AgreedAction:
    """The action is done: when, by whom, with their note; the coach hears of it when
    someone of the group did it."""
    action = (
        AgreedAction.objects.select_for_update().select_related("check_in__group").get(pk=action.pk)
    )
    if action.is_done:
        raise CoachingError(_("This action is already marked done."))
    action.done_at = timezone.now()
    action.done_by = by
    action.done_note = note
    action.save(update_fields=["done_at", "done_by", "done_note", "updated_at"])
    if not in_oversight_team(by):
        emails.send_action_done(action)
    return action


@transaction.atomic
def action_reopen(*, action: AgreedAction, by) -> AgreedAction:
    """The action is not done after all."""
    action = AgreedAction.objects.select_for_update().get(pk=action.pk)
    if not action.is_done:
        raise CoachingError(_("This action is open already."))
    action.done_at = None
    action.done_by = None
    action.done_note = ""
    action.save(update_fields=["done_at", "done_by", "done_note", "updated_at"])
    return action


# Activity reports --------------------------------------------------------------------


@transaction.atomic
def report_start(*, group: NationalGroup, period: Period, by) -> ActivityReport:
    """The group's report for `period`: the one begun already, else a new draft."""
    NationalGroup.objects.select_for_update().get(pk=group.pk)
    report, _created = ActivityReport.objects.get_or_create(
        group=group,
        period_start=period.start,
        defaults={"period_end": period.end, "written_by": by},
    )
    return report


def submission_problems(report: ActivityReport) -> list[tuple[str, str]]:
    """What a report needs before it is sent: how many took part, what went well, what
    was hard and the plans (activities may be none: a quiet period is reported too)."""
    problems = []
    if report.people_involved is None:
        problems.append((_("Say about how many people took part."), "people_involved"))
    for field in ("went_well", "was_hard", "plans"):
        if not getattr(report, field).strip():
            label = ActivityReport._meta.get_field(field).verbose_name
            problems.append((_("Fill in “%(field)s”.") % {"field": label}, field))
    return problems


@transaction.atomic
def report_submit(*, report: ActivityReport, by) -> ActivityReport:
    """The leads send the report to the team; the coach is told."""
    report = locked(report)
    problems = submission_problems(report)
    if problems:
        raise CoachingError(_("The report is not complete yet."), problems=problems)
    report.submitted_at = timezone.now()
    ACTIVITY_REPORT.move(
        report, "submit", actor=by, refusal=CoachingError, fields=("submitted_at",)
    )
    emails.send_report_submitted(report)
    return report


@transaction.atomic
def report_save_draft(
    *, report: ActivityReport, answers: dict, activities: list[dict], version=None, seen=""
) -> ActivityReport:
    """The draft as its leads typed it: its answers and its activities, unless it was sent
    meanwhile, or saved in another tab since the form was opened (`version` and `seen`,
    as common.versioning.require_current takes them)."""
    report = locked(report)
    if report.status not in ACTIVITY_REPORT.statuses_of(Party.ASKER):
        raise CoachingError(
            _("This report has been sent in meanwhile; it can no longer be changed.")
        )
    require_current(report, version=version, seen=seen)
    for field, value in answers.items():
        setattr(report, field, value)
    report.save(update_fields=[*answers, "updated_at"])
    activities_replace(report=report, activities=activities)
    return report


def activities_replace(*, report: ActivityReport, activities: list[dict]) -> None:
    """The report's activities, as the form lists them now."""
    report.activities.all().delete()
    Activity.objects.bulk_create(Activity(report=report, **activity) for activity in activities)


def next_check_in_default(group: NationalGroup, held_on: datetime.date | None = None):
    """The next check-in at the group's cadence after `held_on` (today)."""
    return CheckIn.next_after(held_on or timezone.localdate(), group)
