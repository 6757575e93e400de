"""What the public sees of the network, read the same way by the pages, the API and the
PauseAI website's feeds, and the groups that need the oversight team: services push,
selectors pull (HackSoft).

They build on the models' QuerySet methods (`NationalGroup.objects.public()`,
`LocalCommunity.objects.public()`, `Membership.objects.public_leads()`), which say
which rows are public; these say what comes with them.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from groups.models import (
    CommunityMembership,
    Link,
    LocalCommunity,
    Membership,
    NationalGroup,
    OversightTeamMember,
)


def public_links() -> Prefetch:
    """A group's or community's links without the private ones (chat invitations), for
    prefetch_related: `.links.all()` then holds only what anyone may see."""
    return Prefetch("links", queryset=Link.objects.filter(is_private=False))


def public_leads() -> Prefetch:
    """A group's leads who are named publicly, national lead first, for prefetch_related:
    into `group.public_leads`."""
    return Prefetch(
        "memberships", queryset=Membership.objects.public_leads(), to_attr="public_leads"
    )


def shown_coach(group: NationalGroup) -> OversightTeamMember | None:
    """The group's coach as the public sees them: only one who agreed to be named and is
    still on the oversight team; else nobody."""
    coach = group.coach
    return coach if coach and coach.is_public and coach.is_active else None


def public_national_groups() -> QuerySet[NationalGroup]:
    """The public national groups (active and inactive) by name, with their public links."""
    return NationalGroup.objects.public().order_by_name().prefetch_related(public_links())


def public_communities(*, status: str = "") -> QuerySet[LocalCommunity]:
    """The active communities of public national groups, or of none, with their national
    group and public links, in the model's order (country, city, name).

    With a status, those in that status instead: the directory lists inactive
    communities when asked for.
    """
    if status:
        communities = LocalCommunity.objects.of_public_groups().filter(status=status)
    else:
        communities = LocalCommunity.objects.public()
    return communities.select_related("national_group").prefetch_related(public_links())


def public_links_by_owner(owner: str, owner_ids) -> dict[int, dict[str, str]]:
    """{owner id: {kind: url, …}} of the owners' public links by kind (one per kind), in
    one query, for pages and answers built from values() rows (`owner`: "national_group"
    or "community")."""
    links: dict[int, dict[str, str]] = {}
    rows = (
        Link.objects.filter(is_private=False, **{f"{owner}__in": owner_ids})
        .order_by("kind")
        .values_list(f"{owner}_id", "kind", "url")
    )
    for owner_id, kind, url in rows:
        if owner_id in links:
            links[owner_id][kind] = url
        else:
            links[owner_id] = {kind: url}
    return links


def group_page_links(
    group: NationalGroup, community_ids, *, with_private: bool
) -> tuple[list[Link], dict[int, dict[str, str]]]:
    """A group's page's links in one query: the group's own (its private ones too when
    the visitor may see them), and its communities' public links as
    public_links_by_owner gives them ({community id: {kind: url, …}})."""
    own = Q(national_group=group) if with_private else Q(national_group=group, is_private=False)
    group_links: list[Link] = []
    community_links: dict[int, dict[str, str]] = {}
    for link in Link.objects.filter(own | Q(community__in=community_ids, is_private=False)):
        if link.community_id is None:
            group_links.append(link)
        else:
            community_links.setdefault(link.community_id, {})[link.kind] = link.url
    return group_links, community_links


def named_community_organizers(community_ids) -> dict[int, list[str]]:
    """{community id: [public name, …]} of the organizers who chose to be named under their
    community, by name, in one query (CommunityMembership.objects.named_publicly())."""
    names: dict[int, list[str]] = {}
    rows = CommunityMembership.objects.filter(community__in=community_ids).named_publicly()
    for community_id, public_name in rows.values_list("community_id", "public_name"):
        names.setdefault(community_id, []).append(public_name)
    return names


# A profile nobody changed for this long may no longer say what the group is and does.
PROFILE_STALE_AFTER = datetime.timedelta(days=183)  # six months


def groups_coached_by(user) -> QuerySet[NationalGroup]:
    """The national groups this user coaches (as a member of the oversight team)."""
    return NationalGroup.objects.filter(coach__user=user.pk)


def groups_without_a_coach(groups: QuerySet[NationalGroup]) -> QuerySet[NationalGroup]:
    """Of `groups`, those not dissolved with no coach, or one who left the oversight team
    (whom the public pages no longer name either); the oldest first."""
    return (
        groups.not_dissolved()
        .filter(Q(coach__isnull=True) | Q(coach__is_active=False))
        .order_by("created_at", "pk")
    )


def groups_with_a_stale_profile(groups: QuerySet[NationalGroup]) -> QuerySet[NationalGroup]:
    """Of `groups`, the active ones whose profile nobody changed in six months (every
    save of the profile, by its organizers or the oversight team, sets updated_at);
    the longest untouched first."""
    return groups.filter(
        status=NationalGroup.Status.ACTIVE,
        updated_at__lt=timezone.now() - PROFILE_STALE_AFTER,
    ).order_by("updated_at", "pk")


def invited_address_has_an_account(invitation) -> bool:
    """Whether the invited address already belongs to an account (as right after
    confirming it): the invitation's page then offers to log in first. Only whoever holds
    the invitation's link, sent to that address, learns it."""
    return get_user_model().objects.filter(email__iexact=invitation.email).exists()
