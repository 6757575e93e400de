"""The setup guide, editable without a deploy, and the review of applications."""

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import Count
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from common.admin import (
    CappedInlineMixin,
    CheckedActionSelectionMixin,
    ReadOnlyInline,
    StatusHistoryInline,
    person_display,
)
from common.review import Decision, ReviewForm, ReviewMixin, decisions, note_field
from groups import admin as groups_admin
from groups.directory import translated
from groups.models import NationalGroup, OversightTeamMember
from onboarding import home_tiles
from onboarding.checklist import setup_progress
from onboarding.models import (
    ApplicationEvent,
    ChecklistTick,
    GroupApplication,
    SetupStep,
    SetupSubStep,
)
from onboarding.services import (
    OnboardingError,
    application_allow_reapply,
    application_approve,
    application_may_reopen,
    application_reject,
    application_request_info,
    application_start_review,
)
from onboarding.workflow import APPLICATION


class SetupSubStepInline(CappedInlineMixin, TranslationStackedInline):
    model = SetupSubStep
    fields = ("number", "text")
    extra = 0
    max_num = 30


@admin.register(SetupStep)
class SetupStepAdmin(CheckedActionSelectionMixin, TabbedTranslationAdmin):
    list_display = ("number", "title", "sub_step_count")
    list_display_links = ("number", "title")
    search_fields = (*translated("title"), *translated("body"))
    inlines = (SetupSubStepInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(sub_step_total=Count("sub_steps"))

    @admin.display(description=_("sub-steps"), ordering="sub_step_total")
    def sub_step_count(self, step):
        return step.sub_step_total


class ApplicationEventInline(StatusHistoryInline):
    """The application's history: appended by the workflow, never edited."""

    model = ApplicationEvent


class ApplicationReviewForm(ReviewForm):
    """What a reviewer may type beside a decision on an application."""

    note = note_field(
        _("Message to the applicant"), _("Required to ask for more information or to reject.")
    )
    coach = forms.ModelChoiceField(
        label=_("Coach"),
        queryset=OversightTeamMember.objects.filter(is_active=True),
        required=False,
        help_text=_("When approving; you are the coach if you choose nobody."),
    )


DECISIONS = decisions(
    APPLICATION,
    Decision("start_review", application_start_review, _("review started.")),
    Decision(
        "request_info",
        application_request_info,
        _("more information asked."),
        {"note": "message"},
    ),
    Decision(
        "approve",
        application_approve,
        _("approved; the group is founded."),
        {"coach": "coach"},
        style="default",
    ),
    Decision("reject", application_reject, _("rejected."), {"note": "reason"}, style="deletelink"),
    # No move: a rejected application stays rejected, and its applicant may apply again.
    Decision(
        "allow_reapply",
        application_allow_reapply,
        _("may apply again."),
        label=_("Let them apply again now"),
    ),
)


# The apply form's fields whose label speaks to the applicant ("your #project post"):
# the admin shows each through a column of its own, named for the team.
FOR_THE_TEAM = {
    "discord_project_url": "project_post",
    "plans": "plans_display",
    "co_organizer_emails": "co_organizers",
    "existing_presence": "existing_presence_display",
    "applicant_role": "applicants_role",
}


@admin.register(GroupApplication)
class GroupApplicationAdmin(ReviewMixin, CheckedActionSelectionMixin, admin.ModelAdmin):
    workflow_object = "application"
    workflow_refusal = OnboardingError
    review_form = ApplicationReviewForm
    review_decisions = DECISIONS

    list_display = (
        "proposed_name",
        "country",
        "applicant_display",
        "status",
        "age",
        "submitted_at",
        "national_group",
    )
    list_filter = ("status", home_tiles.ApplicationWaitingForFilter, "country")
    search_fields = ("proposed_name", "applicant__email", "applicant__first_name", "country")
    list_select_related = ("applicant", "national_group")
    ordering = ("submitted_at",)
    inlines = (ApplicationEventInline,)
    # The application as the team reads it: nothing here is edited (the applicant wrote
    # it; statuses change by the review buttons), and the fields the applicant filled in
    # are named for the team, not in the apply form's words to the applicant.
    fields = (
        "applicant_display",
        *(FOR_THE_TEAM.get(name, name) for name in GroupApplication.APPLICANT_FIELDS),
        "language",
        "status",
        "national_group",
        "may_reapply",
        "submitted_at",
        "updated_at",
    )
    readonly_fields = fields
    actions = ("start_review", "approve", "allow_reapply")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    applicant_display = person_display("applicant", _("applicant"), ordering="applicant__email")

    @admin.display(description=_("#project post in the PauseAI Discord"))
    def project_post(self, application):
        return format_html(
            '<a href="{0}" rel="noopener noreferrer">{0}</a>', application.discord_project_url
        )

    @admin.display(description=_("plans"))
    def plans_display(self, application):
        return application.plans

    @admin.display(description=_("co-organizers to invite"))
    def co_organizers(self, application):
        return application.co_organizer_emails or self.get_empty_value_display()

    @admin.display(description=_("what already exists"))
    def existing_presence_display(self, application):
        return application.existing_presence or self.get_empty_value_display()

    @admin.display(description=_("the applicant's role"))
    def applicants_role(self, application):
        return application.applicant_role

    @admin.action(description=_("Approve: found the group"), permissions=("change",))
    def approve(self, request, queryset):
        self.decide(request, queryset, DECISIONS["approve"])

    @admin.action(
        description=_("Let a rejected applicant apply again now"), permissions=("change",)
    )
    def allow_reapply(self, request, queryset):
        self.decide(request, queryset, DECISIONS["allow_reapply"])

    def offered_decisions(self, application):
        offered = super().offered_decisions(application)
        if application_may_reopen(application):
            offered.append(DECISIONS["allow_reapply"])
        return offered

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Read, not changed: the page is named for the application, not "Change …".
        extra_context = {**(extra_context or {}), "title": capfirst(self.opts.verbose_name)}
        return super().change_view(request, object_id, form_url, extra_context)


class ChecklistTickInline(ReadOnlyInline):
    """What the group ticked in its setup checklist, by whom and when."""

    model = ChecklistTick
    fields = ("step", "sub_step", "evidence", "ticked_by_display", "ticked_at")
    verbose_name_plural = _("setup checklist")

    ticked_by_display = person_display("ticked_by", _("ticked by"))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("step", "sub_step", "ticked_by")


class NationalGroupChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        # Two queries for the whole page, not two per group.
        progress = setup_progress([group.pk for group in self.result_list])
        for group in self.result_list:
            group.setup_progress = progress[group.pk]


def _after(items, anchor, new):
    """items with new inserted right after anchor."""
    at = items.index(anchor) + 1
    return (*items[:at], new, *items[at:])


PROGRESS = "setup_progress_display"


def _with_progress_after_status(fieldsets):
    """The group's fieldsets with the setup progress after the status (first fieldset)."""
    (name, options), *others = fieldsets
    return ((name, {**options, "fields": _after(options["fields"], "status", PROGRESS)}), *others)


class NationalGroupAdmin(groups_admin.NationalGroupAdmin):
    """The groups app's admin, with the setup progress beside the status and the
    checklist among the inlines: the checklist is onboarding's, so it is added here
    rather than imported by the groups app."""

    list_display = _after(groups_admin.NationalGroupAdmin.list_display, "status", PROGRESS)
    list_filter = (*groups_admin.NationalGroupAdmin.list_filter, home_tiles.ChecklistFilter)
    readonly_fields = (*groups_admin.NationalGroupAdmin.readonly_fields, PROGRESS)
    inlines = _after(
        groups_admin.NationalGroupAdmin.inlines,
        groups_admin.LocalCommunityInline,
        ChecklistTickInline,
    )
    fieldsets = _with_progress_after_status(groups_admin.NationalGroupAdmin.fieldsets)

    def get_changelist(self, request, **kwargs):
        return NationalGroupChangeList

    @admin.display(description=_("setup steps done"))
    def setup_progress_display(self, group):
        if group.pk is None:
            return "–"
        progress = getattr(group, "setup_progress", None) or setup_progress([group.pk])[group.pk]
        return _("%(done)d of %(total)d") % {"done": progress.done, "total": progress.total}


admin.site.unregister(NationalGroup)
admin.site.register(NationalGroup, NationalGroupAdmin)


# What needs the team today, on the admin's home page (groups/admin_home.py).
admin.site.register_tile(*home_tiles.TILES)
