"""Public pages (national groups with the setup guide, a group, communities) and the
organizers' own pages for their group."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView, TemplateView

from common.names import organizer_shown_as
from common.versioning import EditConflict
from groups.directory import (
    CommunityFilters,
    GroupFilters,
    active_language,
    country_choices,
    named_countries,
    translated,
)
from groups.edits import edits_in_words
from groups.forms import (
    CommunityForm,
    CommunityInvitationForm,
    CommunityLinkFormSet,
    CommunityProfileForm,
    CommunityPublicNameForm,
    GroupLinkFormSet,
    GroupProfileForm,
    InvitationForm,
    PublicNameForm,
    RoleForm,
)
from groups.listing import (
    GroupUrls,
    adjacent_items,
    communities_by_country,
    community_items,
    community_page,
    national_group_items,
    page_number,
)
from groups.models import Invitation, Link, LocalCommunity, Membership, NationalGroup
from groups.page_sections import dashboard, public_page
from groups.permissions import (
    CommunityAccess,
    can_see_group_private_data,
    community_for,
    grantable_roles,
    group_for,
    is_oversight_member,
    may_change_membership,
)
from groups.places import place_in
from groups.selectors import (
    invited_address_has_an_account,
    named_community_organizers,
    shown_coach,
)
from groups.services import (
    GroupError,
    community_invitation_create,
    community_organizer_public_name_save,
    community_organizer_remove,
    community_save,
    group_profile_save,
    invitation_accept,
    invitation_cancel,
    invitation_create,
    invitation_resend,
    membership_change_role,
    membership_public_name_save,
    membership_remove,
)


def home(request):
    return render(request, "groups/home.html")


class NationalGroupListView(ListView):
    """The page the product grew from: what a national group is, the groups, the guide.

    Active groups are listed, inactive ones apart and marked; both can be
    searched by name and country (in the visitor's language) and filtered.
    """

    template_name = "groups/national_group_list.html"
    context_object_name = "listed_groups"

    def get_queryset(self):
        self.filters = GroupFilters(self.request.GET)
        groups = NationalGroup.objects.public().order_by_country()
        if self.filters.status:
            groups = groups.filter(status=self.filters.status)
        return national_group_items(self.filters.apply(groups, text_fields=translated("name")))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = context["listed_groups"]
        active = [group for group in groups if group["status"] == NationalGroup.Status.ACTIVE]
        inactive = [group for group in groups if group["status"] == NationalGroup.Status.INACTIVE]
        # One loop in the template shows both lists, the inactive one only when it has groups.
        context["group_lists"] = [{"groups": active, "inactive": False}]
        if inactive:
            context["group_lists"].append({"groups": inactive, "inactive": True})
        context["filters"] = self.filters
        # Every country with a public group stays on offer; unfiltered, the page lists
        # them all already.
        context["country_choices"] = (
            country_choices(NationalGroup.objects.public())
            if self.filters.active
            else named_countries({group["country"] for group in groups})
        )
        return context


class NationalGroupDetailView(DetailView):
    template_name = "groups/national_group_detail.html"
    context_object_name = "national_group"

    def get_queryset(self):
        return NationalGroup.objects.select_related("coach")

    def get_object(self, queryset=None):
        group = super().get_object(queryset)
        self.shows_private_data = can_see_group_private_data(self.request.user, group)
        # Their own organizers and the oversight team may preview a group
        # that is not public (yet).
        if not group.has_public_page and not self.shows_private_data:
            raise Http404
        return group

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = self.object
        links = group.links.all()
        if not self.shows_private_data:
            links = links.filter(is_private=False)
        context["links"] = links
        context["shows_private_data"] = self.shows_private_data
        context["is_oversight_member"] = is_oversight_member(self.request.user)
        communities = community_items(list(group.communities.active().values("id", "name", "city")))
        organizers = named_community_organizers([community["id"] for community in communities])
        language = active_language()
        for community in communities:
            community["organizers"] = organizers.get(community["id"], [])
            community["name"] = place_in(language, community["name"])
            community["city"] = place_in(language, community["city"])
        context["communities"] = communities
        context["leads"] = group.memberships.public_leads()
        context["coach"] = shown_coach(group)
        # What the apps above add (a report's activities the group published):
        # groups/page_sections.py.
        context["sections"] = public_page.for_page(group)
        return context


class CommunityListView(TemplateView):
    """Local communities grouped by country, then by the national group that coordinates them,
    50 a page (?page=), then other organisations' communities, apart.

    Searchable by name, city, country and national group; inactive communities
    only when asked for, and then apart. The map loads its markers from the API's
    GeoJSON, with the same filters.
    """

    template_name = "groups/community_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = CommunityFilters(self.request.GET)
        page, rows = community_page(
            filters.communities(), page_number(self.request.GET.get("page", "1"))
        )
        pauseai = [row for row in rows if row["kind"] == LocalCommunity.Kind.PAUSEAI]
        context["page"] = page
        context["countries_with_communities"] = communities_by_country(pauseai)
        # Other organisations' communities come after PauseAI's, on the pages where
        # PauseAI's end.
        context["adjacent_communities"] = adjacent_items(
            [row for row in rows if row["kind"] == LocalCommunity.Kind.ADJACENT]
        )
        # Every country with communities stays on offer; unfiltered, the page's own
        # count by country has them already.
        context["country_choices"] = (
            country_choices(LocalCommunity.objects.public())
            if filters.active
            else named_countries(page.countries)
        )
        context["filters"] = filters
        context["selected_country"] = filters.country
        # Inactive communities are never on the map.
        context["shows_map"] = filters.status != LocalCommunity.Status.INACTIVE
        context["map_query"] = urlencode(
            {
                key: value
                for key, value in (
                    ("q", filters.text),
                    ("country", filters.country),
                    ("status", filters.status),
                    ("lang", get_language()),
                )
                if value
            }
        )
        context["map_texts"] = community_map_texts()
        return context


def community_map_texts() -> dict:
    """What the map's popups say around the GeoJSON's properties, in the page's language
    (static/js/communities-map.js fills in the names and numbers)."""
    return {
        "groupPage": _("The national group's page"),
        # With __slug__, which the script replaces by each community's group's slug.
        "groupUrl": GroupUrls().pattern,
        "coordinatedBy": _("Coordinated by %(group_name)s"),
        "coordinatedByGlobal": _("Coordinated by PauseAI Global"),
        "adjacent": _("A community of another organisation"),
        "linkKinds": dict(Link.Kind.choices),
        # By Intl.PluralRules' categories; the languages have one and other.
        "communitiesOnTheMap": {
            "one": ngettext(
                "%(count)d local community on the map", "%(count)d local communities on the map", 1
            ),
            "other": ngettext(
                "%(count)d local community on the map", "%(count)d local communities on the map", 2
            ),
        },
    }


@login_required
def group_manage(request, slug):
    """A group's own page for its organizers: profile, communities, people, recent edits."""
    return render_dashboard(request, group_for(request, slug, need="view"))


def render_dashboard(request, access, *, invitation_form=None, public_name_form=None, status=200):
    group, own = access.group, access.membership
    if own is not None and public_name_form is None:
        public_name_form = PublicNameForm(instance=own)
    roles = grantable_roles(request.user, group, membership=own) if own and own.manages else []
    memberships = list(group.memberships.select_related("user").by_role())
    may_manage = own is not None and own.manages
    for membership in memberships:
        membership.group = group
        membership.shown_as = organizer_shown_as(
            membership.user, public_name=membership.public_name, with_address=may_manage
        )
        membership.may_change = bool(roles) and membership.role in roles
        membership.role_form = RoleForm(initial={"role": membership.role}, roles=roles)
    return render(
        request,
        "groups/manage/dashboard.html",
        {
            "national_group": group,
            "may_manage": may_manage,
            "links": group.links.all(),
            "communities": group.communities.prefetch_related("links").order_by("status", "city"),
            "memberships": memberships,
            # A community's invitations are on its own page; expired ones too, to send
            # again or cancel.
            "invitations": group.invitations.open()
            .filter(community__isnull=True)
            .select_related("invited_by"),
            "edits": edits_in_words(group.edits.select_related("editor")[:20]),
            "invitation_form": invitation_form or InvitationForm(roles=roles),
            # The user's own membership as saved: the preview of how they are named.
            "own_membership": own,
            "public_name_form": public_name_form,
            # What the apps above add (the actions agreed with the oversight team, the
            # activity reports): groups/page_sections.py.
            "sections": dashboard.for_page(request, access),
        },
        status=status,
    )


def edit_page(
    request, *, form, links, save, saved: str, template: str, context: dict, done_url: str = ""
):
    """A group's edit page with its links: saved, back to the group's page (or `done_url`);
    refused as stale (409) with what changed, or invalid (400), the page again with what
    was typed."""
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid() and links.is_valid():
        try:
            save()
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(request, saved)
            return redirect(
                done_url or reverse("groups:group_manage", args=[context["national_group"].slug])
            )
    return render(request, template, {**context, "form": form, "links": links}, status=status)


@login_required
def group_profile_edit(request, slug):
    access = group_for(request, slug, need="manage")
    group = access.group
    form = GroupProfileForm(request.POST or None, request.FILES or None, instance=group)
    links = GroupLinkFormSet(request.POST or None, instance=group, prefix="links")
    return edit_page(
        request,
        form=form,
        links=links,
        save=lambda: group_profile_save(form=form, links=links, editor=request.user),
        saved=_("The group's profile is saved."),
        template="groups/manage/profile_form.html",
        context={"national_group": group},
    )


@login_required
def community_edit(request, slug, pk=None):
    """Add a local community to the group, or change one (including marking it inactive,
    which only the group's leads do; the community's own organizers change the rest)."""
    if pk is None:
        group = group_for(request, slug, need="manage").group
        community, form_class = None, CommunityForm
        back_url, back_label = reverse("groups:group_manage", args=[slug]), group.name
    else:
        access = community_for(request, slug, pk, need="edit")
        group, community = access.group, access.community
        form_class = CommunityForm if access.manages else CommunityProfileForm
        back_url, back_label = community_back(access)
    form = form_class(request.POST or None, instance=community, group=group)
    links = CommunityLinkFormSet(request.POST or None, instance=form.instance, prefix="links")
    return edit_page(
        request,
        form=form,
        links=links,
        save=lambda: community_save(group=group, form=form, links=links, editor=request.user),
        saved=_("The community is saved."),
        template="groups/manage/community_form.html",
        context={
            "national_group": group,
            "community": community,
            "back_url": back_url,
            "back_label": back_label,
        },
        done_url=back_url,
    )


def community_back(access: CommunityAccess) -> tuple[str, str]:
    """Where a community's edit page leads back to, and its name: its group's page for
    those who see it, else the community's own page."""
    if access.membership is not None or access.oversight:
        return reverse("groups:group_manage", args=[access.group.slug]), access.group.name
    url = reverse("groups:community_manage", args=[access.group.slug, access.community.pk])
    return url, access.community.name


@login_required
def community_manage(request, slug, pk):
    """A community's own page for its organizers: its profile, its organizers, their names."""
    return render_community_page(request, community_for(request, slug, pk, need="view"))


def render_community_page(
    request, access: CommunityAccess, *, invitation_form=None, public_name_form=None, status=200
):
    community, own = access.community, access.organizer
    if own is not None and public_name_form is None:
        public_name_form = CommunityPublicNameForm(instance=own)
    organizers = list(community.organizers.select_related("user").order_by("user__email", "pk"))
    for organizer in organizers:
        organizer.shown_as = organizer_shown_as(
            organizer.user,
            public_name=organizer.public_name,
            with_address=access.may_manage_organizers,
        )
    return render(
        request,
        "groups/manage/community.html",
        {
            "national_group": access.group,
            "community": community,
            "sees_group": access.membership is not None or access.oversight,
            "may_edit": access.may_edit,
            "may_manage_organizers": access.may_manage_organizers,
            # Its organizers see its private links too.
            "links": community.links.all(),
            "organizers": organizers,
            "invitations": community.invitations.open().select_related("invited_by"),
            "invitation_form": invitation_form or CommunityInvitationForm(),
            "own_organizer": own,
            "public_name_form": public_name_form,
        },
        status=status,
    )


@login_required
@require_POST
def community_invitation_create_view(request, slug, pk):
    access = community_for(request, slug, pk, need="manage_organizers")
    form = CommunityInvitationForm(request.POST)
    if form.is_valid():
        try:
            community_invitation_create(
                community=access.community,
                email=form.cleaned_data["email"],
                invited_by=request.user,
                language=get_language(),
            )
        except GroupError as refusal:
            form.add_error("email", str(refusal))
        else:
            messages.success(
                request, _("%(email)s is invited.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("groups:community_manage", slug=access.group.slug, pk=pk)
    # The page again, with the address typed and what is wrong with it.
    return render_community_page(request, access, invitation_form=form, status=400)


@login_required
@require_POST
def community_organizer_remove_view(request, slug, pk, organizer_pk):
    access = community_for(request, slug, pk, need="manage_organizers")
    organizer = get_object_or_404(
        access.community.organizers.select_related("user"), pk=organizer_pk
    )
    try:
        community_organizer_remove(organizer=organizer, removed_by=request.user)
    except GroupError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("%(email)s no longer organizes %(community)s.")
            % {"email": organizer.user.email, "community": access.community.name},
        )
    return redirect("groups:community_manage", slug=access.group.slug, pk=pk)


@login_required
@require_POST
def community_public_name_edit(request, slug, pk):
    """A community organizer's own public name and whether it is shown; nobody else's."""
    access = community_for(request, slug, pk, need="view")
    own = access.organizer
    if own is None:
        # The group's organizers and the oversight team have no name under the community.
        raise PermissionDenied
    form = CommunityPublicNameForm(request.POST, instance=copy.copy(own))
    if form.is_valid():
        try:
            community_organizer_public_name_save(
                organizer=own,
                public_name=form.cleaned_data["public_name"],
                shown=form.cleaned_data["public_name_shown"],
                editor=request.user,
            )
        except GroupError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your public name is saved."))
            return redirect("groups:community_manage", slug=access.group.slug, pk=pk)
    return render_community_page(request, access, public_name_form=form, status=400)


@login_required
@require_POST
def invitation_create_view(request, slug):
    access = group_for(request, slug, need="manage")
    group = access.group
    form = InvitationForm(
        request.POST, roles=grantable_roles(request.user, group, membership=access.membership)
    )
    if form.is_valid():
        try:
            invitation_create(
                group=group,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
                language=get_language(),
            )
        except GroupError as refusal:
            form.add_error("email", str(refusal))
        else:
            messages.success(
                request,
                _("%(email)s is invited.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("groups:group_manage", slug=group.slug)
    # The page again, with the address typed and what is wrong with it.
    return render_dashboard(request, access, invitation_form=form, status=400)


@login_required
@require_POST
def public_name_edit(request, slug):
    """The organizer's own public name and whether it is shown; nobody else's."""
    access = group_for(request, slug, need="organize")
    group, own = access.group, access.membership
    # A copy for the form, which writes what was typed into it: the page shown again
    # previews what is saved.
    form = PublicNameForm(request.POST, instance=copy.copy(own))
    if form.is_valid():
        try:
            membership_public_name_save(
                membership=own,
                public_name=form.cleaned_data["public_name"],
                shown=form.cleaned_data["public_name_shown"],
                editor=request.user,
            )
        except GroupError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your public name is saved."))
            return redirect("groups:group_manage", slug=group.slug)
    # The page again, with what was typed and what is wrong with it.
    return render_dashboard(request, access, public_name_form=form, status=400)


def changeable_membership(request, access, pk) -> Membership:
    """An organizer of the group whose role the user may change; else 404 or 403."""
    membership = get_object_or_404(access.group.memberships.select_related("user"), pk=pk)
    if not may_change_membership(request.user, membership, membership=access.membership):
        raise PermissionDenied
    return membership


@login_required
@require_POST
def membership_role_view(request, slug, pk):
    access = group_for(request, slug, need="manage")
    group = access.group
    membership = changeable_membership(request, access, pk)
    form = RoleForm(
        request.POST, roles=grantable_roles(request.user, group, membership=access.membership)
    )
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["role"]))
        return redirect("groups:group_manage", slug=group.slug)
    try:
        membership_change_role(
            membership=membership, role=form.cleaned_data["role"], changed_by=request.user
        )
    except GroupError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("%(email)s is now %(role)s.")
            % {
                "email": membership.user.email,
                "role": Membership.Role(form.cleaned_data["role"]).label.lower(),
            },
        )
    return redirect("groups:group_manage", slug=group.slug)


@login_required
@require_POST
def membership_remove_view(request, slug, pk):
    access = group_for(request, slug, need="manage")
    group = access.group
    membership = changeable_membership(request, access, pk)
    try:
        membership_remove(membership=membership, removed_by=request.user)
    except GroupError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("%(email)s is no longer an organizer.") % {"email": membership.user.email}
        )
    return redirect("groups:group_manage", slug=group.slug)


