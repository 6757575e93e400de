"""The messages of coaching, each in its recipient's language: to a group's coach (else
the whole oversight team) when an organizer completes an action or the group submits
its activity report."""

from django.conf import settings
from django.urls import reverse

from accounts.languages import language_of
from common.emails import send_in_language, site_url
from groups.permissions import oversight_team_addresses


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
            "admin_url": site_url(
                reverse("admin:coaching_checkin_change", args=[action.check_in_id])
            ),
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
