"""Invitations once sent: sent again or cancelled by the leads, and accepted by the person
invited, into a group or a community."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.models import Invitation
from groups.permissions import (
    group_for,
)
from groups.selectors import (
    invited_address_has_an_account,
)
from groups.services import (
    GroupError,
    invitation_accept,
    invitation_cancel,
    invitation_resend,
)


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
    (?next=, and the header's links: accounts.context_processors.account_next)."""
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