@login_required
@require_POST
def invitation_resend_view(request, slug, pk):
    """Send an open invitation of the group (or of one of its communities) again."""
    access = group_for(request, slug, need="manage")
    invitation = get_object_or_404(access.group.invitations.open(), pk=pk)
    try:
        invitation_resend(invitation=invitation, sent_by=request.user, language=get_language())
    except GroupError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("The invitation to %(email)s is sent again.") % {"email": invitation.email}
        )
    return redirect(invitation_list_url(invitation))


@login_required
@require_POST
def invitation_cancel_view(request, slug, pk):
    """Cancel an open invitation of the group (or of one of its communities)."""
    access = group_for(request, slug, need="manage")
    invitation = get_object_or_404(access.group.invitations.open(), pk=pk)
    try:
        invitation_cancel(invitation=invitation, cancelled_by=request.user)
    except GroupError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("The invitation to %(email)s is cancelled.") % {"email": invitation.email}
        )
    return redirect(invitation_list_url(invitation))


def invitation_list_url(invitation) -> str:
    """Where the invitation is listed: its community's organizers, or the group's page."""
    if invitation.community_id is not None:
        return reverse(
            "groups:community_manage", args=[invitation.group.slug, invitation.community_id]
        )
    return reverse("groups:group_manage", args=[invitation.group.slug])


def invitation_accept_view(request, token):
    """An invitation, as its link in the email opens it: anyone with the link reads what it
    is (as the email says) and how to accept; accepting takes being logged in with the
    invited address. The page keeps the visitor on it through signing up or logging in
    (?next=, and the header's links: onboarding.context_processors.account_next)."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("group", "community", "invited_by"), token=token
    )
    error = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            joined = invitation_accept(invitation=invitation, user=request.user)
        except GroupError as refusal:
            error = str(refusal)
        else:
            if invitation.community is not None:
                messages.success(
                    request,
                    _("Welcome to %(community)s!") % {"community": invitation.community.name},
                )
                return redirect(
                    "groups:community_manage",
                    slug=invitation.group.slug,
                    pk=joined.community_id,
                )
            messages.success(request, _("Welcome to %(group)s!") % {"group": invitation.group.name})
            return redirect("groups:group_manage", slug=invitation.group.slug)
    return render(
        request,
        "groups/manage/invitation.html",
        {
            "invitation": invitation,
            "error": error,
            "has_an_account": not request.user.is_authenticated
            and invited_address_has_an_account(invitation),
        },
        status=403 if error else 200,
    )
