"""The life of a microgrant: every status change is a service here, one transaction each.

Each transition locks the request's row (SELECT ... FOR UPDATE) and checks its
status again under the lock, so of two reviewers, or two browser tabs, exactly
one wins and the other gets a clear refusal. Every change is appended to the
request's history, which the database keeps from being changed.
"""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.images import reencoded_image, safe_stem
from common.money import format_money
from common.names import full_name_of, same_name
from common.versioning import EditConflict, require_current
from common.workflow import locked, status_in_sentence, transition
from groups.models import Membership, NationalGroup
from groups.permissions import is_oversight_member
from microgrants import emails
from microgrants.models import (
    MicrograntApproval,
    MicrograntEvent,
    MicrograntFile,
    MicrograntRequest,
)
from microgrants.permissions import current_role, may_attach_files, may_request
from microgrants.selectors import (
    approvals_needed,
    in_euros,
    overdue_report,
    this_year_in_euros,
    yearly_cap_problem,
)
from microgrants.workflow import MICROGRANT

Status = MicrograntRequest.Status

# A payment is recorded when it is made, or catching up within the year.
PAYMENT_RECORDED_WITHIN = datetime.timedelta(days=365)
ALLOWED_FILE_TYPES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


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


def locked_group(grant) -> NationalGroup:
    """The grant's group, locked: the yearly cap is read and held one request at a time.

    Every transition that can add to the year's total takes this lock after the
    request's own, so two requests of one group never pass the cap together.
    """
    return NationalGroup.objects.select_for_update().get(pk=grant.group_id)


def submission_blockers(grant) -> list[Problem]:
    """Every rule a request breaks at submission; empty when it may go in. A draft may
    break them all: it is checked here, when it goes in."""
    problems = []
    group = grant.group
    if not may_request(grant.requested_by, group):
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
    if grant.end_date < timezone.localdate():
        problems.append(
            Problem(
                _(
                    "The project ended on %(date)s. Microgrants fund what is still to come: "
                    "change its dates if it goes on."
                )
                % {"date": date_format(grant.end_date)},
                about="end_date",
            )
        )
    request_limit = settings.MICROGRANT_LIMIT_PER_REQUEST_EUR
    amount = in_euros(grant.amount_requested, grant.currency)
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
        group, amount_in_euros=amount, used=this_year_in_euros(group, exclude=grant)
    )
    if cap:
        problems.append(Problem(cap, about="amount_requested"))
    lines = list(grant.budget_lines.all())
    if not lines:
        problems.append(Problem(_("Add at least one budget line."), about="budget_lines"))
    else:
        lines_total = sum((line.amount for line in lines), Decimal(0))
        if lines_total != grant.amount_requested:
            problems.append(
                Problem(
                    _("The budget lines add up to %(total)s, not to the %(amount)s requested.")
                    % {
                        "total": format_money(lines_total, grant.currency),
                        "amount": format_money(grant.amount_requested, grant.currency),
                    },
                    about="budget_lines",
                )
            )
    return problems


def move(grant, action: str, *, actor, note="", fields=(), **registry_note) -> MicrograntEvent:
    """Make one of the workflow's moves (microgrants/workflow.py) on a locked request,
    record it (with the registry's own note, `registry_note` and its values: see
    MicrograntEvent.note_in_words), and tell the other side."""
    step = MICROGRANT[action]
    event = transition(
        grant,
        move=step,
        actor=actor,
        history=grant.events,
        note=note,
        fields=fields,
        **registry_note,
        refusal=MicrograntError,
        refused=_("This request is %(status)s; it cannot become %(target)s."),
    )
    emails.send_microgrant_update(grant, event, step)
    return event


def require_possible(grant, action: str) -> None:
    """Refused before anything else is checked when the move cannot start from the
    request's status (the move checks again as it is made)."""
    step = MICROGRANT[action]
    if grant.status not in step.sources:
        raise MicrograntError(
            _("This request is %(status)s; it cannot become %(target)s.")
            % {
                "status": status_in_sentence(grant.get_status_display()),
                "target": status_in_sentence(Status(step.target).label),
            }
        )


def require_note(note: str, message: str) -> str:
    if not note.strip():
        raise MicrograntError(message)
    return note.strip()


def reviewed(grant, reviewer, seen: dict | None = None) -> MicrograntRequest:
    """The request locked for a reviewer's decision, if they may take it on what they saw.

    `seen` is the version the reviewer's page showed ({"version", "seen"}, from the
    review form): a request that changed since is not decided on unseen.
    """
    grant = locked(grant)
    require_reviewer(grant, reviewer)
    if seen is not None:
        try:
            require_current(grant, **seen)
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
    return grant


def require_requester(grant, user):
    """The requester acts on their request only while they still organize the group."""
    if grant.requested_by_id != user.pk:
        raise MicrograntError(_("Only the person who asked for this microgrant can do this."))
    if current_role(user, grant.group) is None:
        raise MicrograntError(
            _("Only organizers who still organize %(group)s can act on its microgrants.")
            % {"group": grant.group.name}
        )


def reviewer_refusal(grant, reviewer) -> str | None:
    """Four eyes: why this person may not review this request (their own request, their
    own group's, or not the oversight team), or None. The admin asks it before offering
    the review buttons; every decision asks it again."""
    if not is_oversight_member(reviewer):
        return _("Only the oversight team reviews microgrants.")
    if grant.requested_by_id == reviewer.pk:
        return _("You cannot review a request you made yourself.")
    if Membership.objects.filter(group=grant.group_id, user=reviewer).exists():
        return _("You cannot review a request of a group you organize.")
    return None


def require_reviewer(grant, reviewer):
    refusal = reviewer_refusal(grant, reviewer)
    if refusal:
        raise MicrograntError(refusal)


