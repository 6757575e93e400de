"""Reads that more than one screen needs: when each group's next check-in is due, its
health signals (the overview, the group's admin page, the coach's digest), and what
waits for the team or a group (the home tiles, /my/). Each narrows the queryset it is
given, in SQL, so a list of any number of groups costs the same queries."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Case,
    DateField,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone

from coaching.models import ActivityReport, AgreedAction, CheckIn, check_in_weeks
from coaching.periods import Period, period_to_report
from groups.models import LocalCommunity, Membership, NationalGroup, OversightTeamMember
from microgrants.models import MicrograntRequest
from microgrants.selectors import count_of_reports_overdue, euros_granted_this_year, reports_overdue
from onboarding.selectors import count_of, with_checklist_progress

Status = NationalGroup.Status
# The groups the team coaches: not the dissolved.
COACHED = (Status.FORMING, Status.ACTIVE, Status.INACTIVE)
# The groups that report on their activities.
REPORTING = (Status.ACTIVE,)
# "Due this week": within this many days from today.
WEEK = datetime.timedelta(days=6)


def check_in_due_on():
    """The date of the group's next check-in: as set at its last check-in; a group never
    checked in with, its cadence after it was made (CheckIn.next_after)."""
    as_agreed = (
        CheckIn.objects.filter(group=OuterRef("pk")).newest_first().values("next_check_in_on")[:1]
    )
    cadence_after_creation = Case(
        *(
            When(
                status=status,
                then=F("created_at") + Value(datetime.timedelta(weeks=check_in_weeks(status))),
            )
            for status in COACHED
        ),
        default=F("created_at") + Value(datetime.timedelta(weeks=check_in_weeks(Status.ACTIVE))),
        output_field=DateTimeField(),
    )
    return Coalesce(
        Subquery(as_agreed), TruncDate(cadence_after_creation), output_field=DateField()
    )


def with_check_in_dates(groups: QuerySet[NationalGroup]) -> QuerySet:
    """Each group with `last_check_in_on` (None before the first) and `check_in_due_on`."""
    last = CheckIn.objects.filter(group=OuterRef("pk")).newest_first().values("held_on")[:1]
    return groups.annotate(last_check_in_on=Subquery(last), check_in_due_on=check_in_due_on())


def groups_with_check_in_overdue(groups: QuerySet[NationalGroup]) -> QuerySet:
    """Coached groups whose next check-in date has passed; the longest overdue first."""
    return (
        with_check_in_dates(groups.filter(status__in=COACHED))
        .filter(check_in_due_on__lt=timezone.localdate())
        .order_by("check_in_due_on", "pk")
    )


def groups_with_check_in_due_within_a_week(groups: QuerySet[NationalGroup]) -> QuerySet:
    """Coached groups whose next check-in is this week, or overdue: the coach's digest."""
    return (
        with_check_in_dates(groups.filter(status__in=COACHED))
        .filter(check_in_due_on__lte=timezone.localdate() + WEEK)
        .order_by("check_in_due_on", "pk")
    )


def actions_overdue(actions: QuerySet[AgreedAction]) -> QuerySet:
    """Open actions past their due date; the longest overdue first."""
    return actions.overdue().select_related("check_in__group", "owner").order_by("due_on", "pk")


def actions_due_within_a_week(actions: QuerySet[AgreedAction]) -> QuerySet:
    """Open actions due this week, or overdue: the coach's digest."""
    return (
        actions.open()
        .filter(due_on__lte=timezone.localdate() + WEEK)
        .select_related("check_in__group", "owner")
        .order_by("due_on", "pk")
    )


# Activity reports --------------------------------------------------------------------


def report_sent_for(period: Period):
    """For an outer query of groups: whether the group sent its report for `period`."""
    return Exists(
        ActivityReport.objects.sent().filter(group=OuterRef("pk"), period_start=period.start)
    )


