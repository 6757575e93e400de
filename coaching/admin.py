"""The oversight team's coaching in the admin: check-ins with their agreed actions, the
actions and the activity reports as lists, the groups overview, the coaching panel on
each group's page, and the home tiles.

A check-in is recorded on one page: who took part, the notes, the next date (the
group's cadence unless changed), the actions agreed and the reports discussed. The
rules (who may take part or own an action, a report discussed once) are the services'.
"""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.team import oversight_team
from coaching import health, home_tiles
from coaching.admin_forms import (
    AgreedActionForm,
    CheckInForm,
    action_owners,
    group_of_the_page,
)
from coaching.models import (
    Activity,
    ActivityReport,
    ActivityReportEvent,
    AgreedAction,
    CheckIn,
    CheckInParticipant,
    GroupHealth,
)
from coaching.selectors import COACHED, with_health
from coaching.services import (
    CoachingError,
    action_mark_done,
    action_reopen,
    report_discuss,
)
from common.admin import (
    CappedInlineMixin,
    CheckedActionSelectionMixin,
    PeopleByNameMixin,
    ReadOnlyInline,
    RelatedOnlyOfTheRowsFilter,
    StatusHistoryInline,
    person_display,
)
from common.typography import labelled
from groups.admin_home import CoachedByMeFilter
from groups.models import NationalGroup
from onboarding import admin as onboarding_admin


class AgreedActionInline(PeopleByNameMixin, CappedInlineMixin, admin.TabularInline):
    model = AgreedAction
    form = AgreedActionForm
    extra = 2
    max_num = 30
    fields = ("description", "owner", "due_on", "done", "done_note", "done_by_display")
    readonly_fields = ("done_by_display",)

    done_by_display = person_display("done_by", _("marked done by"))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        group = group_of_the_page(request, obj)

        class WithTheGroup(formset):
            def get_form_kwargs(self, index):
                return {**super().get_form_kwargs(index), "group": group}

            @property
            def empty_form(self):
                form = self.form(
                    auto_id=self.auto_id,
                    prefix=self.add_prefix("__prefix__"),
                    empty_permitted=True,
                    use_required_attribute=False,
                    group=group,
                    renderer=self.renderer,
                )
                self.add_fields(form, None)
                return form

        return WithTheGroup


class CheckInsOfMyGroupsFilter(CoachedByMeFilter):
    group_field = "group"


