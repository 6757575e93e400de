"""The oversight team's review of a workflow in the admin (an application, a microgrant
request): the queue's age column and start-review action, and the change page's review
buttons, one per team move of the workflow's table (common.workflow).

The page offers only the decisions that fit the row's status, with the review form's
fields each needs; the reviewer's choice goes to the workflow's service, and the
service's refusal comes back as a message (WorkflowServicesMixin.run), on the page as
the reviewer typed it.
"""

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.admin import WorkflowServicesMixin
from common.fields import help_text_with_limit_lazy
from common.typography import labelled
from common.validators import validate_multiline_text
from common.versioning import EDIT_FORM_FIELDS, EditVersionForm, opened_at
from common.workflow import NOTE_MAX_LENGTH, Party, Workflow, status_in_sentence


@dataclass(frozen=True)
class Decision:
    """A review button: the service that makes the team's move `action` (its label, and
    the statuses that offer it, are the workflow's), and the review form's fields it
    takes. A decision that is no move (letting an applicant apply again) says its label."""

    action: str
    service: Callable
    # A message, or a function of what the service returned.
    success: str | Callable
    # Review form fields, and the service's argument each one becomes.
    arguments: dict[str, str] = dataclasses.field(default_factory=dict)
    style: str = ""
    label: str = ""
    # The statuses that offer it; () for a decision that is no move (offered otherwise).
    offered_at: tuple[str, ...] = ()


def decisions(workflow: Workflow, *buttons: Decision) -> dict[str, Decision]:
    """The review buttons by action, labelled and offered as the workflow's moves are.
    Every move the oversight team makes has its button."""
    by_action = {
        button.action: dataclasses.replace(
            button, label=workflow[button.action].label, offered_at=workflow[button.action].sources
        )
        if button.action in workflow.moves
        else button
        for button in buttons
    }
    team_moves = {move.action for move in workflow.moves.values() if move.by == Party.TEAM}
    missing = team_moves - set(by_action)
    if missing:
        raise ValueError(f"No review button for {sorted(missing)}")
    return by_action


def note_field(label, help_text) -> forms.CharField:
    """The message a reviewer writes beside a decision, emailed to the person who asked."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=NOTE_MAX_LENGTH,
        validators=[validate_multiline_text],
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=help_text_with_limit_lazy(help_text, NOTE_MAX_LENGTH),
    )


class ReviewForm(forms.Form):
    """What a reviewer may type beside a decision; the services judge it. A workflow's
    form adds its decisions' fields; a form that is also an EditVersionForm carries the
    version of the row the reviewer saw, and a decision on a row that changed meanwhile
    is refused (common.versioning)."""

    def only_for(self, offered: Iterable[Decision]) -> "ReviewForm":
        """The form with only the fields the offered decisions take (and its bookkeeping)."""
        used = {field for decision in offered for field in decision.arguments}
        self.fields = {
            name: field
            for name, field in self.fields.items()
            if name in used or name in EDIT_FORM_FIELDS
        }
        return self

    def errors_of(self, decision: Decision) -> dict:
        """The errors in the fields this decision takes: a stray value in another is none."""
        return {
            field: errors for field, errors in self.errors.items() if field in decision.arguments
        }

    def arguments_of(self, decision: Decision) -> dict:
        """The service's arguments, from what the reviewer typed."""
        arguments = {
            argument: self.cleaned_data[field] for field, argument in decision.arguments.items()
        }
        if isinstance(self, EditVersionForm):
            arguments["seen"] = self.seen_version()
        return arguments


class ReviewMixin(WorkflowServicesMixin):
    """A ModelAdmin of a workflow's rows, reviewed by the oversight team: the queue's age
    column and start-review action, and the change page's review buttons (review_view),
    its only way to act.

    `review_form` is the workflow's ReviewForm; `review_decisions`, its buttons
    (decisions()); `review_too_late`, what a button on a page opened before the row
    moved on says (else the service refuses it).
    """

    review_form: type[ReviewForm]
    review_decisions: dict[str, Decision]
    review_too_late: str | None = None
    change_form_template = "admin/review_change_form.html"

    def review_refusal(self, obj, user) -> str | None:
        """Why this person may not review this row, said before the click (or None)."""
        return None

    def review_initial(self, obj) -> dict:
        return {}

    def review_context(self, obj) -> dict:
        """More for the change page's review (the approvals a request has)."""
        return {}

    def offered_decisions(self, obj) -> list[Decision]:
        return [d for d in self.review_decisions.values() if obj.status in d.offered_at]

    @admin.display(description=_("age"), ordering="submitted_at")
    def age(self, obj):
        if obj.submitted_at is None:
            return "–"
        days = (timezone.now() - obj.submitted_at).days
        return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}

    @admin.action(description=_("Start the review"), permissions=("change",))
    def start_review(self, request, queryset):
        self.decide(request, queryset, self.review_decisions["start_review"])

    def decide(self, request, objects, decision: Decision, **arguments) -> bool:
        return self.run(request, objects, decision.service, decision.success, **arguments)

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<int:pk>/review/",
                self.admin_site.admin_view(self.review_view),
                name=f"{opts.app_label}_{opts.model_name}_review",
            ),
            *super().get_urls(),
        ]

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
        refusal = obj is not None and self.review_refusal(obj, request.user)
        if refusal:
            # Said before the click, not after it.
            context.update(review_refusal=refusal)
        elif obj is not None and self.has_change_permission(request, obj):
            offered = self.offered_decisions(obj)
            initial = self.review_initial(obj)
            # What the reviewer typed before a refusal, once (review_view).
            initial.update(request.session.pop(typed_key(obj), {}))
            if issubclass(self.review_form, EditVersionForm):
                initial.update(opened_at(obj))
            review_form = self.review_form(initial=initial).only_for(offered)
            context.update(
                review_decisions=offered, review_form=review_form, **self.review_context(obj)
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def review_view(self, request, pk):
        """The review buttons of the change page: one workflow service each."""
        obj = get_object_or_404(self.model, pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, obj):
            raise PermissionDenied
        decision = self.review_decisions.get(request.POST.get("decision"))
        form = self.review_form(request.POST)
        done = False
        if decision is None:
            self.message_user(request, _("Choose a valid decision."), messages.ERROR)
        elif self.review_too_late and decision not in self.offered_decisions(obj):
            # Only what the page offers: a page opened before someone else moved the row
            # on gets a clear refusal. (The service checks again under the row lock.)
            self.message_user(
                request,
                self.review_too_late
                % {
                    "status": status_in_sentence(obj.get_status_display()),
                    "decision": decision.label,
                },
                messages.ERROR,
            )
        elif errors := form.errors_of(decision):
            for field, field_errors in errors.items():
                for error in field_errors:
                    self.message_user(
                        request, labelled(form.fields[field].label, error), messages.ERROR
                    )
        else:
            done = self.decide(request, [obj], decision, **form.arguments_of(decision))
        if not done:
            # The page comes back as the reviewer typed it, to correct rather than to
            # write again; the version it was opened at is the page's own, not theirs.
            request.session[typed_key(obj)] = {
                name: form[name].data
                for name in form.fields
                if name not in EDIT_FORM_FIELDS and form[name].html_name in request.POST
            }
        opts = self.model._meta
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk)


def typed_key(obj) -> str:
    """Where the session keeps a refused review's fields until the page shows them."""
    return f"review-typed:{obj._meta.label_lower}:{obj.pk}"
