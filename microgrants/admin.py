"""The oversight team's microgrant queue and review buttons.

Every status change goes through a service in microgrants.services; this module
only offers the buttons, passes on what the reviewer typed, and shows the
service's refusal as a message. The budget pages are in admin_views.py.
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from common.admin import (
    CheckedActionSelectionMixin,
    ReadOnlyInline,
    StatusHistoryInline,
    person_display,
)
from common.downloads import private_attachment
from common.money import format_money
from groups.directory import translated
from microgrants import admin_views, home_tiles
from microgrants.admin_views import year_from
from microgrants.models import (
    MicrograntApproval,
    MicrograntBudgetLine,
    MicrograntEvent,
    MicrograntFile,
    MicrograntRequest,
)
from microgrants.review_buttons import MicrograntReviewMixin
from microgrants.selectors import APPROVED, REQUESTED, group_total_this_year

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
    fields = ("item", "amount_display")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("request")

    @admin.display(description=_("amount"))
    def amount_display(self, line):
        return format_money(line.amount, line.request.currency)


class ApprovalInline(ReadOnlyInline):
    model = MicrograntApproval
    fields = ("created_at", "approver_display", "amount_display")

    approver_display = person_display("approver", _("approver"))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("approver", "request")

    @admin.display(description=_("amount approved"))
    def amount_display(self, approval):
        return format_money(approval.amount, approval.request.currency)


class EventInline(StatusHistoryInline):
    """The request's history, append-only."""

    model = MicrograntEvent


class FileInline(ReadOnlyInline):
    model = MicrograntFile
    fields = ("kind", "download", "content_type", "uploaded_by_display", "uploaded_at")

    uploaded_by_display = person_display("uploaded_by", _("uploaded by"))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    @admin.display(description=_("file"))
    def download(self, attachment):
        url = reverse(
            "admin:microgrants_micrograntrequest_file", args=[attachment.request_id, attachment.pk]
        )
        return format_html('<a href="{}">{}</a>', url, attachment.original_name)


@admin.register(MicrograntRequest)
class MicrograntRequestAdmin(MicrograntReviewMixin, CheckedActionSelectionMixin, admin.ModelAdmin):
    # Fifty rows a page (Django's default is 100): the admin builds every row's cells
    # in Python, and at 500 groups or 5,000 communities half a page is half the wait.
    list_per_page = 50
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
    # Only the groups that asked for a grant, not every group there is. The last three
    # are the home page tiles' links.
    list_filter = (
        "status",
        ("group", admin.RelatedOnlyFieldListFilter),
        "currency",
        SubmittedYearFilter,
        home_tiles.WaitingForFilter,
        home_tiles.GrantedFilter,
        home_tiles.OfMyGroupsFilter,
    )
    search_fields = ("title", *translated("group__name"), "requested_by__email")
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
                    "requested_by_display",
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
                    "requested",
                    "approved",
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
    change_list_template = "admin/microgrants/micrograntrequest/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    requested_by_display = person_display("requested_by", _("requested by"))

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
    def amount_display(self, microgrant):
        return microgrant.amount_display()

    @admin.display(description=_("decision due"), boolean=True)
    def decision_due(self, microgrant):
        return microgrant.decision_is_due

    @admin.display(description=_("amount requested"))
    def requested(self, microgrant):
        return format_money(microgrant.amount_requested, microgrant.currency)

    @admin.display(description=_("amount approved"))
    def approved(self, microgrant):
        if microgrant.amount_approved is None:
            return self.get_empty_value_display()
        return format_money(microgrant.amount_approved, microgrant.currency)

    @admin.display(
        description=_("group this year: requested / approved"), ordering="group_requested_total"
    )
    def group_this_year(self, microgrant):
        requested = format_money(microgrant.group_requested_total, microgrant.currency)
        approved = format_money(microgrant.group_approved_total, microgrant.currency)
        return f"{requested} / {approved}"

    @admin.display(description=_("report due"))
    def report_due_on(self, microgrant):
        # Written as the admin writes the other dates (a date returned is shown as
        # 2027-03-01).
        return date_format(microgrant.report_due_on)

    def get_urls(self):
        return [
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


# What needs the team today, on the admin's home page (groups/admin_home.py).
admin.site.register_tile(*home_tiles.TILES)