@admin.register(CheckIn)
class CheckInAdmin(PeopleByNameMixin, CheckedActionSelectionMixin, admin.ModelAdmin):
    # Fifty rows a page, as the team's other lists (groups/admin.py says why).
    list_per_page = 50
    form = CheckInForm
    list_display = (
        "__str__",
        "group",
        "held_on",
        "coach_display",
        "next_check_in_on",
        "open_action_count",
    )
    list_filter = (CheckInsOfMyGroupsFilter, ("coach", RelatedOnlyOfTheRowsFilter))
    search_fields = ("group__name", "group__slug", "notes")
    date_hierarchy = "held_on"
    list_select_related = ("group", "coach")
    autocomplete_fields = ("group",)
    inlines = (AgreedActionInline,)
    fields = (
        "group",
        "held_on",
        "coach",
        "organizers",
        "notes",
        "next_check_in_on",
        "reports_discussed",
    )

    coach_display = person_display("coach", _("coach"), ordering="coach__first_name")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(open_action_total=Count("actions", filter=Q(actions__done_at__isnull=True)))
        )

    @admin.display(description=_("open actions"), ordering="open_action_total")
    def open_action_count(self, check_in):
        return check_in.open_action_total

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        group = group_of_the_page(request, obj)

        class WithTheGroup(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, group=group, **kwargs)

        return WithTheGroup

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("coach", request.user.pk)
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "coach":
            kwargs["queryset"] = oversight_team().order_by("first_name", "email")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    @transaction.atomic
    def save_related(self, request, form, formsets, change):
        """Who took part and the reports discussed through the check-in's own rows and
        the services; the actions marked done or open again through theirs."""
        check_in = form.instance
        chosen = {user.pk for user in form.cleaned_data.get("organizers") or []}
        present = set(check_in.participants.values_list("user_id", flat=True))
        check_in.participants.filter(user_id__in=present - chosen).delete()
        CheckInParticipant.objects.bulk_create(
            CheckInParticipant(check_in=check_in, user_id=user_id) for user_id in chosen - present
        )
        for report in form.cleaned_data.get("reports_discussed") or []:
            if report.discussed_in_id == check_in.pk:
                continue
            try:
                report_discuss(report=report, check_in=check_in, actor=request.user)
            except CoachingError as refusal:
                self.message_user(request, labelled(report, refusal), messages.ERROR)
        super().save_related(request, form, formsets, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not AgreedAction:
            return super().save_formset(request, form, formset, change)
        instances = formset.save()
        for action_form in formset.forms:
            action = action_form.instance
            if action.pk is None or action_form in formset.deleted_forms:
                continue
            wants_done = action_form.cleaned_data.get("done", False)
            if wants_done and not action.is_done:
                action_mark_done(
                    action=action,
                    by=request.user,
                    note=action_form.cleaned_data.get("done_note", ""),
                )
            elif not wants_done and action.is_done:
                action_reopen(action=action, by=request.user)
        return instances


@admin.register(AgreedAction)
class AgreedActionAdmin(PeopleByNameMixin, CheckedActionSelectionMixin, admin.ModelAdmin):
    # Fifty rows a page, as the team's other lists (groups/admin.py says why).
    list_per_page = 50
    list_display = ("description", "group", "owner_display", "due_on", "state", "check_in_link")
    list_filter = (home_tiles.ActionStateFilter, home_tiles.ActionsOfMyGroupsFilter)
    search_fields = ("description", "check_in__group__name", "owner__email")
    list_select_related = ("check_in__group", "owner")
    readonly_fields = ("check_in_link", "done_at", "done_by_display")
    fields = (
        "check_in_link",
        "description",
        "owner",
        "due_on",
        "done_at",
        "done_by_display",
        "done_note",
    )

    owner_display = person_display("owner", _("owner"), ordering="owner__first_name")
    done_by_display = person_display("done_by", _("marked done by"))

    def has_add_permission(self, request):
        # Agreed at a check-in, so added on its page.
        return False

    @admin.display(description=_("national group"), ordering="check_in__group__name")
    def group(self, action):
        return action.check_in.group

    @admin.display(description=_("state"))
    def state(self, action):
        if action.is_done:
            return _("done")
        return _("overdue") if action.is_overdue else _("open")

    @admin.display(description=_("check-in"))
    def check_in_link(self, action):
        url = reverse("admin:coaching_checkin_change", args=[action.check_in_id])
        return format_html('<a href="{}">{}</a>', url, action.check_in)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        owner = form.base_fields.get("owner")
        if owner is not None and obj is not None:
            owner.queryset = action_owners(obj.check_in.group)
        return form


class ActivityInline(ReadOnlyInline):
    model = Activity
    fields = ("kind", "count", "description", "link")


class ActivityReportEventInline(StatusHistoryInline):
    model = ActivityReportEvent


@admin.register(ActivityReport)
class ActivityReportAdmin(PeopleByNameMixin, CheckedActionSelectionMixin, admin.ModelAdmin):
    # Fifty rows a page, as the team's other lists (groups/admin.py says why).
    list_per_page = 50
    list_display = ("__str__", "group", "period_start", "status", "submitted_at", "discussed_in")
    list_filter = (
        "status",
        home_tiles.ReportWaitingFilter,
        home_tiles.ReportsOfMyGroupsFilter,
        ("group", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("group__name", "group__slug")
    list_select_related = ("group", "discussed_in__group")
    inlines = (ActivityInline, ActivityReportEventInline)
    fields = (
        "group",
        "period_start",
        "period_end",
        "status",
        "written_by_display",
        "submitted_at",
        "discussed_in",
        "people_involved",
        "went_well",
        "was_hard",
        "plans",
        "needs",
        "publish_activities",
    )

    written_by_display = person_display("written_by", _("written by"))

    def get_readonly_fields(self, request, obj=None):
        # The group's own words: the team reads them, and marks a report discussed from
        # the check-in where they talked about it.
        return self.fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GroupHealth)
class GroupHealthAdmin(admin.ModelAdmin):
    """The groups overview: one row per group, its signals as facts, sortable, filtered
    by coach, status and what needs the team; every row costs nothing more than the
    one query (coaching.selectors.with_health)."""

    list_per_page = 50
    list_display = (
        "group_link",
        "status",
        "coach_display",
        *(f"signal_{index}" for index in range(len(health.SIGNALS))),
    )
    list_display_links = None
    list_filter = (
        "status",
        ("coach", RelatedOnlyOfTheRowsFilter),
        home_tiles.GroupNeedsFilter,
        CoachedByMeFilter,
    )
    search_fields = ("name", "slug", "country")
    list_select_related = ("coach__user",)
    show_full_result_count = False

    def get_queryset(self, request):
        return with_health(super().get_queryset(request))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(
            request, {"title": _("Groups overview"), **(extra_context or {})}
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A row's page is its group's page, which carries the same signals."""
        return redirect("admin:groups_nationalgroup_change", object_id)

    @admin.display(description=_("national group"), ordering="name")
    def group_link(self, group):
        url = reverse("admin:groups_nationalgroup_change", args=[group.pk])
        return format_html('<a href="{}">{}</a>', url, group.name)

    @admin.display(description=_("coach"), ordering="coach__display_name")
    def coach_display(self, group):
        return str(group.coach) if group.coach else "–"


def signal_column(index: int):
    label, words, ordering = health.SIGNALS[index]

    @admin.display(description=label, ordering=ordering)
    def column(model_admin, group):
        return words(group)

    return column


for _index in range(len(health.SIGNALS)):
    setattr(GroupHealthAdmin, f"signal_{_index}", signal_column(_index))


class NationalGroupAdmin(onboarding_admin.NationalGroupAdmin):
    """Onboarding's group admin, with the coaching panel at the top of the page: the
    group's health, its open actions and its check-ins, newest first (coaching is
    above the groups and onboarding apps, so it adds this rather than being imported)."""

    readonly_fields = (*onboarding_admin.NationalGroupAdmin.readonly_fields, "coaching_panel")
    fieldsets = (
        (_("Coaching"), {"fields": ("coaching_panel",)}),
        *onboarding_admin.NationalGroupAdmin.fieldsets,
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return [fieldset for fieldset in fieldsets if fieldset[0] != _("Coaching")]
        return fieldsets

    @admin.display(description=_("coaching"))
    def coaching_panel(self, group):
        if group.pk is None:
            return "–"
        with_signals = with_health(NationalGroup.objects.filter(pk=group.pk)).get()
        check_ins = list(
            group.check_ins.newest_first()
            .select_related("coach")
            .annotate(action_total=Count("actions"))[:20]
        )
        return render_to_string(
            "admin/coaching/group_panel.html",
            {
                "group": group,
                "signals": [(label, words(with_signals)) for label, words, _o in health.SIGNALS],
                "actions": AgreedAction.objects.of_group(group)
                .open()
                .select_related("owner")
                .order_by("due_on", "pk"),
                "check_ins": check_ins,
                "coached": group.status in COACHED,
                "record_url": reverse("admin:coaching_checkin_add") + f"?group={group.pk}",
                "reports_url": reverse("admin:coaching_activityreport_changelist")
                + f"?group__id__exact={group.pk}",
            },
        )


admin.site.unregister(NationalGroup)
admin.site.register(NationalGroup, NationalGroupAdmin)

# What needs the team today, on the admin's home page (groups/admin_home.py).
admin.site.register_tile(*home_tiles.TILES)
