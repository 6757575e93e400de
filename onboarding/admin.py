"""The setup guide, editable without a deploy, and the review of applications."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from common.admin import (
    CappedInlineMixin,
    CheckedActionSelectionMixin,
    ReadOnlyInline,
    WorkflowServicesMixin,
)
from common.validators import validate_multiline_text
from groups.models import OversightTeamMember
from onboarding.models import ApplicationEvent, GroupApplication, SetupStep, SetupSubStep
from onboarding.services import (
    OnboardingError,
    application_allow_reapply,
    application_approve,
    application_reject,
    application_request_info,
    application_start_review,
)


class SetupSubStepInline(CappedInlineMixin, TranslationStackedInline):
    model = SetupSubStep
    fields = ("number", "text")
    extra = 0
    max_num = 30


@admin.register(SetupStep)
class SetupStepAdmin(CheckedActionSelectionMixin, TabbedTranslationAdmin):
    list_display = ("number", "title", "sub_step_count")
    list_display_links = ("number", "title")
    search_fields = ("title_en", "title_nl", "body_en", "body_nl")
    inlines = (SetupSubStepInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(sub_step_total=Count("sub_steps"))

    @admin.display(description=_("sub-steps"), ordering="sub_step_total")
    def sub_step_count(self, step):
        return step.sub_step_total


class ApplicationEventInline(ReadOnlyInline):
    """The application's history: appended by the workflow, never edited."""

    model = ApplicationEvent
    fields = ("created_at", "actor", "from_status", "to_status", "note")


class ReviewForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        validators=[validate_multiline_text],
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Required to ask for more information or to reject."),
    )
    coach = forms.ModelChoiceField(
        label=_("Coach"),
        queryset=OversightTeamMember.objects.filter(is_active=True),
        required=False,
        help_text=_("When approving; you are the coach if you choose nobody."),
    )


@admin.register(GroupApplication)
class GroupApplicationAdmin(WorkflowServicesMixin, CheckedActionSelectionMixin, admin.ModelAdmin):
    workflow_object = "application"
    workflow_refusal = OnboardingError

    list_display = (
        "proposed_name",
        "country",
        "applicant",
        "status",
        "age",
        "submitted_at",
        "national_group",
    )
    list_filter = ("status", "country")
    search_fields = ("proposed_name", "applicant__email", "applicant__username", "country")
    list_select_related = ("applicant", "national_group")
    ordering = ("submitted_at",)
    inlines = (ApplicationEventInline,)
    readonly_fields = (
        "applicant",
        "country",
        "proposed_name",
        "discord_project_url",
        "plans",
        "co_organizer_emails",
        "existing_presence",
        "applicant_role",
        "agrees_to_strategy",
        "language",
        "status",
        "national_group",
        "may_reapply",
        "submitted_at",
        "updated_at",
    )
    actions = ("start_review", "approve", "allow_reapply")
    change_form_template = "admin/onboarding/groupapplication/change_form.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

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
        extra_context = {**(extra_context or {}), "review_form": ReviewForm()}
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
