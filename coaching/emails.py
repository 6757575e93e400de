"""The messages of coaching, each in its recipient's language: to a group's coach (else
the whole oversight team) when an organizer completes an action or the group submits
its activity report, and each coach's weekly digest."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.languages import language_of
from accounts.team import oversight_team_addresses
from coaching.selectors import CoachDigest, days_between
from common.emails import send_in_language, site_url
from microgrants.emails import admin_url as microgrant_admin_url


def coach_of(group):
    """The group's coach's account, if it has an active coach."""
    coach = group.coach
    if coach is None or not coach.is_active or not coach.user.is_active:
        return None
    return coach.user


def tell_the_coach(group, *, template: str, context: dict) -> bool:
    """To the group's coach in their language; without one, to the team in the site's."""
    coach = coach_of(group)
    if coach is not None and coach.email:
        recipients, language = [coach.email], language_of(coach, default=settings.LANGUAGE_CODE)
    else:
        recipients, language = oversight_team_addresses(), settings.LANGUAGE_CODE
    return send_in_language(
        template=template, context=context, recipients=recipients, language=language
    )


def send_action_done(action) -> bool:
    group = action.check_in.group
    return tell_the_coach(
        group,
        template="coaching/email/action_done",
        context={
            "action": action,
            "group": group,
            "admin_url": check_in_admin_url(action.check_in_id),
        },
    )


def send_report_submitted(report) -> bool:
    return tell_the_coach(
        report.group,
        template="coaching/email/report_submitted",
        context={
            "report": report,
            "group": report.group,
            "admin_url": site_url(
                reverse("admin:coaching_activityreport_change", args=[report.pk])
            ),
        },
    )


def group_admin_url(group) -> str:
    """The group's page in the admin: its check-ins and their actions are read there."""
    return site_url(reverse("admin:groups_nationalgroup_change", args=[group.pk]))


def overview_url() -> str:
    """The groups overview in the admin."""
    return site_url(reverse("admin:coaching_grouphealth_changelist"))


def check_in_admin_url(check_in_id: int) -> str:
    """The check-in's page in the admin, where its actions are ticked or changed."""
    return site_url(reverse("admin:coaching_checkin_change", args=[check_in_id]))


def send_coach_digest(member, digest: CoachDigest) -> bool:
    """The coach's weekly digest, in their language: each item with its link in the admin
    and, once past its date, the days it is overdue."""
    today = timezone.localdate()
    period = digest.period
    context = {
        "digest": digest,
        "period": period,
        "check_ins": [
            {
                "group": group,
                "due_on": group.check_in_due_on,
                "last_on": group.last_check_in_on,
                "days_overdue": days_between(group.check_in_due_on, today),
                "url": group_admin_url(group),
            }
            for group in digest.check_ins
        ],
        "actions": [
            {
                "action": action,
                "group": action.check_in.group,
                "days_overdue": days_between(action.due_on, today),
                "url": check_in_admin_url(action.check_in_id),
            }
            for action in digest.actions
        ],
        "activity_reports_due": [
            {"group": group, "url": group_admin_url(group)} for group in digest.activity_reports_due
        ],
        "activity_reports_overdue": [
            {
                "group": group,
                "days_overdue": days_between(period.report_due_by, today),
                "url": group_admin_url(group),
            }
            for group in digest.activity_reports_overdue
        ],
        "microgrant_reports_overdue": [
            {
                "microgrant": microgrant,
                "due_on": microgrant.report_due_on,
                "days_overdue": days_between(microgrant.report_due_on, today),
                "url": microgrant_admin_url(microgrant),
            }
            for microgrant in digest.microgrant_reports_overdue
        ],
        "quiet_groups": [
            {
                "group": group,
                "since": group.last_sign_of_life,
                "days": days_between(group.last_sign_of_life, timezone.now()),
                "url": group_admin_url(group),
            }
            for group in digest.quiet_groups
        ],
        "overview_url": overview_url(),
    }
    return send_in_language(
        template="coaching/email/digest",
        context=context,
        recipients=[member.user.email] if member.user.email else [],
        language=language_of(member.user, default=settings.LANGUAGE_CODE),
    )
