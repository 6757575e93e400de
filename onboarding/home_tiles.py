"""Onboarding's tiles on the admin's home page (applications, forming groups' checklists),
and the changelist filters their links open."""

from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.admin import SelectorListFilter
from groups.admin_home import Tile, days_waiting
from groups.models import NationalGroup
from onboarding.models import GroupApplication
from onboarding.selectors import (
    applications_waiting_for_a_decision,
    applications_waiting_on_the_applicant,
    forming_groups_ready_to_activate,
    forming_groups_with_a_stalled_checklist,
)


class ApplicationWaitingForFilter(SelectorListFilter):
    title = gettext_lazy("waiting for")
    parameter_name = "waiting_for"
    selectors = {
        "decision": (gettext_lazy("a decision"), applications_waiting_for_a_decision),
        "applicant": (gettext_lazy("the applicant"), applications_waiting_on_the_applicant),
    }


class ChecklistFilter(SelectorListFilter):
    title = gettext_lazy("setup checklist")
    parameter_name = "checklist"
    selectors = {
        "stalled": (
            gettext_lazy("not moved in 30 days"),
            forming_groups_with_a_stalled_checklist,
        ),
        "done": (gettext_lazy("all ticked: ready to activate"), forming_groups_ready_to_activate),
    }


def checklist_done_since(group) -> str:
    return _("checklist done %(time)s ago") % {"time": timesince(group.checklist_moved_at, depth=1)}


def checklist_unchanged_for(group) -> str:
    return _("checklist unchanged for %(time)s") % {
        "time": timesince(group.checklist_moved_at, depth=1)
    }


TILES = (
    Tile(
        name="applications-decision",
        title=gettext_lazy("Applications waiting for a decision"),
        model=GroupApplication,
        **ApplicationWaitingForFilter.choice("decision"),
        detail=lambda application: days_waiting(application.submitted_at),
    ),
    Tile(
        name="applications-applicant",
        title=gettext_lazy("Applications waiting on the applicant"),
        model=GroupApplication,
        **ApplicationWaitingForFilter.choice("applicant"),
        detail=lambda application: days_waiting(application.updated_at),
    ),
    Tile(
        name="groups-ready",
        title=gettext_lazy("Forming groups with the checklist done: ready to activate"),
        model=NationalGroup,
        **ChecklistFilter.choice("done"),
        detail=checklist_done_since,
        group_field="pk",
    ),
    Tile(
        name="groups-checklist",
        title=gettext_lazy("Forming groups whose checklist has not moved in 30 days"),
        model=NationalGroup,
        **ChecklistFilter.choice("stalled"),
        detail=checklist_unchanged_for,
        group_field="pk",
    ),
)
