"""The oversight team's daily tool: groups, communities and the team itself."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from common.admin import (
    CappedInlineMixin,
    CheckedActionSelectionMixin,
    DeletesReplacedFilesMixin,
    PeopleByNameMixin,
    ReadOnlyInline,
    person_display,
)
from common.names import person
from common.versioning import VersionedAdminMixin
from groups import admin_home, home_tiles
from groups.admin_home import CoachedByMeFilter
from groups.directory import country_choices, translated
from groups.edits import in_words
from groups.map_background import with_map_background
from groups.models import (
    CommunityMembership,
    GroupEdit,
    Invitation,
    Link,
    LocalCommunity,
    Membership,
    NationalGroup,
    OversightTeamMember,
)
from groups.services import (
    LAST_NATIONAL_LEAD,
    GroupError,
    community_organizer_remove,
    national_group_activate,
)


class CoordinatePickerMixin:
    """A change form with a map to click the position on: its tiles may load."""

    @method_decorator(with_map_background)
    def changeform_view(self, *args, **kwargs):
        return super().changeform_view(*args, **kwargs)


class GroupLinkInline(CappedInlineMixin, admin.TabularInline):
    model = Link
    fk_name = "national_group"
    fields = ("kind", "url", "is_private")
    extra = 0
    max_num = len(Link.Kind)


class CommunityLinkInline(GroupLinkInline):
    fk_name = "community"


class MembershipInlineFormSet(BaseInlineFormSet):
    """The oversight team may change anyone's role, but a group that has a national lead
    keeps one, as on the organizers' own pages."""

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.pk is None:
            return
        had_one = self.instance.memberships.filter(role=Membership.Role.NATIONAL_LEAD).exists()
        keeps_one = any(
            form.cleaned_data.get("role") == Membership.Role.NATIONAL_LEAD
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        )
        if had_one and not keeps_one:
            raise ValidationError(LAST_NATIONAL_LEAD)


class PublicNameShownSelect(forms.NullBooleanSelect):
    """Not chosen, shown or hidden, in the rule's own words."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [
            ("unknown", _("As the role has it")),
            ("true", _("Shown")),
            ("false", _("Hidden")),
        ]


class MembershipAdminForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = "__all__"
        widgets = {"public_name_shown": PublicNameShownSelect}


class MembershipInline(PeopleByNameMixin, CappedInlineMixin, admin.TabularInline):
    model = Membership
    form = MembershipAdminForm
    formset = MembershipInlineFormSet
    max_num = 100
    fields = ("user", "role", "public_name", "public_name_shown", "joined_on")
    readonly_fields = ("joined_on",)
    autocomplete_fields = ("user",)
    extra = 0


class CommunityOrganizerInline(CappedInlineMixin, admin.TabularInline):
    """A community's own organizers: the team corrects a public name or removes someone
    (recorded among the group's changes, as on the leads' pages); people join only by
    invitation, so none is added here."""

    model = CommunityMembership
    fields = ("organizer", "public_name", "public_name_shown", "joined_on")
    readonly_fields = ("organizer", "joined_on")
    extra = 0

    organizer = person_display("user", _("organizer"))

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class LocalCommunityInline(ReadOnlyInline):
    """The group's communities at a glance; each is changed on its own page (the link), so
    a group with hundreds of them keeps a light page and one version per community."""

    model = LocalCommunity
    fields = ("name", "city", "country", "status", "latitude", "longitude", "contact_email")
    show_change_link = True


class InvitationInline(ReadOnlyInline):
    model = Invitation
    fields = (
        "email",
        "role",
        "community",
        "invited_by_display",
        "created_at",
        "accepted_by_display",
        "accepted_at",
    )

    invited_by_display = person_display("invited_by", _("invited by"))
    accepted_by_display = person_display("accepted_by", _("accepted by"))

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("community", "invited_by", "accepted_by")
        )


class GroupEditInline(ReadOnlyInline):
    """Who changed what on the organizers' pages, newest first."""

    model = GroupEdit
    fields = ("created_at", "editor_display", "change_in_words")
    readonly_fields = fields

    editor_display = person_display("editor", _("by"))

    @admin.display(description=_("change"))
    def change_in_words(self, edit):
        return in_words(edit)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("editor")


