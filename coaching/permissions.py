"""Who may see and do what of a group's coaching. Checked on the server for every request.

The team's notes are the team's alone; a group's organizers see the actions agreed with
it, and its leads its reports and its next check-in; community organizers (who hold no
role in the group) see none of it.
"""

from groups.models import Membership
from groups.permissions import GroupAccess


def may_see_actions(access: GroupAccess) -> bool:
    return access.oversight or access.membership is not None


def may_see_reports(access: GroupAccess) -> bool:
    """The group's leads, and the oversight team."""
    return access.oversight or (
        access.membership is not None and access.membership.role in Membership.LEAD_ROLES
    )


def may_write_reports(access: GroupAccess) -> bool:
    """The national and communications leads write the group's reports."""
    return access.manages


def may_mark_done(user, action, *, access: GroupAccess) -> bool:
    """The action's owner while still in the group, the group's managing leads, and the
    oversight team mark an action done (or open again)."""
    if access.oversight or access.manages:
        return True
    return access.membership is not None and action.owner_id == user.pk
