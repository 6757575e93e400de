"""Coaching's tiles on the admin's home page (check-ins and actions overdue, activity
reports due, overdue and to discuss), and the changelist filters their links open."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from coaching.models import ActivityReport, AgreedAction, GroupHealth
from coaching.periods import period_to_report
from coaching.selectors import (
    actions_due_within_a_week,
    actions_overdue,
    groups_with_activity_report_due,
    groups_with_activity_report_overdue,
    groups_with_check_in_due_within_a_week,
    groups_with_check_in_overdue,
    quiet_groups,
    reports_to_discuss,
)
from common.admin import SelectorListFilter
from common.names import person
from groups.admin_home import CoachedByMeFilter, Tile, days_waiting


class GroupNeedsFilter(SelectorListFilter):
    title = gettext_lazy("coaching")
    parameter_name = "coaching"
    selectors = {
        "check_in_overdue": (gettext_lazy("check-in overdue"), groups_with_check_in_overdue),
        "check_in_this_week": (
            gettext_lazy("check-in due this week"),
            groups_with_check_in_due_within_a_week,
        ),
        "report_due": (gettext_lazy("activity report due"), groups_with_activity_report_due),
        "report_overdue": (
            gettext_lazy("activity report overdue"),
            groups_with_activity_report_overdue,
        ),
        "quiet": (gettext_lazy("quiet"), quiet_groups),
    }


class ActionStateFilter(SelectorListFilter):
    title = gettext_lazy("state")
    parameter_name = "state"
    selectors = {
        "overdue": (gettext_lazy("overdue"), actions_overdue),
        "this_week": (gettext_lazy("due this week, or overdue"), actions_due_within_a_week),
        "open": (gettext_lazy("open"), lambda actions: actions.open()),
        "done": (gettext_lazy("done"), lambda actions: actions.filter(done_at__isnull=False)),
    }


class ReportWaitingFilter(SelectorListFilter):
    title = gettext_lazy("waiting for")
    parameter_name = "waiting_for"
    selectors = {"discussion": (gettext_lazy("a discussion at a check-in"), reports_to_discuss)}


class ActionsOfMyGroupsFilter(CoachedByMeFilter):
    group_field = "check_in__group"


class ReportsOfMyGroupsFilter(CoachedByMeFilter):
    group_field = "group"


def days_overdue(since) -> str:
    days = (timezone.localdate() - since).days
    return ngettext("%(days)d day overdue", "%(days)d days overdue", days) % {"days": days}


def check_in_overdue(group) -> str:
    if group.last_check_in_on is None:
        return _("no check-in yet; %(overdue)s") % {"overdue": days_overdue(group.check_in_due_on)}
    return days_overdue(group.check_in_due_on)


def action_label(action) -> str:
    return _("%(group)s: %(action)s") % {
        "group": action.check_in.group,
        "action": action.description,
    }


def action_detail(action) -> str:
    return _("%(owner)s, %(overdue)s") % {
        "owner": person(action.owner),
        "overdue": days_overdue(action.due_on),
    }


def report_due_by(group) -> str:
    return _("due by %(date)s") % {"date": date_format(period_to_report().report_due_by)}


def report_overdue(group) -> str:
    return days_overdue(period_to_report().report_due_by)


TILES = (
    Tile(
        name="coaching-check-ins-overdue",
        title=gettext_lazy("Check-ins overdue"),
        model=GroupHealth,
        **GroupNeedsFilter.choice("check_in_overdue"),
        detail=check_in_overdue,
        flagged=lambda group: True,
        group_field="pk",
    ),
    Tile(
        name="coaching-reports-due",
        title=gettext_lazy("Activity reports due"),
        model=GroupHealth,
        **GroupNeedsFilter.choice("report_due"),
        detail=report_due_by,
        group_field="pk",
    ),
    Tile(
        name="coaching-reports-overdue",
        title=gettext_lazy("Activity reports overdue"),
        model=GroupHealth,
        **GroupNeedsFilter.choice("report_overdue"),
        detail=report_overdue,
        flagged=lambda group: True,
        group_field="pk",
    ),
    Tile(
        name="coaching-actions-overdue",
        title=gettext_lazy("Agreed actions overdue"),
        model=AgreedAction,
        **ActionStateFilter.choice("overdue"),
        label=action_label,
        detail=action_detail,
        group_field="check_in__group",
    ),
    Tile(
        name="coaching-reports-to-discuss",
        title=gettext_lazy("Activity reports to discuss"),
        model=ActivityReport,
        **ReportWaitingFilter.choice("discussion"),
        detail=lambda report: days_waiting(report.submitted_at),
        group_field="group",
    ),
)
