"""The review buttons on a request's admin page (common/review.py): the review form's
fields for a microgrant, one workflow service per decision, and who may review.

The reviewer's choice goes to the service with the version the page showed, and the
service's refusal comes back as a message.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.review import Decision, ReviewForm, ReviewMixin, decisions, note_field
from common.validators import validate_text
from common.versioning import EditVersionForm
from microgrants.models import MicrograntRequest
from microgrants.selectors import approvals_needed
from microgrants.services import (
    MicrograntError,
    microgrant_accept_report,
    microgrant_approve,
    microgrant_mark_paid,
    microgrant_reject,
    microgrant_request_info,
    microgrant_return_report,
    microgrant_start_review,
    reviewer_refusal,
)
from microgrants.workflow import MICROGRANT

Status = MicrograntRequest.Status


class MicrograntReviewForm(EditVersionForm, ReviewForm):
    """What a reviewer may type beside a decision on a request, with the version of the
    request they saw (EditVersionForm)."""

    note = note_field(
        _("Message to the requester"),
        _(
            "Emailed to the requester. Required to ask for more information, to reject, "
            "or to return the report."
        ),
    )
    amount = forms.DecimalField(
        label=_("Amount to approve"),
        required=False,
        max_digits=10,
        decimal_places=2,
        help_text=_("All or part of the amount requested, in the request's currency."),
    )
    paid_on = forms.DateField(
        label=_("Paid on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    payment_reference = forms.CharField(
        label=_("Payment reference"), required=False, max_length=100, validators=[validate_text]
    )


def approval_outcome(microgrant) -> str:
    if microgrant.status == Status.APPROVED:
        return _("approved: %(amount)s.") % {"amount": microgrant.amount_display()}
    return _("your approval is recorded; a second oversight member must approve it too.")


DECISIONS = decisions(
    MICROGRANT,
    Decision("start_review", microgrant_start_review, _("review started.")),
    Decision(
        "request_info", microgrant_request_info, _("more information asked."), {"note": "note"}
    ),
    Decision(
        "approve", microgrant_approve, approval_outcome, {"amount": "amount"}, style="default"
    ),
    Decision("reject", microgrant_reject, _("rejected."), {"note": "note"}, style="deletelink"),
    Decision(
        "mark_paid",
        microgrant_mark_paid,
        _("marked as paid."),
        {"paid_on": "paid_on", "payment_reference": "reference"},
        style="default",
    ),
    Decision(
        "accept_report",
        microgrant_accept_report,
        _("report accepted; the grant is closed."),
        style="default",
    ),
    Decision(
        "return_report",
        microgrant_return_report,
        _("report returned for changes."),
        {"note": "note"},
    ),
)


class MicrograntReviewMixin(ReviewMixin):
    """For MicrograntRequestAdmin: the queue and the review buttons of a request."""

    workflow_object = "microgrant"
    workflow_refusal = MicrograntError
    review_form = MicrograntReviewForm
    review_decisions = DECISIONS
    review_too_late = _("This request is %(status)s now; “%(decision)s” is not possible.")
    change_form_template = "admin/microgrants/micrograntrequest/change_form.html"

    def review_refusal(self, obj, user):
        return reviewer_refusal(obj, user)

    def review_initial(self, microgrant):
        return {"amount": microgrant.amount_requested, "paid_on": timezone.localdate()}

    def review_context(self, microgrant):
        if microgrant.status != Status.IN_REVIEW:
            return {}
        return {
            "approvals_needed": approvals_needed(microgrant),
            "approvals_given": microgrant.approvals.count(),
        }
