"""Public pages (national groups with the setup guide, a group, communities) and the
organizers' own pages for their group."""

import copy
from itertools import groupby
from operator import attrgetter
from statistics import fmean

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from common.versioning import EditConflict
from groups.directory import CommunityFilters, GroupFilters, country_choices, translated
from groups.forms import (
    CommunityForm,
    CommunityLinkFormSet,
    GroupLinkFormSet,
    GroupProfileForm,
    InvitationForm,
    PublicNameForm,
    RoleForm,
)
from groups.listing import community_items, national_group_items
from groups.models import Invitation, LocalCommunity, Membership, NationalGroup
from groups.permissions import (
    can_see_group_private_data,
    grantable_roles,
    group_for,
    is_oversight_member,
    may_change_membership,
)
from groups.selectors import public_communities, shown_coach
from groups.services import (
    GroupError,
    community_save,
    group_profile_save,
    invitation_accept,
    invitation_create,
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
        groups = NationalGroup.objects.public().order_by_name()
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
        context["country_choices"] = country_choices(NationalGroup.objects.public())
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
        context["communities"] = community_items(
            list(group.communities.active().values("id", "name", "city"))
        )
        context["leads"] = group.memberships.public_leads()
        context["coach"] = shown_coach(group)
        return context


class CommunityListView(ListView):
    """Local communities grouped by country, then by the national group that coordinates them.

    Searchable by name, city, country and national group; inactive communities
    only when asked for, and then apart.
    """

    template_name = "groups/community_list.html"
    context_object_name = "communities"

    def get_queryset(self):
        self.filters = CommunityFilters(self.request.GET)
        return self.filters.apply(
            public_communities(status=self.filters.status),
            text_fields=["name", "city", *translated("national_group__name")],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Other organisations' communities are shown too, on the map in their own style
        # and listed apart, after PauseAI's own.
        adjacent = [c for c in context["communities"] if c.kind == LocalCommunity.Kind.ADJACENT]
        communities = sorted(
            (c for c in context["communities"] if c.kind == LocalCommunity.Kind.PAUSEAI),
            key=lambda community: (
                community.country.name,
                community.national_group is None,
                community.national_group.name if community.national_group else "",
                community.city,
                community.name,
            ),
        )
        context["countries_with_communities"] = [
            {
                "country": country,
                "by_coordinator": [
                    {"national_group": national_group, "communities": list(members)}
                    for national_group, members in groupby(
                        in_country, key=attrgetter("national_group")
                    )
                ],
            }
            for country, in_country in groupby(communities, key=attrgetter("country"))
        ]
        context["adjacent_communities"] = sorted(
            adjacent, key=lambda community: (community.country.name, community.name)
        )
        context["country_choices"] = country_choices(LocalCommunity.objects.public())
        context["filters"] = self.filters
        context["selected_country"] = self.filters.country
        # The whole network's national groups when nothing is filtered; a search shows
        # only the groups of the communities it found.
        context["map_markers"] = community_map_markers(
            context["communities"],
            groups=[] if self.filters.active else NationalGroup.objects.on_the_map(),
        )
        return context


def community_map_markers(communities, *, groups=()) -> dict:
    """The communities map: a marker per active community with coordinates (PauseAI's and
    adjacent ones, each kind in its style), and one per active national group, at its
    own position or else amid its communities on the map.

    Built from communities already loaded with their national group and public
    links, and from `groups` (active groups with a position, shown even where none
    of their communities is listed), so the map costs no query of its own.
    """
    community_markers = []
    positions_by_group = {group: [] for group in groups}
    for community in communities:
        if community.status != LocalCommunity.Status.ACTIVE or community.latitude is None:
            continue
        group = community.national_group
        position = (float(community.latitude), float(community.longitude))
        if group and group.has_public_page:
            link = {"url": group.get_absolute_url(), "text": _("The national group's page")}
        else:
            first = next(iter(community.links.all()), None)
            link = {"url": first.url, "text": first.get_kind_display()} if first else None
        if community.kind == LocalCommunity.Kind.ADJACENT:
            detail = _("A community of another organisation")
        elif group:
            detail = _("Coordinated by %(group_name)s") % {"group_name": group.name}
        else:
            detail = _("Coordinated by PauseAI Global")
        community_markers.append(
            {
                "name": community.name,
                "kind": "adjacent"
                if community.kind == LocalCommunity.Kind.ADJACENT
                else "community",
                "place": f"{community.city}, {community.country.name}",
                "detail": detail,
                "position": position,
                "link": link,
            }
        )
        if group and group.status == NationalGroup.Status.ACTIVE:
            positions_by_group.setdefault(group, []).append(position)
    group_markers = [
        {
            "name": group.name,
            "place": group.country.name,
            "detail": ngettext(
                "%(count)d local community on the map",
                "%(count)d local communities on the map",
                len(positions),
            )
            % {"count": len(positions)},
            "position": group_position(group, positions),
            "link": {"url": group.get_absolute_url(), "text": _("The national group's page")},
        }
        for group, positions in positions_by_group.items()
        if group.latitude is not None or positions
    ]
    return {"communities": community_markers, "groups": group_markers}


def group_position(group, community_positions) -> tuple[float, float]:
    """Where a group sits on the map: its own position, else amid its communities."""
    if group.latitude is not None:
        return (float(group.latitude), float(group.longitude))
    return tuple(round(fmean(axis), 6) for axis in zip(*community_positions, strict=True))


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
    for membership in memberships:
        membership.group = group
        membership.may_change = bool(roles) and membership.role in roles
        membership.role_form = RoleForm(initial={"role": membership.role}, roles=roles)
    return render(
        request,
        "groups/manage/dashboard.html",
        {
            "national_group": group,
            "may_manage": own is not None and own.manages,
            "links": group.links.all(),
            "communities": group.communities.prefetch_related("links").order_by("status", "city"),
            "memberships": memberships,
            "invitations": group.invitations.pending().select_related("invited_by"),
            "edits": group.edits.select_related("editor")[:20],
            "invitation_form": invitation_form or InvitationForm(roles=roles),
            # The user's own membership as saved: the preview of how they are named.
            "own_membership": own,
            "public_name_form": public_name_form,
        },
        status=status,
    )


def edit_page(request, *, form, links, save, saved: str, template: str, context: dict):
    """A group's edit page with its links: saved, back to the group's page; refused as
    stale (409) with what changed, or invalid (400), the page again with what was typed."""
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid() and links.is_valid():
        try:
            save()
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(request, saved)
            return redirect("groups:group_manage", slug=context["national_group"].slug)
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
    """Add a local community to the group, or change one (including marking it inactive)."""
    access = group_for(request, slug, need="manage")
    group = access.group
    community = get_object_or_404(group.communities, pk=pk) if pk else None
    form = CommunityForm(request.POST or None, instance=community, group=group)
    links = CommunityLinkFormSet(request.POST or None, instance=form.instance, prefix="links")
    return edit_page(
        request,
        form=form,
        links=links,
        save=lambda: community_save(group=group, form=form, links=links, editor=request.user),
        saved=_("The community is saved."),
        template="groups/manage/community_form.html",
        context={"national_group": group, "community": community},
    )


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
def invitation_accept_view(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("group"), token=token)
    error = None
    if request.method == "POST":
        try:
            invitation_accept(invitation=invitation, user=request.user)
        except GroupError as refusal:
            error = str(refusal)
        else:
            messages.success(request, _("Welcome to %(group)s!") % {"group": invitation.group.name})
            return redirect("groups:group_manage", slug=invitation.group.slug)
    return render(
        request,
        "groups/manage/invitation.html",
        {"invitation": invitation, "error": error},
        status=403 if error else 200,
    )
