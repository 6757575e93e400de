"""National groups, their local communities, links, organizers, and the oversight team.

One module per subject; everything is importable from groups.models, as the
migrations and the other apps expect.
"""

from groups.models.communities import LocalCommunity, LocalCommunityQuerySet
from groups.models.links import (
    CHAT_LINK_KINDS,
    LINK_HOSTS,
    Link,
    chat_service,
    chat_services,
    link_handle,
    links_snapshot,
)
from groups.models.national_groups import (
    NationalGroup,
    NationalGroupQuerySet,
    OversightTeamMember,
    coordinate_constraints,
    coordinates_in_words,
    country_order,
    country_rank,
    in_visitors_order,
    latitude_field,
    longitude_field,
    translated_name_ordering,
    validate_founding_date,
    visitors_language,
)
from groups.models.people import (
    CommunityMembership,
    CommunityMembershipQuerySet,
    GroupEdit,
    Invitation,
    InvitationQuerySet,
    Membership,
    MembershipQuerySet,
)

__all__ = [
    "CHAT_LINK_KINDS",
    "LINK_HOSTS",
    "CommunityMembership",
    "CommunityMembershipQuerySet",
    "GroupEdit",
    "Invitation",
    "InvitationQuerySet",
    "Link",
    "LocalCommunity",
    "LocalCommunityQuerySet",
    "Membership",
    "MembershipQuerySet",
    "NationalGroup",
    "NationalGroupQuerySet",
    "OversightTeamMember",
    "chat_service",
    "chat_services",
    "coordinate_constraints",
    "coordinates_in_words",
    "country_order",
    "country_rank",
    "in_visitors_order",
    "latitude_field",
    "link_handle",
    "links_snapshot",
    "longitude_field",
    "translated_name_ordering",
    "validate_founding_date",
    "visitors_language",
]
