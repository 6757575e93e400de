"""What every step on a group asks: the refusal, the group's lock, who may give a role
or change an organizer, and the record of the change in the group's history."""

from django.utils.translation import gettext as _

from groups import edits
from groups.models import (
    GroupEdit,
    Membership,
    NationalGroup,
)
from groups.permissions import (
    grantable_roles,
    may_change_membership,
    may_manage_community_organizers,
)

Role = Membership.Role


Kind = GroupEdit.Kind


class GroupError(Exception):
    """A rule refused the action; the message is for the person who tried."""


def group_edit_record(*, group: NationalGroup, editor, kind: str, **details) -> GroupEdit:
    """Attribute a change, for the organizers and the oversight team: its kind and details,
    said in each reader's language when shown (groups/edits.py)."""
    return GroupEdit.objects.create(
        group=group,
        editor=editor,
        kind=kind,
        details=details,
        summary=edits.in_english(kind, details),
    )


def describe_changes(*forms_and_formsets) -> list[str]:
    """["description_nl", "logo", "links"]: which fields an edit touched, for the record."""
    names = []
    for part in forms_and_formsets:
        if hasattr(part, "forms"):
            if part.has_changed():
                names.append(edits.LINKS)
        else:
            # The form's own bookkeeping is no change (common.versioning.EditVersionForm).
            names.extend(part.changed_data)
    return names


def require_grantable(*, user, group, role) -> None:
    """Nobody gives a role above their own (the oversight team gives any)."""
    if role not in grantable_roles(user, group):
        raise GroupError(
            _("You can give at most your own role; %(role)s is above it.")
            % {"role": Role(role).label.lower()}
        )


def national_group_locked(group_id) -> NationalGroup:
    """The group's row, locked: changes to its people happen one at a time."""
    return NationalGroup.objects.select_for_update().get(pk=group_id)


def require_may_manage_community_organizers(*, user, group) -> None:
    if not may_manage_community_organizers(user, group):
        raise GroupError(
            _(
                "Only the group's national or communications lead, or the oversight team, "
                "can invite or remove the organizers of its communities."
            )
        )


LAST_NATIONAL_LEAD = _("A group always keeps at least one national lead.")


def require_may_change(*, user, membership: Membership) -> None:
    if not may_change_membership(user, membership):
        raise GroupError(
            _("Only a national lead or the oversight team can change or remove a %(role)s.")
            % {"role": membership.get_role_display().lower()}
            if membership.role == Role.NATIONAL_LEAD
            else _("You can change or remove only people whose role is at most your own.")
        )


def is_last_national_lead(membership: Membership) -> bool:
    """Read under the group's lock."""
    return (
        membership.role == Role.NATIONAL_LEAD
        and not membership.group.memberships.filter(role=Role.NATIONAL_LEAD)
        .exclude(pk=membership.pk)
        .exists()
    )
