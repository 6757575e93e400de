"""Workflows on national groups, one transaction each, by subject: rules.py (what every
step asks: the refusal, the group's lock, who may give a role, the record in the group's
history), profiles.py (activation, the profile, the communities), invitations.py (sent,
sent again, cancelled, accepted), organizers.py (roles, removal, public names). The
services are imported from here.
"""

from groups.services.invitations import (
    INVITATION_WINDOW,
    community_invitation_create,
    community_organizer_join,
    deliverable,
    group_organizer_join,
    invitation_accept,
    invitation_cancel,
    invitation_create,
    invitation_details,
    invitation_resend,
    invitation_send,
    require_invitation_allowance,
    require_invitation_valid,
    require_may_send,
    require_open_invitation_missing,
    verified_addresses,
)
from groups.services.organizers import (
    community_organizer_remove,
    membership_change_role,
    membership_remove,
    public_name_save,
)
from groups.services.profiles import (
    community_save,
    group_profile_save,
    national_group_activate,
)
from groups.services.rules import (
    LAST_NATIONAL_LEAD,
    GroupError,
    describe_changes,
    group_edit_record,
    is_last_national_lead,
    national_group_locked,
    require_grantable,
    require_may_change,
    require_may_manage_community_organizers,
)

__all__ = [
    "GroupError",
    "INVITATION_WINDOW",
    "LAST_NATIONAL_LEAD",
    "community_invitation_create",
    "community_organizer_join",
    "community_organizer_remove",
    "community_save",
    "deliverable",
    "describe_changes",
    "group_edit_record",
    "group_organizer_join",
    "group_profile_save",
    "invitation_accept",
    "invitation_cancel",
    "invitation_create",
    "invitation_details",
    "invitation_resend",
    "invitation_send",
    "is_last_national_lead",
    "membership_change_role",
    "membership_remove",
    "national_group_activate",
    "national_group_locked",
    "public_name_save",
    "require_grantable",
    "require_invitation_allowance",
    "require_invitation_valid",
    "require_may_change",
    "require_may_manage_community_organizers",
    "require_may_send",
    "require_open_invitation_missing",
    "verified_addresses",
]
