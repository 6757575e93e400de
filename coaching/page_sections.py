"""Coaching on the group's pages (groups/page_sections.py): on its own page, the actions
agreed with it and, for its leads, its next check-in and its reports; on its public
page, the activities of the latest report it chose to publish. The team's notes are on
neither."""

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from coaching.forms import ActionDoneForm
from coaching.models import ActivityReport
from coaching.permissions import may_mark_done, may_see_actions, may_see_reports
from coaching.selectors import actions_on_the_group_page, next_check_in_for
from common.names import full_name_of, organizer_shown_as
from groups.models import Membership
from groups.page_sections import Section


def public_name_in(group, person: str) -> Subquery:
    """For an outer query of actions: the public name `person` (a user field) chose in the
    group, "" if none, and None when they do not organize it (an oversight team member)."""
    return Subquery(
        Membership.objects.filter(group=group, user=OuterRef(person)).values("public_name")[:1]
    )


def shown_as(user, public_name: str | None, *, with_address: bool) -> str:
    """An organizer as the group's page names them (common.names.organizer_shown_as); a
    member of the oversight team by their name, or as the team."""
    if public_name is not None:
        return organizer_shown_as(user, public_name=public_name, with_address=with_address)
    return full_name_of(user) or _("PauseAI Global's oversight team")


def agreed_actions_section(request, access) -> Section | None:
    """One query for the actions, however many, and one for the next check-in (the leads')."""
    if not may_see_actions(access):
        return None
    group = access.group
    # The leads invite and manage the organizers: they read their addresses already.
    with_address = access.manages or access.oversight
    actions = list(
        actions_on_the_group_page(group).annotate(
            owner_public_name=public_name_in(group, "owner"),
            done_by_public_name=public_name_in(group, "done_by"),
        )
    )
    for action in actions:
        action.owner_shown_as = shown_as(
            action.owner, action.owner_public_name, with_address=with_address
        )
        if action.is_done:
            action.done_by_shown_as = shown_as(
                action.done_by, action.done_by_public_name, with_address=with_address
            )
        action.may_mark_done = may_mark_done(request.user, action, access=access)
        if action.may_mark_done and not action.is_done:
            action.done_form = ActionDoneForm(action=action)
    sees_reports = may_see_reports(access)
    return Section(
        "coaching/group_section.html",
        {
            "open_actions": [action for action in actions if not action.is_done],
            "done_actions": [action for action in actions if action.is_done],
            "sees_reports": sees_reports,
            "next_check_in_on": next_check_in_for(group) if sees_reports else None,
        },
    )


def published_activities_section(group) -> Section | None:
    """The activities of the group's latest sent report it chose to publish: its report,
    then that report's activities (two simple queries are quicker to make than one with
    a subquery, and a group with no such report costs one)."""
    reports = ActivityReport.objects.published().filter(group=group)
    report = reports.order_by("-period_start").first()
    activities = list(report.activities.all()) if report else []
    if not activities:
        return None
    return Section("coaching/public_activities.html", {"activities": activities, "report": report})
