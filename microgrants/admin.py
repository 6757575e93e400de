"""The oversight team's microgrant queue and review buttons.

Every status change goes through a service in microgrants.services; this module
only offers the buttons, passes on what the reviewer typed, and shows the
service's refusal as a message. The budget pages are in admin_views.py.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.admin import CheckedActionSelectionMixin, ReadOnlyInline, WorkflowServicesMixin
from common.downloads import private_attachment
from common.validators import validate_multiline_text, validate_text
from common.versioning import seen_token
from microgrants import admin_views
from microgrants.admin_views import money, year_from
from microgrants.models import (
    MicrograntApproval,
    MicrograntBudgetLine,
    MicrograntEvent,
    MicrograntFile,
    MicrograntRequest,
)
from microgrants.selectors import APPROVED, REQUESTED, approvals_needed, group_total_this_year
from microgrants.services import (
    MicrograntError,
    microgrant_accept_report,
    microgrant_approve,
    microgrant_mark_paid,
    microgrant_reject,
    microgrant_request_info,
    microgrant_return_report,
    microgrant_start_review,
)

Status = MicrograntRequest.Status


class SubmittedYearFilter(admin.SimpleListFilter):
    title = _("year submitted")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        submitted = MicrograntRequest.objects.filter(submitted_at__isnull=False)
        return [
            (str(moment.year), str(moment.year))
            for moment in submitted.datetimes("submitted_at", "year", order="DESC")
        ]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        year = year_from(self.value())
        if year is None:
            raise IncorrectLookupParameters(self.value())
        return queryset.filter(submitted_at__year=year)


class BudgetLineInline(ReadOnlyInline):
    model = MicrograntBudgetLine
    fields = ("item", "amount")


class ApprovalInline(ReadOnlyInline):
    model = MicrograntApproval
    fields = ("created_at", "approver", "amount")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("approver")


class EventInline(ReadOnlyInline):
    """The request's history, append-only."""

    model = MicrograntEvent
    fields = ("created_at", "actor", "from_status", "to_status", "note")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class FileInline(ReadOnlyInline):
    model = MicrograntFile
    fields = ("kind", "download", "content_type", "uploaded_by", "uploaded_at")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    @admin.display(description=_("file"))
    def download(self, attachment):
        url = reverse(
            "admin:microgrants_micrograntrequest_file", args=[attachment.request_id, attachment.pk]
        )
        return format_html('<a href="{}">{}</a>', url, attachment.original_name)


