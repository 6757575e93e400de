"""The name an organizer shows publicly, as an organizer of the group or of one of its
communities: one page's form, saved by one service (groups.services.public_name_save)."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.forms import CommunityPublicNameForm, PublicNameForm
from groups.permissions import community_for, group_for
from groups.services import GroupError, public_name_save
from groups.views.community_pages import render_community_page
from groups.views.group_pages import render_dashboard


@login_required
@require_POST
def public_name_edit(request, slug, pk=None):
    """The organizer's own public name and whether it is shown; nobody else's. With a
    community's pk, their name under that community, else under the group."""
    if pk is None:
        access = group_for(request, slug, need="organize")
        own, form_class = access.membership, PublicNameForm
        page, render_page = ("groups:group_manage", {"slug": slug}), render_dashboard
    else:
        access = community_for(request, slug, pk, need="view")
        own, form_class = access.organizer, CommunityPublicNameForm
        page = ("groups:community_manage", {"slug": access.group.slug, "pk": pk})
        render_page = render_community_page
    if own is None:
        # The group's organizers and the oversight team have no name under a community.
        raise PermissionDenied
    # A copy for the form, which writes what was typed into it: the page shown again
    # previews what is saved.
    form = form_class(request.POST, instance=copy.copy(own))
    if form.is_valid():
        try:
            public_name_save(
                membership=own,
                public_name=form.cleaned_data["public_name"],
                shown=form.cleaned_data["public_name_shown"],
                editor=request.user,
            )
        except GroupError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your public name is saved."))
            return redirect(page[0], **page[1])
    # The page again, with what was typed and what is wrong with it.
    return render_page(request, access, public_name_form=form, status=400)
