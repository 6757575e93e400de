"""A local community's pages for its organizers and the group's leads: its profile, its
organizers, invitations to organize it, and their public names."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.names import organizer_shown_as
from groups.forms import (
    CommunityForm,
    CommunityInvitationForm,
    CommunityLinkFormSet,
    CommunityProfileForm,
    CommunityPublicNameForm,
)
from groups.permissions import (
    CommunityAccess,
    community_for,
    group_for,
)
from groups.services import (
    GroupError,
    community_invitation_create,
    community_organizer_remove,
    community_save,
)
from groups.views.group_pages import edit_page


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