@transaction.atomic
def microgrant_save_draft(*, form, budget) -> MicrograntRequest:
    """Save the request's fields and budget, unless it left draft meanwhile.

    Under the row lock the status and the version are read again, and only the
    form's own fields are written, so a review that started in between is neither
    missed nor undone, and a save from another tab is not overwritten.
    """
    grant = form.save(commit=False)
    if grant.pk is None:
        grant.save()
    else:
        current = MicrograntRequest.objects.select_for_update().get(pk=grant.pk)
        if current.status not in MicrograntRequest.EDITABLE:
            raise MicrograntError(
                _("This request has been sent in meanwhile; it can no longer be changed.")
            )
        # Saved in another tab since this form was opened: refused, with what changed.
        require_current(current, **form.seen_version())
        grant.save(update_fields=[*form._meta.fields, "updated_at"])
    budget.instance = grant
    budget.save()
    return grant


@transaction.atomic
def microgrant_submit(*, grant, user) -> MicrograntRequest:
    """The requester sends a draft in, or answers the oversight team's question."""
    grant = locked(grant)
    require_requester(grant, user)
    locked_group(grant)
    problems = submission_blockers(grant)
    if problems:
        raise MicrograntError(" ".join(problem.message for problem in problems), problems=problems)
    if grant.status == Status.MORE_INFO_NEEDED:
        move(grant, "answer", actor=user, registry_note="answered")
    else:
        grant.submitted_at = timezone.now()
        move(grant, "submit", actor=user, fields=["submitted_at"])
    return grant


@transaction.atomic
def microgrant_withdraw(*, grant, user) -> MicrograntRequest:
    grant = locked(grant)
    require_requester(grant, user)
    move(grant, "withdraw", actor=user)
    return grant


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
def microgrant_accept_letter(*, grant, user, full_name: str) -> MicrograntRequest:
    """The requester accepts the grant letter by typing their full name."""
    full_name = require_note(full_name, _("Type your full name to accept the grant letter."))
    grant = locked(grant)
    require_requester(grant, user)
    account_name = full_name_of(user)
    if not account_name:
        raise MicrograntError(
            _("Add your full name to your account first: the letter is accepted in that name.")
        )
    if not same_name(full_name, account_name):
        raise MicrograntError(
            _(
                "This is not the name on your account (%(name)s). Type your full name as it "
                "is there."
            )
            % {"name": account_name}
        )
    grant.letter_accepted_name = full_name
    grant.letter_accepted_at = timezone.now()
    move(
        grant,
        "accept_letter",
        actor=user,
        registry_note="letter_accepted",
        registry_note_values={"name": full_name},
        fields=["letter_accepted_name", "letter_accepted_at"],
    )
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
def microgrant_submit_report(
    *, grant, user, done: str, numbers: str, learnings: str
) -> MicrograntRequest:
    done = require_note(done, _("Say what was done against the deliverables."))
    grant = locked(grant)
    require_requester(grant, user)
    if not grant.files.filter(kind=MicrograntFile.Kind.RECEIPT).exists():
        raise MicrograntError(_("Upload the receipts before sending the report."), about="receipts")
    grant.report_done = done
    grant.report_numbers = numbers.strip()
    grant.report_learnings = learnings.strip()
    grant.report_submitted_at = timezone.now()
    move(
        grant,
        "submit_report",
        actor=user,
        fields=["report_done", "report_numbers", "report_learnings", "report_submitted_at"],
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


def detected_file_type(upload) -> str | None:
    """The file's type from its first bytes, whatever its name says."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in ALLOWED_FILE_TYPES.items():
        if head.startswith(signature):
            return content_type
    return None


@transaction.atomic
def microgrant_attach_file(*, grant, user, kind: str, upload) -> MicrograntFile:
    """Keep a receipt or report attachment: PDF, PNG or JPEG, up to the size limit."""
    grant = locked(grant)
    if kind not in MicrograntFile.Kind.values:
        raise MicrograntError(_("Say whether the file is a receipt or a report attachment."))
    if not may_attach_files(user, grant):
        raise MicrograntError(
            _(
                "Files can be added by the requester and the group's leads, once the grant "
                "letter is accepted and until the report is accepted."
            )
        )
    limit = settings.MICROGRANT_FILE_MAX_BYTES
    if upload.size > limit:
        raise MicrograntError(
            _("A file may be at most %(size)s.") % {"size": filesizeformat(limit)}
        )
    most = settings.MICROGRANT_FILES_PER_REQUEST
    if grant.files.count() >= most:
        raise MicrograntError(
            _(
                "This request already has %(count)d files, the most it can hold. Put several "
                "receipts in one PDF, or ask the oversight team."
            )
            % {"count": most}
        )
    content_type = detected_file_type(upload)
    if content_type is None:
        raise MicrograntError(_("Upload a PDF, PNG or JPEG file."))
    if content_type == "application/pdf":
        stored = ContentFile(upload.read(), name=f"{safe_stem(upload.name, default=kind)}.pdf")
    else:
        # An image is only its picture: re-encoded, as logos are.
        try:
            stored, content_type = reencoded_image(
                upload,
                max_pixels=settings.IMAGE_MAX_PIXELS,
                formats=("PNG", "JPEG"),
                default_name=kind,
            )
        except ValidationError as refusal:
            raise MicrograntError(" ".join(refusal.messages)) from None
    display_name = stored.name
    # Stored under a name of our own; shown and downloaded under the original's stem
    # with the extension of what the file is.
    stored.name = f"{uuid.uuid4().hex}{Path(display_name).suffix}"
    return MicrograntFile.objects.create(
        request=grant,
        kind=kind,
        file=stored,
        original_name=display_name,
        content_type=content_type,
        uploaded_by=user,
    )
