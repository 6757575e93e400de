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
    move,
    requesting_group_locked,
    require_note,
    require_possible,
    reviewed,
)

# A payment is recorded when it is made, or catching up within the year.
PAYMENT_RECORDED_WITHIN = datetime.timedelta(days=365)


@transaction.atomic
def microgrant_start_review(*, microgrant, reviewer, seen: dict | None = None) -> MicrograntRequest:
    microgrant = reviewed(microgrant, reviewer, seen)
    move(microgrant, "start_review", actor=reviewer)
    return microgrant


@transaction.atomic
def microgrant_request_info(
    *, microgrant, reviewer, note: str, seen: dict | None = None
) -> MicrograntRequest:
    note = require_note(note, _("Say what information you need."))
    microgrant = reviewed(microgrant, reviewer, seen)
    move(microgrant, "request_info", actor=reviewer, note=note)
    # The request may change before it comes back; approvals start over (the
    # history keeps who had approved).
    microgrant.approvals.all().delete()
    return microgrant


@transaction.atomic
def microgrant_reject(
    *, microgrant, reviewer, note: str, seen: dict | None = None
) -> MicrograntRequest:
    note = require_note(note, _("Give the reason for the rejection."))
    microgrant = reviewed(microgrant, reviewer, seen)
    move(microgrant, "reject", actor=reviewer, note=note)
    return microgrant


@transaction.atomic
def microgrant_approve(
    *, microgrant, reviewer, amount: Decimal | None = None, seen: dict | None = None
) -> MicrograntRequest:
    """Approve (all or part of) the amount; above the threshold a second member must agree."""
    microgrant = reviewed(microgrant, reviewer, seen)
    require_possible(microgrant, "approve")
    amount = microgrant.amount_requested if amount is None else Decimal(amount)
    if not Decimal(0) < amount <= microgrant.amount_requested:
        raise MicrograntError(
            _("Approve more than zero and at most the %(amount)s requested.")
            % {"amount": format_money(microgrant.amount_requested, microgrant.currency)}
        )
    if microgrant.approvals.filter(approver=reviewer).exists():
        raise MicrograntError(
            _("You already approved this request; a second oversight member must approve too.")
        )
    # The cap again, on what is granted: the cap or the rates may have changed since
    # the request went in, and approvals of one group happen one at a time.
    group = requesting_group_locked(microgrant)
    cap = yearly_cap_problem(
        group,
        amount_in_euros=in_euros(amount, microgrant.currency),
        used=this_year_in_euros(group, exclude=microgrant, granted_only=True),
    )
    if cap:
        raise MicrograntError(cap)
    MicrograntApproval.objects.create(request=microgrant, approver=reviewer, amount=amount)
    approvals = list(microgrant.approvals.all())
    needed = approvals_needed(microgrant)
    if len(approvals) < needed:
        MicrograntEvent.objects.create(
            request=microgrant,
            actor=reviewer,
            from_status=microgrant.status,
            to_status=microgrant.status,
            registry_note="first_approval",
            registry_note_values={"amount": str(amount), "currency": microgrant.currency},
        )
        return microgrant
    # With two approvals, the smaller amount is what both agreed to.
    microgrant.amount_approved = min(approval.amount for approval in approvals)
    move(microgrant, "approve", actor=reviewer, fields=["amount_approved"])
    return microgrant


@transaction.atomic
def microgrant_mark_paid(
    *, microgrant, reviewer, paid_on, reference: str, seen: dict | None = None
) -> MicrograntRequest:
    reference = require_note(reference, _("Give the payment reference."))
    if paid_on is None:
        raise MicrograntError(_("Give the date of the payment."))
    today = timezone.localdate()
    if paid_on > today:
        raise MicrograntError(_("The payment date cannot be in the future."))
    if paid_on < today - PAYMENT_RECORDED_WITHIN:
        raise MicrograntError(_("The payment date must be within the past year."))
    microgrant = reviewed(microgrant, reviewer, seen)
    require_possible(microgrant, "mark_paid")
    reimbursement = microgrant.payment_method == MicrograntRequest.PaymentMethod.REIMBURSEMENT
    if reimbursement and not microgrant.files.filter(kind=MicrograntFile.Kind.RECEIPT).exists():
        raise MicrograntError(_("A reimbursement is paid against receipts; none are uploaded."))
    microgrant.paid_on = paid_on
    microgrant.payment_reference = reference
    move(
        microgrant,
        "mark_paid",
        actor=reviewer,
        registry_note="paid",
        registry_note_values={"date": paid_on.isoformat(), "reference": reference},
        fields=["paid_on", "payment_reference"],
    )
    return microgrant


@transaction.atomic
def microgrant_accept_report(
    *, microgrant, reviewer, seen: dict | None = None
) -> MicrograntRequest:
    microgrant = reviewed(microgrant, reviewer, seen)
    move(microgrant, "accept_report", actor=reviewer)
    return microgrant


@transaction.atomic
def microgrant_return_report(
    *, microgrant, reviewer, note: str, seen: dict | None = None
) -> MicrograntRequest:
    """Send the report back to the requester for changes."""
    note = require_note(note, _("Say what the report needs."))
    microgrant = reviewed(microgrant, reviewer, seen)
    require_possible(microgrant, "return_report")
    move(microgrant, "return_report", actor=reviewer, note=note)
    return microgrant