# onboarding/admin.py registers this admin again with the group's setup progress
# (a column, a field and the checklist inline): the checklist is onboarding's.
class CountryInUseFilter(admin.SimpleListFilter):
    """The countries that have a row, by name in the admin's language: one query."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        return country_choices(model_admin.get_queryset(request))

    def queryset(self, request, queryset):
        return queryset.filter(country=self.value()) if self.value() else queryset


@admin.register(NationalGroup)
class NationalGroupAdmin(
    CoordinatePickerMixin,
    VersionedAdminMixin,
    CheckedActionSelectionMixin,
    DeletesReplacedFilesMixin,
    TabbedTranslationAdmin,
):
    # Fifty rows a page (Django's default is 100): the admin builds every row's cells
    # in Python, and at 500 groups or 5,000 communities half a page is half the wait.
    list_per_page = 50
    list_display = (
        "name",
        "country_with_flag",
        "status",
        "coach",
        "public_email",
        "active_community_count",
        "organizer_count",
        "founded_on",
    )
    # The countries that have a group, not all 250 (which made half the page's time).
    # The last two are the home page tiles' links.
    list_filter = (
        "status",
        CountryInUseFilter,
        "coach",
        home_tiles.GroupNeedsFilter,
        CoachedByMeFilter,
    )
    # "12 results (500 total)" costs a second count of every group; the filtered count
    # alone leaves the query for the country filter's choices within the page's ten.
    show_full_result_count = False
    search_fields = (*translated("name"), "slug", "public_email", "country")
    # The coach is named by their account (OversightTeamMember's str()).
    list_select_related = ("coach__user",)
    autocomplete_fields = ("coach",)
    prepopulated_fields = {"slug": ("name_en",)}
    readonly_fields = ("created_at", "updated_at")
    inlines = (
        MembershipInline,
        GroupLinkInline,
        LocalCommunityInline,
        InvitationInline,
        GroupEditInline,
    )
    actions = ("activate",)

    # A map under the position: click to set it (admin/groups/nationalgroup/change_form.html).
    class Media:
        css = {"all": ("vendor/leaflet/leaflet.css", "css/coordinate-picker.css")}
        js = ("vendor/leaflet/leaflet.js", "js/map-background.js", "js/coordinate-picker.js")

    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "slug",
                    "country",
                    "status",
                    "founded_on",
                    "coach",
                )
            },
        ),
        (_("Public profile"), {"fields": ("description", "public_email", "logo")}),
        (
            _("On the map"),
            {
                "fields": ("latitude", "longitude", "country_local", "map_name"),
                "description": _(
                    "Where the group's ring sits on the communities map and on the PauseAI "
                    "website's map; without a position it sits amid its communities."
                ),
            },
        ),
        (_("Legal entity"), {"fields": ("legal_entity_name", "legal_entity_registration_number")}),
        (
            _("Oversight team only"),
            {"fields": ("internal_notes", "created_at", "updated_at")},
        ),
    )

    def get_queryset(self, request):
        # Counted in the changelist query itself, so the page costs the same
        # number of queries for 3 groups or 300.
        return (
            super()
            .get_queryset(request)
            .annotate(
                active_community_total=Count(
                    "communities",
                    filter=Q(communities__status=LocalCommunity.Status.ACTIVE),
                    distinct=True,
                ),
                organizer_total=Count("memberships", distinct=True),
            )
        )

    @admin.action(description=_("Activate: show in the public directory"), permissions=("change",))
    def activate(self, request, queryset):
        for group in queryset:
            try:
                national_group_activate(group=group, actor=request.user)
            except GroupError as refusal:
                self.message_user(request, f"{group}: {refusal}", messages.ERROR)
            else:
                self.log_change(request, group, [{"changed": {"fields": ["status"]}}])
                self.message_user(request, _("%(group)s is active.") % {"group": group})

    @admin.display(description=_("country"), ordering="country")
    def country_with_flag(self, group):
        return format_html(
            '<img src="{}" alt="" width="16" height="11"> {}',
            group.country.flag,
            group.country.name,
        )

    @admin.display(description=_("communities"), ordering="active_community_total")
    def active_community_count(self, group):
        return group.active_community_total

    @admin.display(description=_("organizers"), ordering="organizer_total")
    def organizer_count(self, group):
        return group.organizer_total


@admin.register(LocalCommunity)
class LocalCommunityAdmin(
    CoordinatePickerMixin, VersionedAdminMixin, CheckedActionSelectionMixin, admin.ModelAdmin
):
    # Fifty rows a page (Django's default is 100): the admin builds every row's cells
    # in Python, and at 500 groups or 5,000 communities half a page is half the wait.
    list_per_page = 50
    list_display = (
        "name",
        "city",
        "country_name",
        "national_group",
        "kind",
        "status",
        "has_coordinates",
    )
    # Only the groups that coordinate communities, not all 500 with the dissolved; no
    # country filter (the search finds a country by its name, as for groups).
    list_filter = ("status", "kind", ("national_group", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "city", "country")
    list_select_related = ("national_group",)
    autocomplete_fields = ("national_group",)
    readonly_fields = ("created_at", "updated_at")
    inlines = (CommunityOrganizerInline, CommunityLinkInline)
    fieldsets = (
        (None, {"fields": ("name", "kind", "city", "country", "national_group", "status")}),
        (_("Location"), {"fields": ("latitude", "longitude")}),
        (_("Contact"), {"fields": ("contact_email", "created_at", "updated_at")}),
    )

    # A map under the coordinates: click to set them (admin/groups/localcommunity/change_form.html).
    class Media:
        css = {"all": ("vendor/leaflet/leaflet.css", "css/coordinate-picker.css")}
        js = ("vendor/leaflet/leaflet.js", "js/map-background.js", "js/coordinate-picker.js")

    # Not the field itself: the admin would look its value up in the 250 countries'
    # choices for every row (a third of the page's time at 100 rows).
    @admin.display(description=_("country"), ordering="country")
    def country_name(self, community):
        return community.country.name

    def save_formset(self, request, form, formset, change):
        """An organizer removed here goes through the service, which records it among the
        group's changes; the rest is saved as the admin saves it."""
        if formset.model is not CommunityMembership:
            return super().save_formset(request, form, formset, change)
        for organizer in formset.save(commit=False):
            organizer.save()
        for organizer in formset.deleted_objects:
            try:
                community_organizer_remove(organizer=organizer, removed_by=request.user)
            except GroupError as refusal:
                self.message_user(request, f"{person(organizer.user)}: {refusal}", messages.ERROR)
        return None

    @admin.display(description=_("on the map"), boolean=True)
    def has_coordinates(self, community):
        return community.latitude is not None


@admin.register(OversightTeamMember)
class OversightTeamMemberAdmin(
    PeopleByNameMixin,
    CheckedActionSelectionMixin,
    DeletesReplacedFilesMixin,
    TabbedTranslationAdmin,
):
    list_display = (
        "display_name",
        "account",
        "title",
        "coached_group_count",
        "is_public",
        "is_active",
    )
    list_filter = ("is_active", "is_public")
    search_fields = ("display_name", "user__username", "user__email")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)

    account = person_display("user", _("user account"))

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(coached_group_total=Count("coached_groups"))

    @admin.display(description=_("coached groups"), ordering="coached_group_total")
    def coached_group_count(self, member):
        return member.coached_group_total


# The admin's home page (accounts/admin_site.py) is drawn by groups/admin_home.py; on
# it, what needs the team today in the groups.
admin.site.register_home_page(admin_home.home)
admin.site.register_tile(*home_tiles.TILES)
