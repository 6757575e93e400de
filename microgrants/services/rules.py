"""What every step of a microgrant asks: the refusal and its problems, the request's
group locked, what a submission still lacks, who may act, and a move made through the
workflow's table (microgrants/workflow.py) into the request's history."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.team import is_oversight_member
from common.money import format_money
from common.versioning import EditConflict, require_current
from common.workflow import locked, required_text
from groups.models import Membership, NationalGroup
from microgrants import emails
from microgrants.models import (
    MicrograntEvent,
    MicrograntRequest,
)
from microgrants.permissions import current_role, may_request
from microgrants.selectors import (
    in_euros,
    overdue_report,
    this_year_in_euros,
    yearly_cap_problem,
)
from microgrants.workflow import MICROGRANT


class MicrograntError(Exception):
    """A rule refused the action; the message is for the person who tried. `about`: what
    on the page it concerns, for the page to show it there ("receipts"); `problems`: each
    rule refused, when there are several (submission_blockers())."""

    def __init__(self, message, *, about: str | None = None, problems=()):
        super().__init__(message)
        self.about = about
        self.problems = list(problems)


@dataclass(frozen=True)
class Problem:
    """A rule a request breaks, and what of the request it is about: one of its fields,
    "budget_lines", or None for the request as a whole."""

    message: str
    about: str | None = None


def requesting_group_locked(microgrant) -> NationalGroup:
    """The requesting group, locked: the yearly cap is read and held one request at a time.

    Every transition that can add to the year's total takes this lock after the
    request's own, so two requests of one group never pass the cap together.
    """
    return NationalGroup.objects.select_for_update().get(pk=microgrant.group_id)


def submission_blockers(microgrant) -> list[Problem]:
    """Every rule a request breaks at submission; empty when it may go in. A draft may
    break them all: it is checked here, when it goes in."""
    problems = []
    group = microgrant.group
    if not may_request(microgrant.requested_by, group):
        problems.append(
            Problem(
                _("Only organizers of a forming or active national group can request microgrants.")
            )
        )
    late = overdue_report(group)
    if late:
        problems.append(
            Problem(
                _(
                    "The report on “%(title)s” was due on %(date)s. Send it, and wait until "
                    "it is accepted, before asking for a new microgrant."
                )
                % {"title": late.title, "date": date_format(late.report_due_on)}
            )
        )
    if microgrant.end_date < timezone.localdate():
        problems.append(
            Problem(
                _(
                    "The project ended on %(date)s. Microgrants fund what is still to come: "
                    "change its dates if it goes on."
                )
                % {"date": date_format(microgrant.end_date)},
                about="end_date",
            )
        )
    request_limit = settings.MICROGRANT_LIMIT_PER_REQUEST_EUR
    amount = in_euros(microgrant.amount_requested, microgrant.currency)
    if amount > request_limit:
        problems.append(
            Problem(
                _("A microgrant is at most %(limit)s (this request is about %(amount)s).")
                % {
                    "limit": format_money(request_limit, "EUR"),
                    "amount": format_money(round(amount), "EUR"),
                },
                about="amount_requested",
            )
        )
    cap = yearly_cap_problem(
        group, amount_in_euros=amount, used=this_year_in_euros(group, exclude=microgrant)
    )
    if cap:
        problems.append(Problem(cap, about="amount_requested"))
    lines = list(microgrant.budget_lines.all())
    if not lines:
        problems.append(Problem(_("Add at least one budget line."), about="budget_lines"))
    else:
        lines_total = sum((line.amount for line in lines), Decimal(0))
        if lines_total != microgrant.amount_requested:
            problems.append(
                Problem(
                    _("The budget lines add up to %(total)s, not to the %(amount)s requested.")
                    % {
                        "total": format_money(lines_total, microgrant.currency),
                        "amount": format_money(microgrant.amount_requested, microgrant.currency),
                    },
                    about="budget_lines",
                )
            )
    return problems


def move(microgrant, action: str, *, actor, note="", fields=(), **registry_note) -> MicrograntEvent:
    """Make one of the workflow's moves (microgrants/workflow.py) on a locked request,
    record it (with the registry's own note, `registry_note` and its values: see
    MicrograntEvent.note_in_words), and tell the other side."""
    event = MICROGRANT.move(
        microgrant,
        action,
        actor=actor,
        refusal=MicrograntError,
        note=note,
        fields=fields,
        **registry_note,
    )
    emails.send_microgrant_update(microgrant, event, MICROGRANT[action])
    return event


def require_possible(microgrant, action: str) -> None:
    """Refused before anything else is checked when the move cannot start from the
    request's status (the move checks again as it is made)."""
    MICROGRANT.require_possible(microgrant, action, MicrograntError)


def require_note(note: str, message: str) -> str:
    """The note a move must be given, or MicrograntError(message) (common.workflow)."""
    return required_text(note, message, MicrograntError)


def reviewed(microgrant, reviewer, seen: dict | None = None) -> MicrograntRequest:
    """The request locked for a reviewer's decision, if they may take it on what they saw.

    `seen` is the version the reviewer's page showed ({"version", "seen"}, from the
    review form): a request that changed since is not decided on unseen.
    """
    microgrant = locked(microgrant)
    require_reviewer(microgrant, reviewer)
    if seen is not None:
        try:
            require_current(microgrant, **seen)
        except EditConflict as conflict:
            raise MicrograntError(
                " ".join(
                    [
                        _(
                            "This request changed since you opened it; look at it again "
                            "before deciding."
                        ),
                        *conflict.change_lines(),
                    ]
                )
            ) from None
    return microgrant


def require_requester(microgrant, user):
    """The requester acts on their request only while they still organize the group."""
    if microgrant.requested_by_id != user.pk:
        raise MicrograntError(_("Only the person who asked for this microgrant can do this."))
    if current_role(user, microgrant.group) is None:
        raise MicrograntError(
            _("Only organizers who still organize %(group)s can act on its microgrants.")
            % {"group": microgrant.group.name}
        )


def reviewer_refusal(microgrant, reviewer) -> str | None:
    """Four eyes: why this person may not review this request (their own request, their
    own group's, or not the oversight team), or None. The admin asks it before offering
    the review buttons; every decision asks it again."""
    if not is_oversight_member(reviewer):
        return _("Only the oversight team reviews microgrants.")
    if microgrant.requested_by_id == reviewer.pk:
        return _("You cannot review a request you made yourself.")
    if Membership.objects.filter(group=microgrant.group_id, user=reviewer).exists():
        return _("You cannot review a request of a group you organize.")
    return None


def require_reviewer(microgrant, reviewer):
    refusal = reviewer_refusal(microgrant, reviewer)
    if refusal:
        raise MicrograntError(refusal)
