"""The review buttons on a request's admin page: one workflow service per decision.

The page offers only the decisions that fit the request's status, with the fields
each needs; the reviewer's choice goes to the service with the version the page
showed, and the service's refusal comes back as a message.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import help_text_with_limit_lazy
from common.validators import validate_multiline_text, validate_text
from common.versioning import EDIT_FORM_FIELDS, EditVersionForm, opened_at
from common.workflow import NOTE_MAX_LENGTH, Party, status_in_sentence
from microgrants.models import MicrograntRequest
from microgrants.selectors import approvals_needed
from microgrants.services import (
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


class ReviewForm(EditVersionForm):
    """What a reviewer may type beside a decision; the services judge it. The version of
    the request the reviewer saw comes with it (EditVersionForm): a decision on a request
    that changed meanwhile is refused (common.versioning)."""

    note = forms.CharField(
        label=_("Message to the requester"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        validators=[validate_multiline_text],
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=help_text_with_limit_lazy(
            _(
                "Emailed to the requester. Required to ask for more information, to reject, "
                "or to return the report."
            ),
            NOTE_MAX_LENGTH,
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


def approval_outcome(grant) -> str:
    if grant.status == Status.APPROVED:
        return _("approved: %(amount)s.") % {"amount": grant.amount_display()}
    return _("your approval is recorded; a second oversight member must approve it too.")


@dataclass(frozen=True)
class Decision:
    """A review button: the team's move of the workflow (its label, and the statuses
    that offer it: microgrants/workflow.py), the service that makes it, and the review
    form's fields it takes."""

    action: str
    service: Callable
    # A message, or a function of the request the service returned.
    success: str | Callable
    # Review form fields, and the service's argument each one becomes.
    arguments: dict[str, str]
    style: str = ""

    @property
    def label(self) -> str:
        return MICROGRANT[self.action].label

    @property
    def offered_at(self) -> tuple[str, ...]:
        return MICROGRANT[self.action].sources


DECISIONS = {
    decision.action: decision
    for decision in (
        Decision("start_review", microgrant_start_review, _("review started."), {}),
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
            {},
            style="default",
        ),
        Decision(
            "return_report",
            microgrant_return_report,
            _("report returned for changes."),
            {"note": "note"},
        ),
    )
}
# Every move the oversight team makes has its button, and nothing else does.
assert set(DECISIONS) == {
    move.action for move in MICROGRANT.moves.values() if move.by == Party.TEAM
}


class ReviewButtonsMixin:
    """For MicrograntRequestAdmin: the change page offers the buttons, review_view runs them."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Nothing on the form can be saved; the review buttons do the work.
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        refusal = obj is not None and reviewer_refusal(obj, request.user)
        if refusal:
            # Said before the click, not after it.
            context.update(review_refusal=refusal)
        elif obj is not None and self.has_change_permission(request, obj):
            offered = [(name, d) for name, d in DECISIONS.items() if obj.status in d.offered_at]
            fields_used = {field for _name, decision in offered for field in decision.arguments}
            review_form = ReviewForm(
                initial={
                    "amount": obj.amount_requested,
                    "paid_on": timezone.localdate(),
                    **opened_at(obj),
                }
            )
            review_form.fields = {
                name: field
                for name, field in review_form.fields.items()
                if name in fields_used or name in EDIT_FORM_FIELDS
            }
            context.update(review_decisions=offered, review_form=review_form)
            if obj.status == Status.IN_REVIEW:
                context.update(
                    approvals_needed=approvals_needed(obj), approvals_given=obj.approvals.count()
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def review_view(self, request, pk):
        """The review buttons of the change page: one workflow service each."""
        grant = get_object_or_404(MicrograntRequest, pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, grant):
            raise PermissionDenied
        decision = DECISIONS.get(request.POST.get("decision"))
        form = ReviewForm(request.POST)
        # Only the fields this decision uses; a stray value in another is not an error.
        errors = {
            field: errors
            for field, errors in form.errors.items()
            if decision and field in decision.arguments
        }
        if decision is None:
            self.message_user(request, _("Choose a valid decision."), messages.ERROR)
        elif grant.status not in decision.offered_at:
            # Only what the page offers: a page opened before someone else moved
            # the request on gets a clear refusal. (The service checks again
            # under the row lock.)
            self.message_user(
                request,
                _("This request is %(status)s now; “%(decision)s” is not possible.")
                % {
                    "status": status_in_sentence(grant.get_status_display()),
                    "decision": decision.label,
                },
                messages.ERROR,
            )
        elif errors:
            for field, field_errors in errors.items():
                for error in field_errors:
                    self.message_user(
                        request, f"{form.fields[field].label}: {error}", messages.ERROR
                    )
        else:
            arguments = {
                argument: form.cleaned_data[field] for field, argument in decision.arguments.items()
            }
            arguments["seen"] = form.seen_version()
            self.run(request, [grant], decision.service, decision.success, **arguments)
        return redirect("admin:microgrants_micrograntrequest_change", grant.pk)