class ReviewForm(forms.Form):
    """What a reviewer may type beside a decision; the services judge it."""

    note = forms.CharField(
        label=_("Message to the requester"),
        required=False,
        validators=[validate_multiline_text],
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_(
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
    # The version of the request the reviewer saw: a decision on a request that changed
    # meanwhile is refused (common.versioning).
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    edit_seen = forms.CharField(widget=forms.HiddenInput, required=False)

    ALWAYS = ("edit_version", "edit_seen")

    def seen(self) -> dict:
        return {
            "version": self.cleaned_data.get("edit_version"),
            "seen": self.cleaned_data.get("edit_seen", ""),
        }


def approval_outcome(grant) -> str:
    if grant.status == Status.APPROVED:
        return _("approved: %(amount)s.") % {"amount": grant.amount_display()}
    return _("your approval is recorded; a second oversight member must approve it too.")


@dataclass(frozen=True)
class Decision:
    label: str
    service: Callable
    # A message, or a function of the request the service returned.
    success: str | Callable
    # The statuses whose change page offers this button.
    offered_at: tuple[str, ...]
    # Review form fields, and the service's argument each one becomes.
    arguments: dict[str, str]
    style: str = ""


DECISIONS = {
    "start_review": Decision(
        _("Start the review"),
        microgrant_start_review,
        _("review started."),
        (Status.SUBMITTED, Status.MORE_INFO_NEEDED),
        {},
    ),
    "request_info": Decision(
        _("Ask for more information"),
        microgrant_request_info,
        _("more information asked."),
        (Status.IN_REVIEW,),
        {"note": "note"},
    ),
    "approve": Decision(
        _("Approve"),
        microgrant_approve,
        approval_outcome,
        (Status.IN_REVIEW,),
        {"amount": "amount"},
        style="default",
    ),
    "reject": Decision(
        _("Reject"),
        microgrant_reject,
        _("rejected."),
        (Status.SUBMITTED, Status.IN_REVIEW, Status.MORE_INFO_NEEDED),
        {"note": "note"},
        style="deletelink",
    ),
    "mark_paid": Decision(
        _("Mark as paid"),
        microgrant_mark_paid,
        _("marked as paid."),
        (Status.LETTER_ACCEPTED,),
        {"paid_on": "paid_on", "payment_reference": "reference"},
        style="default",
    ),
    "accept_report": Decision(
        _("Accept the report: close"),
        microgrant_accept_report,
        _("report accepted; the grant is closed."),
        (Status.REPORT_SUBMITTED,),
        {},
        style="default",
    ),
    "return_report": Decision(
        _("Return the report for changes"),
        microgrant_return_report,
        _("report returned for changes."),
        (Status.REPORT_SUBMITTED,),
        {"note": "note"},
    ),
}


@admin.register(MicrograntRequest)
class MicrograntRequestAdmin(WorkflowServicesMixin, CheckedActionSelectionMixin, admin.ModelAdmin):
    workflow_object = "grant"
    workflow_refusal = MicrograntError

    list_display = (
        "title",
        "group",
        "amount_display",
        "status",
        "age",
        "decision_due",
        "group_this_year",
        "submitted_at",
    )
    list_filter = ("status", "group", "currency", SubmittedYearFilter)
    search_fields = ("title", "group__name_en", "group__name_nl", "requested_by__email")
    list_select_related = ("group",)
    # Oldest first: the queue. Drafts, never submitted, come last.
    ordering = (F("submitted_at").asc(nulls_last=True),)
    inlines = (BudgetLineInline, ApprovalInline, EventInline, FileInline)
    actions = ("start_review",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    "group",
                    "requested_by",
                    "status",
                    "language",
                    "submitted_at",
                    "updated_at",
                )
            },
        ),
        (
            _("The project"),
            {"fields": ("activity_kind", "description", "deliverables", "start_date", "end_date")},
        ),
        (
            _("Money"),
            {
                "fields": (
                    "currency",
                    "amount_requested",
                    "amount_approved",
                    "payment_method",
                    "payee_details",
                )
            },
        ),
        (
            _("Letter and payment"),
            {
                "fields": (
                    "letter_accepted_name",
                    "letter_accepted_at",
                    "paid_on",
                    "payment_reference",
                )
            },
        ),
        (
            _("Report"),
            {
                "fields": (
                    "report_due_on",
                    "report_done",
                    "report_numbers",
                    "report_learnings",
                    "report_submitted_at",
                )
            },
        ),
    )
    # Everything: statuses and amounts change only through the review buttons.
    readonly_fields = tuple(field for _name, options in fieldsets for field in options["fields"])
    change_form_template = "admin/microgrants/micrograntrequest/change_form.html"
    change_list_template = "admin/microgrants/micrograntrequest/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                group_requested_total=group_total_this_year("amount_requested", REQUESTED),
                group_approved_total=group_total_this_year("amount_approved", APPROVED),
            )
        )

    @admin.display(description=_("amount"), ordering="amount_requested")
    def amount_display(self, grant):
        return grant.amount_display()

    @admin.display(description=_("age"), ordering="submitted_at")
    def age(self, grant):
        if grant.submitted_at is None:
            return "–"
        days = (timezone.now() - grant.submitted_at).days
        return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}

    @admin.display(description=_("decision due"), boolean=True)
    def decision_due(self, grant):
        return grant.decision_is_due

    @admin.display(
        description=_("group this year: requested / approved"), ordering="group_requested_total"
    )
    def group_this_year(self, grant):
        requested = money(grant.currency, grant.group_requested_total)
        return f"{requested} / {grant.group_approved_total:,.2f}"

    @admin.display(description=_("report due"))
    def report_due_on(self, grant):
        return grant.report_due_on

    @admin.action(description=_("Start the review"), permissions=("change",))
    def start_review(self, request, queryset):
        self.run(request, queryset, microgrant_start_review, _("review started."))

    def get_urls(self):
        return [
            path(
                "<int:pk>/review/",
                self.admin_site.admin_view(self.review_view),
                name="microgrants_micrograntrequest_review",
            ),
            path(
                "<int:pk>/files/<int:file_pk>/",
                self.admin_site.admin_view(self.file_view),
                name="microgrants_micrograntrequest_file",
            ),
            path(
                "budget/",
                self.admin_site.admin_view(self.budget_view),
                name="microgrants_micrograntrequest_budget",
            ),
            path(
                "budget/csv/",
                self.admin_site.admin_view(self.budget_csv_view),
                name="microgrants_micrograntrequest_budget_csv",
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
        if obj is not None and self.has_change_permission(request, obj):
            offered = [(name, d) for name, d in DECISIONS.items() if obj.status in d.offered_at]
            fields_used = {field for _name, decision in offered for field in decision.arguments}
            review_form = ReviewForm(
                initial={
                    "amount": obj.amount_requested,
                    "paid_on": timezone.localdate(),
                    "edit_version": obj.version,
                    "edit_seen": seen_token(obj),
                }
            )
            review_form.fields = {
                name: field
                for name, field in review_form.fields.items()
                if name in fields_used or name in ReviewForm.ALWAYS
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
                % {"status": grant.get_status_display().lower(), "decision": decision.label},
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
            arguments["seen"] = form.seen()
            self.run(request, [grant], decision.service, decision.success, **arguments)
        return redirect("admin:microgrants_micrograntrequest_change", grant.pk)

    def file_view(self, request, pk, file_pk):
        """A receipt or report attachment, for the oversight team only."""
        attachment = get_object_or_404(
            MicrograntFile.objects.select_related("request"), pk=file_pk, request_id=pk
        )
        if not self.has_view_permission(request, attachment.request):
            raise PermissionDenied
        return private_attachment(
            attachment.file, filename=attachment.original_name, content_type=attachment.content_type
        )

    def budget_view(self, request):
        return admin_views.budget(request, model_admin=self)

    def budget_csv_view(self, request):
        return admin_views.budget_csv(request, model_admin=self)