def groups_owing_a_report(groups: QuerySet[NationalGroup], period: Period) -> QuerySet:
    """Active groups, made before `period` ended, that have not sent its report."""
    period_ended = timezone.make_aware(
        datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time())
    )
    return (
        groups.filter(status__in=REPORTING, created_at__lt=period_ended)
        .annotate(report_sent=report_sent_for(period))
        .filter(report_sent=False)
        .order_by("pk")
    )


def groups_with_activity_report_due(groups: QuerySet[NationalGroup]) -> QuerySet:
    """The groups that owe the last period's report, while there is still time to send it."""
    period = period_to_report()
    if timezone.localdate() > period.report_due_by:
        return groups.none()
    return groups_owing_a_report(groups, period)


def groups_with_activity_report_overdue(groups: QuerySet[NationalGroup]) -> QuerySet:
    """The groups that owe the last period's report past its due date."""
    period = period_to_report()
    if timezone.localdate() <= period.report_due_by:
        return groups.none()
    return groups_owing_a_report(groups, period)


def reports_to_discuss(reports: QuerySet[ActivityReport]) -> QuerySet:
    """Reports sent and not yet discussed at a check-in; the oldest first."""
    return (
        reports.filter(status=ActivityReport.Status.SUBMITTED)
        .select_related("group")
        .order_by("submitted_at", "pk")
    )


# Health ------------------------------------------------------------------------------


def latest(rows: QuerySet, field: str) -> Subquery:
    """The latest non-empty `field` of `rows`, as a scalar subquery."""
    return Subquery(
        rows.filter(**{f"{field}__isnull": False}).order_by(F(field).desc()).values(field)[:1]
    )


def with_health(groups: QuerySet[NationalGroup]) -> QuerySet:
    """Each group with the signals the team watches, all in the one query:
    last_check_in_on, check_in_due_on, open_actions, overdue_actions, items_ticked and
    checklist_items, profile_changed_at, organizer_total, organizers_last_login,
    granted_this_year_eur, grant_reports_overdue, last_report_at, last_report_period,
    report_sent (for the period owed now) and last_sign_of_life."""
    group = OuterRef("pk")
    actions = AgreedAction.objects.filter(check_in__group=group)
    period = period_to_report()
    groups = with_check_in_dates(with_checklist_progress(groups))
    return groups.annotate(
        open_actions=count_of(actions.open()),
        overdue_actions=count_of(actions.overdue()),
        profile_changed_at=Greatest(
            "updated_at",
            Coalesce(
                latest(LocalCommunity.objects.filter(national_group=group), "updated_at"),
                "updated_at",
            ),
        ),
        organizer_total=count_of(Membership.objects.filter(group=group)),
        organizers_last_login=latest(Membership.objects.filter(group=group), "user__last_login"),
        granted_this_year_eur=euros_granted_this_year(),
        microgrant_reports_overdue=count_of_reports_overdue(),
        last_report_at=latest(ActivityReport.objects.sent().filter(group=group), "submitted_at"),
        last_report_period=Subquery(
            ActivityReport.objects.sent()
            .filter(group=group)
            .order_by("-period_start")
            .values("period_start")[:1]
        ),
        report_sent=report_sent_for(period),
        last_sign_of_life=Greatest(
            "profile_changed_at",
            Coalesce("organizers_last_login", "created_at"),
            Coalesce("last_report_at", "created_at"),
        ),
    )


def quiet_groups(groups: QuerySet[NationalGroup]) -> QuerySet:
    """Coached groups where nothing moved for settings.GROUP_QUIET_AFTER_DAYS: no change to
    their profile or communities, no organizer logged in, no report sent."""
    since = timezone.now() - datetime.timedelta(days=settings.GROUP_QUIET_AFTER_DAYS)
    return (
        with_health(groups.filter(status__in=COACHED))
        .filter(last_sign_of_life__lt=since)
        .order_by("last_sign_of_life", "pk")
    )


def days_between(earlier: datetime.date | None, later: datetime.date | None) -> int | None:
    if earlier is None or later is None:
        return None
    if isinstance(earlier, datetime.datetime):
        earlier = timezone.localtime(earlier).date()
    if isinstance(later, datetime.datetime):
        later = timezone.localtime(later).date()
    return (later - earlier).days


