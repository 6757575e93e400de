"""The people of a group and of its communities once they joined: roles, removal, and
the name each shows publicly."""

from django.db import transaction
from django.utils.translation import gettext as _

from groups.models import (
    CommunityMembership,
    Membership,
)
from groups.services.rules import (
    LAST_NATIONAL_LEAD,
    GroupError,
    Kind,
    group_edit_record,
    is_last_national_lead,
    national_group_locked,
    require_grantable,
    require_may_change,
    require_may_manage_community_organizers,
)


@transaction.atomic
def community_organizer_remove(*, organizer: CommunityMembership, removed_by) -> None:
    """A community's organizer is no longer one: as the group's leads (or the team) decide."""
    group = national_group_locked(organizer.community.national_group_id)
    try:
        organizer = CommunityMembership.objects.select_related("user", "community").get(
            pk=organizer.pk, community__national_group=group
        )
    except CommunityMembership.DoesNotExist:
        raise GroupError(_("This person is no longer an organizer of the community.")) from None
    require_may_manage_community_organizers(user=removed_by, group=group)
    group_edit_record(
        group=group,
        editor=removed_by,
        kind=Kind.COMMUNITY_ORGANIZER_REMOVED,
        person=organizer.user.email,
        community=organizer.community.name,
    )
    organizer.delete()


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, changed_by) -> Membership:
    """Promote or demote an organizer, within what the one changing it may give."""
    group = national_group_locked(membership.group_id)
    membership = Membership.objects.select_related("user").get(pk=membership.pk, group=group)
    require_may_change(user=changed_by, membership=membership)
    require_grantable(user=changed_by, group=group, role=role)
    if role == membership.role:
        return membership
    if is_last_national_lead(membership):
        raise GroupError(LAST_NATIONAL_LEAD)
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    group_edit_record(
        group=group,
        editor=changed_by,
        kind=Kind.ROLE_CHANGED,
        person=membership.user.email,
        previous=previous,
        role=membership.role,
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, removed_by) -> None:
    """Remove an organizer; a group always keeps at least one national lead."""
    group = national_group_locked(membership.group_id)
    try:
        membership = Membership.objects.select_related("user").get(pk=membership.pk, group=group)
    except Membership.DoesNotExist:
        raise GroupError(_("This person is no longer an organizer of the group.")) from None
    require_may_change(user=removed_by, membership=membership)
    if is_last_national_lead(membership):
        raise GroupError(LAST_NATIONAL_LEAD)
    group_edit_record(
        group=group,
        editor=removed_by,
        kind=Kind.REMOVED,
        person=membership.user.email,
        role=membership.role,
    )
    membership.delete()


@transaction.atomic
def public_name_save(
    *, membership: Membership | CommunityMembership, public_name: str, shown: bool, editor
) -> Membership | CommunityMembership:
    """An organizer's own public name and whether it is shown, as an organizer of the group
    or of one of its communities: only the person changes it.

    Saving is the person's choice, kept through later role changes (see
    Membership.public_name_shown); a save that changes nothing records nothing.
    """
    model = type(membership)
    of_community = model is CommunityMembership
    try:
        # Its own row locked, not the group's, community's or account's it reads with it.
        membership = (
            model.objects.select_for_update(of=("self",))
            .select_related("community" if of_community else "group", "user")
            .get(pk=membership.pk)
        )
    except model.DoesNotExist:
        raise GroupError(
            _("You are no longer an organizer of this community.")
            if of_community
            else _("You are no longer an organizer of this group.")
        ) from None
    if membership.user_id != editor.pk:
        raise GroupError(_("Only the person themselves chooses how their name appears."))
    if (membership.public_name, membership.public_name_shown) == (public_name, shown):
        return membership
    membership.public_name = public_name
    membership.public_name_shown = shown
    membership.save(update_fields=["public_name", "public_name_shown", "updated_at"])
    where = {"community": membership.community.name} if of_community else {}
    group_edit_record(
        group=membership.community.national_group if of_community else membership.group,
        editor=editor,
        kind=Kind.PUBLIC_NAME,
        person=membership.user.email,
        **where,
        name=public_name,
        shown=shown,
    )
    return membership
