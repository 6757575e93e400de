"""Who may see what, and who may give which role. Checked on the server for every object."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.team import is_oversight_member
from groups.models import CommunityMembership, LocalCommunity, Membership, NationalGroup

Role = Membership.Role
MANAGING_ROLES = Membership.MANAGING_ROLES


def can_see_group_private_data(user, group) -> bool:
    """The group's own organizers and the oversight team see private chat links."""
    if not user.is_authenticated:
        return False
    return is_oversight_member(user) or group.memberships.filter(user=user).exists()


def membership_of(user, group) -> Membership | None:
    if not user.is_authenticated:
        return None
    membership = group.memberships.filter(user=user).first()
    if membership is not None:
        membership.user = user  # the same account: no query to read it again
    return membership


def grantable_roles(user, group, *, membership: Membership | None = None) -> list[Role]:
    """The roles `user` may give in `group`, highest first.

    The oversight team gives any role; a national or communications lead gives
    their own role and those below it (so only a national lead, or the team,
    makes a national lead); everyone else gives none. Pass the user's
    membership when it is already loaded.
    """
    if is_oversight_member(user):
        return list(Role)
    membership = membership if membership is not None else membership_of(user, group)
    if membership is None or not membership.manages:
        return []
    return Role.at_most(membership.role)


def may_manage_community_organizers(user, group, *, membership: Membership | None = None) -> bool:
    """Whether `user` may invite and remove the organizers of `group`'s communities: whoever
    may give a role in the group (its national and communications leads, and the
    oversight team). A community organizer holds less than any role of the group, so
    nobody grants it above their own."""
    return bool(grantable_roles(user, group, membership=membership))


def may_change_membership(user, target: Membership, *, membership=None) -> bool:
    """Whether `user` may change the role of, or remove, `target`: only someone who may
    give the role it has now (a national lead's role is a national lead's to change)."""
    return target.role in grantable_roles(user, target.group, membership=membership)


@dataclass(frozen=True)
class GroupAccess:
    """A group as one visitor may reach it, with what was read to decide it."""

    group: NationalGroup
    # The visitor's membership, if they organize the group.
    membership: Membership | None
    oversight: bool

    @property
    def manages(self) -> bool:
        """A national or communications lead of the group."""
        return self.membership is not None and self.membership.manages


def group_for(request, slug, *, need: str) -> GroupAccess:
    """The group at `slug` if the user may `need` it, with the membership read to decide
    it (so a page need not ask again); else 404 or 403.

    need="view": its organizers and the oversight team may look.
    need="organize": any of its organizers may act (tick the checklist).
    need="manage": its national and communications leads may change it.
    People with no tie to the group get a 404, so private pages do not even
    reveal that they exist; organizers and the oversight team asking for more
    than their role allows get a 403.
    """
    group = get_object_or_404(NationalGroup, slug=slug)
    access = GroupAccess(
        group=group,
        membership=membership_of(request.user, group),
        oversight=is_oversight_member(request.user),
    )
    if access.membership is None and not access.oversight:
        raise Http404
    allowed = {
        "view": True,
        "organize": access.membership is not None,
        "manage": access.manages,
    }[need]
    if not allowed:
        raise PermissionDenied
    return access


@dataclass(frozen=True)
class CommunityAccess:
    """A group's local community as one visitor may reach it, with what was read to decide it."""

    group: NationalGroup
    community: LocalCommunity
    # The visitor's role in the group, if they organize the group.
    membership: Membership | None
    # The visitor's place among the community's own organizers, if they are one.
    organizer: CommunityMembership | None
    oversight: bool

    @property
    def manages(self) -> bool:
        """A national or communications lead of the group."""
        return self.membership is not None and self.membership.manages

    @property
    def may_edit(self) -> bool:
        """Its profile, links and position: the group's national and communications leads,
        and the community's own organizers."""
        return self.manages or self.organizer is not None

    @property
    def may_manage_organizers(self) -> bool:
        """Invite and remove its organizers: as may_manage_community_organizers."""
        return self.manages or self.oversight


def community_for(request, slug, pk, *, need: str) -> CommunityAccess:
    """The community `pk` of the group at `slug` if the user may `need` it; else 404 or 403.

    need="view": the group's organizers, the community's own organizers and the
    oversight team may look.
    need="edit": the group's national and communications leads and the community's
    organizers change its profile, links and position.
    need="manage_organizers": the group's national and communications leads and the
    oversight team invite and remove its organizers.
    People with no tie to the group or to this community (an organizer of another of
    its communities included) get a 404, as on the group's pages; those with one asking
    for more than they may get a 403.
    """
    group = get_object_or_404(NationalGroup, slug=slug)
    user = request.user
    community = group.communities.filter(pk=pk).first()
    organizer = None
    if community is not None and user.is_authenticated:
        organizer = community.organizers.filter(user=user).first()
        if organizer is not None:
            organizer.user = user  # the same account: no query to read it again
    access = CommunityAccess(
        group=group,
        community=community,
        membership=membership_of(user, group),
        organizer=organizer,
        oversight=is_oversight_member(user),
    )
    if access.membership is None and access.organizer is None and not access.oversight:
        raise Http404
    allowed = {
        "view": True,
        "edit": access.may_edit,
        "manage_organizers": access.may_manage_organizers,
    }[need]
    # As on the group's pages: what a role never allows is refused before the community
    # is looked for, so a 403 or 404 tells nothing of which communities exist.
    if not allowed:
        raise PermissionDenied
    if community is None:
        raise Http404
    return access