def next_check_in_for(group: NationalGroup) -> datetime.date | None:
    """The group's next check-in date, for its leads (None for a dissolved group)."""
    if group.status not in COACHED:
        return None
    return (
        NationalGroup.objects.filter(pk=group.pk)
        .annotate(due=check_in_due_on())
        .values_list("due", flat=True)
        .first()
    )


def groups_of_coach(member) -> QuerySet[NationalGroup]:
    """The coached groups of an oversight team member (NationalGroup.coach)."""
    return NationalGroup.objects.filter(coach=member, status__in=COACHED)


# The group's page keeps the actions done this lately beside the open ones; older ones
# stay in the admin, so the page does not grow with the group's history.
DONE_ACTIONS_SHOWN_FOR = datetime.timedelta(days=90)


def actions_on_the_group_page(group: NationalGroup) -> QuerySet[AgreedAction]:
    """The group's open actions, soonest due first, then those done lately, with their
    owners: the organizer's page."""
    done_lately = Q(done_at__gte=timezone.now() - DONE_ACTIONS_SHOWN_FOR)
    return (
        AgreedAction.objects.of_group(group)
        .filter(Q(done_at__isnull=True) | done_lately)
        .select_related("owner", "done_by", "check_in")
        .open_first()
    )


def organizer_ids(group: NationalGroup) -> set[int]:
    return set(Membership.objects.filter(group=group).values_list("user_id", flat=True))


# The coach's weekly digest ----------------------------------------------------------


def coaches_with_groups() -> QuerySet[OversightTeamMember]:
    """The active team members who coach a group and can be written to, with their
    account's language (accounts.languages.language_of), in one query."""
    return (
        OversightTeamMember.objects.filter(is_active=True, user__is_active=True)
        .exclude(user__email="")
        .filter(Exists(groups_of_coach(OuterRef("pk"))))
        .select_related("user__account_language")
        .order_by("pk")
    )


@dataclass(frozen=True)
class CoachDigest:
    """What waits in a coach's groups this week (coach_digest): each list as the
    selector named beside it finds it."""

    # groups_with_check_in_due_within_a_week: with last_check_in_on and check_in_due_on.
    check_ins: list[NationalGroup]
    # actions_due_within_a_week, with their group and owner.
    actions: list[AgreedAction]
    # The period whose activity report is owed now, and the groups owing it.
    period: Period
    # groups_with_activity_report_due, then groups_with_activity_report_overdue.
    activity_reports_due: list[NationalGroup]
    activity_reports_overdue: list[NationalGroup]
    # microgrants.selectors.reports_overdue, with their group.
    microgrant_reports_overdue: list[MicrograntRequest]
    # quiet_groups: with last_sign_of_life.
    quiet_groups: list[NationalGroup]

    @property
    def count(self) -> int:
        return sum(
            len(items)
            for items in (
                self.check_ins,
                self.actions,
                self.activity_reports_due,
                self.activity_reports_overdue,
                self.microgrant_reports_overdue,
                self.quiet_groups,
            )
        )


def coach_digest(member: OversightTeamMember) -> CoachDigest | None:
    """What waits in the member's coached groups this week; None when nothing does.
    Five queries, however many groups: one a list (of the activity reports, only the
    due or the overdue are asked for)."""
    groups = groups_of_coach(member)
    digest = CoachDigest(
        check_ins=list(groups_with_check_in_due_within_a_week(groups)),
        actions=list(
            actions_due_within_a_week(AgreedAction.objects.filter(check_in__group__in=groups))
        ),
        period=period_to_report(),
        activity_reports_due=list(groups_with_activity_report_due(groups)),
        activity_reports_overdue=list(groups_with_activity_report_overdue(groups)),
        microgrant_reports_overdue=list(
            reports_overdue(MicrograntRequest.objects.filter(group__in=groups))
        ),
        quiet_groups=list(quiet_groups(groups)),
    )
    return digest if digest.count else None
