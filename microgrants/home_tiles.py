"""The microgrant tiles on the admin's home page, and the changelist filters their links
open: what waits for the team or for a requester, and each group's year beside the cap."""

from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from common.admin import SelectorListFilter
from common.money import format_money
from groups.admin_home import CoachedByMeFilter, Entry, Tile, TileContents, days_waiting
from microgrants.models import MicrograntRequest
from microgrants.selectors import (
    DECISION_REMINDER_AFTER,
    granted_per_group,
    granted_this_year,
    letters_not_accepted,
    reports_due_within_a_week,
    reports_overdue,
    reports_to_read,
    requests_to_pay,
    requests_waiting_for_a_second_approval,
    requests_waiting_for_review,
)


class WaitingForFilter(SelectorListFilter):
    title = gettext_lazy("waiting for")
    parameter_name = "waiting_for"
    selectors = {
        "review": (gettext_lazy("a review"), requests_waiting_for_review),
        "second_approval": (
            gettext_lazy("a second approval"),
            requests_waiting_for_a_second_approval,
        ),
        "letter": (gettext_lazy("the grant letter's acceptance"), letters_not_accepted),
        "payment": (gettext_lazy("the payment"), requests_to_pay),
        "report_submitted": (gettext_lazy("the report to be read"), reports_to_read),
        "report_due": (gettext_lazy("a report due within a week"), reports_due_within_a_week),
        "report_overdue": (gettext_lazy("an overdue report"), reports_overdue),
    }


class GrantedFilter(SelectorListFilter):
    title = gettext_lazy("granted")
    parameter_name = "granted"
    selectors = {"this_year": (gettext_lazy("this year"), granted_this_year)}


class OfMyGroupsFilter(CoachedByMeFilter):
    group_field = "group"


def group_and_title(microgrant) -> str:
    return f"{microgrant.group}: {microgrant.title}"


def days_overdue(microgrant) -> str:
    days = (timezone.localdate() - microgrant.report_due_on).days
    return ngettext("%(days)d day overdue", "%(days)d days overdue", days) % {"days": days}


# The parameter of the changelist's group filter (RelatedOnlyFieldListFilter).
GROUP = "group__id__exact"


class GrantedThisYearTile(Tile):
    """A figure: the amount granted this year, in euros, and each group's beside the
    yearly cap, the most first. Its count is of the granted requests, as their changelist
    shows them."""

    def read(self, rows, *, changelist_url, site):
        count, groups = granted_per_group(rows)
        cap = format_money(settings.MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR, "EUR")
        entries = [
            Entry(
                label=group.group_name,
                # The group's own granted requests: the changelist's group filter too.
                url=f"{changelist_url}?{urlencode({**self.query, GROUP: group.group_id})}",
                detail=_("%(granted)s of %(cap)s")
                % {"granted": format_money(group.euros, "EUR"), "cap": cap},
            )
            for group in groups[: self.shown]
        ]
        total = sum((group.euros for group in groups), Decimal(0))
        return TileContents(count=count, entries=entries, figure=format_money(total, "EUR"))


def waiting(field: str):
    """The days waiting since the request's `field`."""
    return lambda microgrant: days_waiting(getattr(microgrant, field))


TILES = (
    Tile(
        name="microgrants-review",
        title=gettext_lazy("Microgrants waiting for review"),
        model=MicrograntRequest,
        **WaitingForFilter.choice("review"),
        label=group_and_title,
        detail=waiting("submitted_at"),
        # A week without a decision: the team's reminder says so too.
        flagged=lambda microgrant: (
            microgrant.submitted_at < timezone.now() - DECISION_REMINDER_AFTER
        ),
        group_field="group",
    ),
    Tile(
        name="microgrants-second-approval",
        title=gettext_lazy("Microgrants waiting for a second approval"),
        model=MicrograntRequest,
        **WaitingForFilter.choice("second_approval"),
        label=group_and_title,
        detail=waiting("first_approved_at"),
        group_field="group",
    ),
    Tile(
        name="microgrants-letter",
        title=gettext_lazy("Grant letters not accepted"),
        model=MicrograntRequest,
        **WaitingForFilter.choice("letter"),
        label=group_and_title,
        detail=waiting("updated_at"),
        group_field="group",
    ),
    Tile(
        name="microgrants-payment",
        title=gettext_lazy("Approved, not paid yet"),
        model=MicrograntRequest,
        **WaitingForFilter.choice("payment"),
        label=group_and_title,
        detail=waiting("letter_accepted_at"),
        group_field="group",
    ),
    Tile(
        name="microgrants-report-submitted",
        title=gettext_lazy("Reports to read"),
        model=MicrograntRequest,
        **WaitingForFilter.choice("report_submitted"),
        label=group_and_title,
        # (A request of before report_submitted_at: when it last changed.)
        detail=lambda microgrant: days_waiting(
            microgrant.report_submitted_at or microgrant.updated_at
        ),
        group_field="group",
    ),
    Tile(
        name="microgrants-report-due",
        title=gettext_lazy("Reports due within a week"),
        model=MicrograntRequest,
        **WaitingForFilter.choice("report_due"),
        label=group_and_title,
        detail=lambda microgrant: (
            _("due on %(date)s") % {"date": date_format(microgrant.report_due_on)}
        ),
        group_field="group",
    ),
    Tile(
        name="microgrants-report-overdue",
        title=gettext_lazy("Reports overdue"),
        model=MicrograntRequest,
        **WaitingForFilter.choice("report_overdue"),
        label=group_and_title,
        detail=days_overdue,
        group_field="group",
    ),
    GrantedThisYearTile(
        name="microgrants-granted",
        title=gettext_lazy("Granted this year, per group, beside the yearly cap"),
        model=MicrograntRequest,
        **GrantedFilter.choice("this_year"),
        group_field="group",
    ),
)
