"""Workflows on national groups: activation, invitations, organizers, attributed edits."""

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups import emails
from groups.models import GroupEdit, Invitation, Membership, NationalGroup


class GroupError(Exception):
    """A rule refused the action; the message is for the person who tried."""


@transaction.atomic
def national_group_activate(*, group: NationalGroup) -> NationalGroup:
    """A forming group becomes active and appears in the public directory."""
    group = NationalGroup.objects.select_for_update().get(pk=group.pk)
    if group.status != NationalGroup.Status.FORMING:
        raise GroupError(
            _("Only a forming group can be activated; this one is %(status)s.")
            % {"status": group.get_status_display().lower()}
        )
    group.status = NationalGroup.Status.ACTIVE
    group.save(update_fields=["status", "updated_at"])
    return group


def group_edit_record(*, group: NationalGroup, editor, summary: str) -> GroupEdit:
    """Attribute a change made on the organizers' pages, for the oversight team."""
    return GroupEdit.objects.create(group=group, editor=editor, summary=summary[:500])


@transaction.atomic
def invitation_create(*, group, email: str, role: str, invited_by, language: str) -> Invitation:
    """Invite someone to organize the group; they accept by signing in with that address."""
    email = email.strip().lower()
    if group.memberships.filter(user__email__iexact=email).exists():
        raise GroupError(_("%(email)s is already an organizer of this group.") % {"email": email})
    if group.invitations.pending().filter(email__iexact=email).exists():
        raise GroupError(_("%(email)s has already been invited.") % {"email": email})
    invitation = Invitation.objects.create(
        group=group, email=email, role=role, invited_by=invited_by
    )
    group_edit_record(
        group=group,
        editor=invited_by,
        summary=_("Invited %(email)s as %(role)s")
        % {"email": email, "role": invitation.get_role_display()},
    )
    transaction.on_commit(lambda: emails.send_invitation(invitation, language=language))
    return invitation


def verified_addresses(user) -> set[str]:
    return {
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Join the group with the invitation's role, if it was sent to one of the user's addresses."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise GroupError(_("This invitation has already been accepted."))
    if invitation.email.lower() not in verified_addresses(user):
        raise GroupError(
            _(
                "This invitation was sent to %(email)s. Log in with that address, or add it "
                "to your account and confirm it, to accept."
            )
            % {"email": invitation.email}
        )
    membership, _created = Membership.objects.get_or_create(
        group=invitation.group, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_by = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_by", "accepted_at"])
    group_edit_record(
        group=invitation.group,
        editor=user,
        summary=_("%(email)s joined as %(role)s")
        % {"email": invitation.email, "role": membership.get_role_display()},
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, removed_by) -> None:
    """Remove an organizer; a group always keeps at least one national lead."""
    group = NationalGroup.objects.select_for_update().get(pk=membership.group_id)
    leads = group.memberships.filter(role=Membership.Role.NATIONAL_LEAD)
    if membership.role == Membership.Role.NATIONAL_LEAD and leads.count() <= 1:
        raise GroupError(_("A group always keeps at least one national lead."))
    group_edit_record(
        group=group,
        editor=removed_by,
        summary=_("Removed %(person)s (%(role)s)")
        % {"person": membership.user.email, "role": membership.get_role_display()},
    )
    membership.delete()
