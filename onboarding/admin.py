"""The setup guide, editable without a deploy, and the review of applications."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from common.admin import (
    CappedInlineMixin,
    CheckedActionSelectionMixin,
    ReadOnlyInline,
    StatusHistoryInline,
    WorkflowServicesMixin,
    person_display,
)
from common.fields import help_text_with_limit_lazy
from common.validators import validate_multiline_text
from common.workflow import NOTE_MAX_LENGTH, Party
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


class ReviewForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        validators=[validate_multiline_text],
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=help_text_with_limit_lazy(
            _("Required to ask for more information or to reject."), NOTE_MAX_LENGTH
        ),
    )
    coach = forms.ModelChoiceField(
        label=_("Coach"),
        queryset=OversightTeamMember.objects.filter(is_active=True),
        required=False,
        help_text=_("When approving; you are the coach if you choose nobody."),
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
class GroupApplicationAdmin(WorkflowServicesMixin, CheckedActionSelectionMixin, admin.ModelAdmin):
    workflow_object = "application"
    workflow_refusal = OnboardingError

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
    change_form_template = "admin/onboarding/groupapplication/change_form.html"

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

    @admin.display(description=_("age"), ordering="submitted_at")
    def age(self, application):
        days = (timezone.now() - application.submitted_at).days
        return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}

    @admin.action(description=_("Start the review"), permissions=("change",))
    def start_review(self, request, queryset):
        self.run(request, queryset, application_start_review, _("review started."))

    @admin.action(description=_("Approve: found the group"), permissions=("change",))
    def approve(self, request, queryset):
        self.run(request, queryset, application_approve, _("approved; the group is founded."))

    @admin.action(
        description=_("Let a rejected applicant apply again now"), permissions=("change",)
    )
    def allow_reapply(self, request, queryset):
        self.run(request, queryset, application_allow_reapply, _("may apply again."))

    def get_urls(self):
        return [
            path(
                "<int:pk>/review/",
                self.admin_site.admin_view(self.review_view),
                name="onboarding_groupapplication_review",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            # Read, not changed: the review buttons are the page's only way to act.
            "title": capfirst(self.opts.verbose_name),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "review_form": ReviewForm(),
            # The team's moves from its status (onboarding/workflow.py), as buttons.
            "review_moves": APPLICATION.moves_from(application.status, by=Party.TEAM)
            if application is not None
            else [],
            "may_reopen": application is not None and application_may_reopen(application),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def review_view(self, request, pk):
        """The review buttons of the change page: one workflow service each."""
        application = get_object_or_404(GroupApplication, pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, application):
            raise PermissionDenied
        form = ReviewForm(request.POST)
        decision = request.POST.get("decision")
        if form.is_valid() and decision in REVIEW_DECISIONS:
            service, success = REVIEW_DECISIONS[decision]
            kwargs = {}
            if decision in ("request_info", "reject"):
                kwargs["message" if decision == "request_info" else "reason"] = form.cleaned_data[
                    "message"
                ]
            if decision == "approve":
                kwargs["coach"] = form.cleaned_data["coach"]
            self.run(request, [application], service, success, **kwargs)
        else:
            self.message_user(request, _("Choose a valid decision."), messages.ERROR)
        return redirect("admin:onboarding_groupapplication_change", application.pk)


REVIEW_DECISIONS = {
    "start_review": (application_start_review, _("review started.")),
    "request_info": (application_request_info, _("more information asked.")),
    "approve": (application_approve, _("approved; the group is founded.")),
    "reject": (application_reject, _("rejected.")),
    "allow_reapply": (application_allow_reapply, _("may apply again.")),
}


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
