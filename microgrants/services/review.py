"""The oversight team's steps: the review started, information asked for, the request
rejected or approved (twice above the threshold), the payment recorded, the report
accepted or returned."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.money import format_money
from microgrants.models import (
    MicrograntApproval,
    MicrograntEvent,
    MicrograntFile,
    MicrograntRequest,
)
from microgrants.selectors import (
    approvals_needed,
    in_euros,
    this_year_in_euros,
    yearly_cap_problem,
)
from microgrants.services.rules import (
    MicrograntError,
    locked_group,
    move,
    require_note,
    require_possible,
    reviewed,
)

# A payment is recorded when it is made, or catching up within the year.
PAYMENT_RECORDED_WITHIN = datetime.timedelta(days=365)


@transaction.atomic
def microgrant_start_review(*, grant, reviewer, seen: dict | None = None) -> MicrograntRequest:
    grant = reviewed(grant, reviewer, seen)
    move(grant, "start_review", actor=reviewer)
    return grant


@transaction.atomic
def microgrant_request_info(
    *, grant, reviewer, note: str, seen: dict | None = None
) -> MicrograntRequest:
    note = require_note(note, _("Say what information you need."))
    grant = reviewed(grant, reviewer, seen)
    move(grant, "request_info", actor=reviewer, note=note)
    # The request may change before it comes back; approvals start over (the
    # history keeps who had approved).
    grant.approvals.all().delete()
    return grant


@transaction.atomic
def microgrant_reject(*, grant, reviewer, note: str, seen: dict | None = None) -> MicrograntRequest:
    note = require_note(note, _("Give the reason for the rejection."))
    grant = reviewed(grant, reviewer, seen)
    move(grant, "reject", actor=reviewer, note=note)
    return grant


@transaction.atomic
def microgrant_approve(
    *, grant, reviewer, amount: Decimal | None = None, seen: dict | None = None
) -> MicrograntRequest:
    """Approve (all or part of) the amount; above the threshold a second member must agree."""
    grant = reviewed(grant, reviewer, seen)
    require_possible(grant, "approve")
    amount = grant.amount_requested if amount is None else Decimal(amount)
    if not Decimal(0) < amount <= grant.amount_requested:
        raise MicrograntError(
            _("Approve more than zero and at most the %(amount)s requested.")
            % {"amount": format_money(grant.amount_requested, grant.currency)}
        )
    if grant.approvals.filter(approver=reviewer).exists():
        raise MicrograntError(
            _("You already approved this request; a second oversight member must approve too.")
        )
    # The cap again, on what is granted: the cap or the rates may have changed since
    # the request went in, and approvals of one group happen one at a time.
    group = locked_group(grant)
    cap = yearly_cap_problem(
        group,
        amount_in_euros=in_euros(amount, grant.currency),
        used=this_year_in_euros(group, exclude=grant, granted_only=True),
    )
    if cap:
        raise MicrograntError(cap)
    MicrograntApproval.objects.create(request=grant, approver=reviewer, amount=amount)
    approvals = list(grant.approvals.all())
    needed = approvals_needed(grant)
    if len(approvals) < needed:
        MicrograntEvent.objects.create(
            request=grant,
            actor=reviewer,
            from_status=grant.status,
            to_status=grant.status,
            registry_note="first_approval",
            registry_note_values={"amount": str(amount), "currency": grant.currency},
        )
        return grant
    # With two approvals, the smaller amount is what both agreed to.
    grant.amount_approved = min(approval.amount for approval in approvals)
    move(grant, "approve", actor=reviewer, fields=["amount_approved"])
    return grant


@transaction.atomic
def microgrant_mark_paid(
    *, grant, reviewer, paid_on, reference: str, seen: dict | None = None
) -> MicrograntRequest:
    reference = require_note(reference, _("Give the payment reference."))
    if paid_on is None:
        raise MicrograntError(_("Give the date of the payment."))
    today = timezone.localdate()
    if paid_on > today:
        raise MicrograntError(_("The payment date cannot be in the future."))
    if paid_on < today - PAYMENT_RECORDED_WITHIN:
        raise MicrograntError(_("The payment date must be within the past year."))
    grant = reviewed(grant, reviewer, seen)
    require_possible(grant, "mark_paid")
    reimbursement = grant.payment_method == MicrograntRequest.PaymentMethod.REIMBURSEMENT
    if reimbursement and not grant.files.filter(kind=MicrograntFile.Kind.RECEIPT).exists():
        raise MicrograntError(_("A reimbursement is paid against receipts; none are uploaded."))
    grant.paid_on = paid_on
    grant.payment_reference = reference
    move(
        grant,
        "mark_paid",
        actor=reviewer,
        registry_note="paid",
        registry_note_values={"date": paid_on.isoformat(), "reference": reference},
        fields=["paid_on", "payment_reference"],
    )
    return grant


@transaction.atomic
def microgrant_accept_report(*, grant, reviewer, seen: dict | None = None) -> MicrograntRequest:
    grant = reviewed(grant, reviewer, seen)
    move(grant, "accept_report", actor=reviewer)
    return grant


@transaction.atomic
def microgrant_return_report(
    *, grant, reviewer, note: str, seen: dict | None = None
) -> MicrograntRequest:
    """Send the report back to the requester for changes."""
    note = require_note(note, _("Say what the report needs."))
    grant = reviewed(grant, reviewer, seen)
    require_possible(grant, "return_report")
    move(grant, "return_report", actor=reviewer, note=note)
    return grant
