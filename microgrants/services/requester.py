"""The requester's steps: a draft saved, submitted or withdrawn, the grant letter
accepted, the report sent."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.names import full_name_of, same_name
from common.versioning import require_current
from common.workflow import locked
from microgrants.models import (
    MicrograntFile,
    MicrograntRequest,
)
from microgrants.services.rules import (
    MicrograntError,
    move,
    requesting_group_locked,
    require_note,
    require_requester,
    submission_blockers,
)

Status = MicrograntRequest.Status


@transaction.atomic
def microgrant_save_draft(*, form, budget) -> MicrograntRequest:
    """Save the request's fields and budget, unless it left draft meanwhile.

    Under the row lock the status and the version are read again, and only the
    form's own fields are written, so a review that started in between is neither
    missed nor undone, and a save from another tab is not overwritten.
    """
    microgrant = form.save(commit=False)
    if microgrant.pk is None:
        microgrant.save()
    else:
        current = MicrograntRequest.objects.select_for_update().get(pk=microgrant.pk)
        if current.status not in MicrograntRequest.EDITABLE:
            raise MicrograntError(
                _("This request has been sent in meanwhile; it can no longer be changed.")
            )
        # Saved in another tab since this form was opened: refused, with what changed.
        require_current(current, **form.seen_version())
        microgrant.save(update_fields=[*form._meta.fields, "updated_at"])
    budget.instance = microgrant
    budget.save()
    return microgrant


@transaction.atomic
def microgrant_submit(*, microgrant, user) -> MicrograntRequest:
    """The requester sends a draft in, or answers the oversight team's question."""
    microgrant = locked(microgrant)
    require_requester(microgrant, user)
    requesting_group_locked(microgrant)
    problems = submission_blockers(microgrant)
    if problems:
        raise MicrograntError(" ".join(problem.message for problem in problems), problems=problems)
    if microgrant.status == Status.MORE_INFO_NEEDED:
        move(microgrant, "answer", actor=user, registry_note="answered")
    else:
        microgrant.submitted_at = timezone.now()
        move(microgrant, "submit", actor=user, fields=["submitted_at"])
    return microgrant


@transaction.atomic
def microgrant_withdraw(*, microgrant, user) -> MicrograntRequest:
    microgrant = locked(microgrant)
    require_requester(microgrant, user)
    move(microgrant, "withdraw", actor=user)
    return microgrant


@transaction.atomic
def microgrant_accept_letter(*, microgrant, user, full_name: str) -> MicrograntRequest:
    """The requester accepts the grant letter by typing their full name."""
    full_name = require_note(full_name, _("Type your full name to accept the grant letter."))
    microgrant = locked(microgrant)
    require_requester(microgrant, user)
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
    microgrant.letter_accepted_name = full_name
    microgrant.letter_accepted_at = timezone.now()
    move(
        microgrant,
        "accept_letter",
        actor=user,
        registry_note="letter_accepted",
        registry_note_values={"name": full_name},
        fields=["letter_accepted_name", "letter_accepted_at"],
    )
    return microgrant


@transaction.atomic
def microgrant_submit_report(
    *, microgrant, user, done: str, numbers: str, learnings: str
) -> MicrograntRequest:
    done = require_note(done, _("Say what was done against the deliverables."))
    microgrant = locked(microgrant)
    require_requester(microgrant, user)
    if not microgrant.files.filter(kind=MicrograntFile.Kind.RECEIPT).exists():
        raise MicrograntError(_("Upload the receipts before sending the report."), about="receipts")
    microgrant.report_done = done
    microgrant.report_numbers = numbers.strip()
    microgrant.report_learnings = learnings.strip()
    microgrant.report_submitted_at = timezone.now()
    move(
        microgrant,
        "submit_report",
        actor=user,
        fields=["report_done", "report_numbers", "report_learnings", "report_submitted_at"],
    )
    return microgrant
