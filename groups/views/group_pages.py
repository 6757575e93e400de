"""A group's own pages for its organizers: its dashboard, its profile, its people (their
roles and public names, invitations to join) and its recent changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.names import organizer_shown_as
from common.versioning import EditConflict
from groups.edits import edits_in_words
from groups.forms import (
    GroupLinkFormSet,
    GroupProfileForm,
    InvitationForm,
    PublicNameForm,
    RoleForm,
)
from groups.models import Membership
from groups.page_sections import dashboard
from groups.permissions import (
    grantable_roles,
    group_for,
    may_change_membership,
)
from groups.services import (
    GroupError,
    group_profile_save,
    invitation_create,
    membership_change_role,
    membership_remove,
)


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
