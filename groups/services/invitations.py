"""Invitations to organize a group or one of its communities: sent within daily limits,
sent again, cancelled, expiring, accepted."""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from groups import emails
from groups.models import (
    CommunityMembership,
    Invitation,
    LocalCommunity,
    Membership,
)
from groups.permissions import (
    grantable_roles,
    may_manage_community_organizers,
)
from groups.services.rules import (
    GroupError,
    Kind,
    group_edit_record,
    national_group_locked,
    require_grantable,
    require_may_manage_community_organizers,
)
from outbox import caps
from outbox.mailboxes import mailbox, validate_deliverable_address

INVITATION_WINDOW = datetime.timedelta(days=1)


def require_invitation_allowance(*, group, email: str, invited_by) -> None:
    """At most INVITATIONS_PER_DAY a day per group and per sender, one a day per mailbox
    (`ann+x@` is `ann@`); sending one again counts as sending it.

    Read under the group's lock (and the sender's), so invitations sent at once
    count against one allowance.
    """
    since = timezone.now() - INVITATION_WINDOW
    most = settings.INVITATIONS_PER_DAY
    recent = Invitation.objects.filter(sent_at__gte=since)
    if recent.filter(invited_by=invited_by).count() >= most:
        raise GroupError(
            _("You can send at most %(count)d invitations a day. Try again tomorrow.")
            % {"count": most}
        )
    if recent.filter(group=group).count() >= most:
        raise GroupError(
            _(
                "This group has sent %(count)d invitations today, the most it can send in a "
                "day. Try again tomorrow."
            )
            % {"count": most}
        )
    box = mailbox(email)
    if any(mailbox(sent) == box for sent in recent.values_list("email", flat=True)):
        raise GroupError(
            _("%(email)s was invited less than a day ago; one invitation a day is enough.")
            % {"email": email}
        )
    if not caps.admit(email):
        raise GroupError(
            _("%(email)s has been sent as many messages as it can be today. Try again tomorrow.")
            % {"email": email}
        )


def deliverable(email: str) -> str:
    """The address as invitations keep it, if mail can be sent to it."""
    email = email.strip().lower()
    try:
        validate_deliverable_address(email)
    except ValidationError as error:
        raise GroupError(" ".join(error.messages)) from None
    return email


def require_open_invitation_missing(invitations, email: str) -> None:
    """One open invitation per address: a valid one is sent again, not twice; an expired
    one gives way to the new one."""
    for open_invitation in invitations.open().filter(email__iexact=email):
        if not open_invitation.is_expired:
            raise GroupError(
                _(
                    "%(email)s has already been invited: send it again from the list of "
                    "invitations, or cancel it."
                )
                % {"email": email}
            )
        open_invitation.cancelled_at = timezone.now()
        open_invitation.cancelled_by = open_invitation.invited_by
        open_invitation.save(update_fields=["cancelled_at", "cancelled_by"])


@transaction.atomic
def invitation_create(*, group, email: str, role: str, invited_by, language: str) -> Invitation:
    """Invite someone to organize the group; they accept by signing in with that address."""
    group = national_group_locked(group.pk)
    get_user_model().objects.select_for_update().filter(pk=invited_by.pk).first()
    require_grantable(user=invited_by, group=group, role=role)
    email = deliverable(email)
    if group.memberships.filter(user__email__iexact=email).exists():
        raise GroupError(_("%(email)s is already an organizer of this group.") % {"email": email})
    return invitation_send(
        group=group,
        open_invitations=group.invitations.filter(community__isnull=True),
        email=email,
        role=role,
        invited_by=invited_by,
        language=language,
    )


@transaction.atomic
def community_invitation_create(
    *, community: LocalCommunity, email: str, invited_by, language: str
) -> Invitation:
    """Invite someone to organize one community of its group, and nothing else of the group:
    the same invitation, email, acceptance and daily limits as an organizer of the group's."""
    if community.national_group_id is None:
        raise GroupError(_("Only a national group's community has organizers of its own."))
    group = national_group_locked(community.national_group_id)
    community = LocalCommunity.objects.select_for_update().get(pk=community.pk)
    if community.national_group_id != group.pk:
        raise GroupError(_("This community is no longer part of the group."))
    get_user_model().objects.select_for_update().filter(pk=invited_by.pk).first()
    require_may_manage_community_organizers(user=invited_by, group=group)
    email = deliverable(email)
    if community.organizers.filter(user__email__iexact=email).exists():
        raise GroupError(
            _("%(email)s is already an organizer of this community.") % {"email": email}
        )
    return invitation_send(
        group=group,
        open_invitations=community.invitations,
        email=email,
        community=community,
        invited_by=invited_by,
        language=language,
    )


def invitation_send(
    *, group, open_invitations, email: str, invited_by, language: str, community=None, role=""
) -> Invitation:
    """A new invitation to the group (with a role) or to one of its communities, under the
    group's lock: unless an open one stands in its way or the day's allowance is spent,
    created, recorded in the group's history and sent."""
    require_open_invitation_missing(open_invitations, email)
    require_invitation_allowance(group=group, email=email, invited_by=invited_by)
    invitation = Invitation.objects.create(
        group=group, community=community, email=email, role=role, invited_by=invited_by
    )
    group_edit_record(
        group=group,
        editor=invited_by,
        kind=Kind.COMMUNITY_ORGANIZER_INVITED if community else Kind.INVITED,
        email=email,
        **invitation_details(invitation),
    )
    emails.send_invitation(invitation, language=language)
    return invitation


def verified_addresses(user) -> set[str]:
    return {
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership | CommunityMembership:
    """Join the group with the invitation's role, or its community as one of its organizers,
    if it was sent to one of the user's addresses.

    What it gives is given now, so its sender must still be able to give it: an
    invitation from someone who has since lost that role grants nothing.
    """
    national_group_locked(invitation.group_id)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise GroupError(_("This invitation has already been accepted."))
    require_invitation_valid(invitation)
    if invitation.email.lower() not in verified_addresses(user):
        raise GroupError(
            _(
                "This invitation was sent to %(email)s. Log in with that address, or add it "
                "to your account and confirm it, to accept."
            )
            % {"email": invitation.email}
        )
    if invitation.community_id is not None:
        joined = community_organizer_join(invitation=invitation, user=user)
    else:
        joined = group_organizer_join(invitation=invitation, user=user)
    invitation.accepted_by = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_by", "accepted_at"])
    return joined


def require_invitation_valid(invitation: Invitation) -> None:
    if invitation.cancelled_at is not None:
        raise GroupError(
            _("This invitation was cancelled. Ask the group's leads for a new one if you need it.")
        )
    if invitation.is_expired:
        raise GroupError(
            _("This invitation expired on %(date)s. Ask the group's leads to send it again.")
            % {"date": formats.date_format(timezone.localdate(invitation.expires_at))}
        )


def require_may_send(*, user, invitation: Invitation, group) -> None:
    """Whoever may send this invitation (give its role, or invite to its community) may
    send it again or cancel it; nobody else, and nobody once it is accepted or cancelled."""
    if invitation.community_id is not None:
        require_may_manage_community_organizers(user=user, group=group)
    else:
        require_grantable(user=user, group=group, role=invitation.role)
    if invitation.accepted_at is not None:
        raise GroupError(_("This invitation has already been accepted."))
    if invitation.cancelled_at is not None:
        raise GroupError(_("This invitation was cancelled."))


@transaction.atomic
def invitation_resend(*, invitation: Invitation, sent_by, language: str) -> Invitation:
    """Send an open invitation again, in the sender's name: valid INVITATION_VALID_DAYS from
    now, within the same daily limits as a new one."""
    group = national_group_locked(invitation.group_id)
    get_user_model().objects.select_for_update().filter(pk=sent_by.pk).first()
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    require_may_send(user=sent_by, invitation=invitation, group=group)
    require_invitation_allowance(group=group, email=invitation.email, invited_by=sent_by)
    invitation.sent_at = timezone.now()
    invitation.invited_by = sent_by
    invitation.save(update_fields=["sent_at", "invited_by"])
    group_edit_record(
        group=group,
        editor=sent_by,
        kind=Kind.INVITATION_SENT_AGAIN,
        email=invitation.email,
        **invitation_details(invitation),
    )
    emails.send_invitation(invitation, language=language)
    return invitation


@transaction.atomic
def invitation_cancel(*, invitation: Invitation, cancelled_by) -> Invitation:
    """Cancel an open invitation: its link grants nothing from now on."""
    group = national_group_locked(invitation.group_id)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    require_may_send(user=cancelled_by, invitation=invitation, group=group)
    invitation.cancelled_at = timezone.now()
    invitation.cancelled_by = cancelled_by
    invitation.save(update_fields=["cancelled_at", "cancelled_by"])
    group_edit_record(
        group=group,
        editor=cancelled_by,
        kind=Kind.INVITATION_CANCELLED,
        email=invitation.email,
        **invitation_details(invitation),
    )
    return invitation


def invitation_details(invitation: Invitation) -> dict:
    """What the group's history says of an invitation besides its address."""
    if invitation.community_id is not None:
        return {"community": invitation.community.name}
    return {"role": invitation.role}


def group_organizer_join(*, invitation: Invitation, user) -> Membership:
    """The group's side of invitation_accept, under its lock."""
    if invitation.role not in grantable_roles(invitation.invited_by, invitation.group):
        raise GroupError(
            _(
                "This invitation is no longer valid: the person who sent it can no longer "
                "give this role. Ask the group's leads for a new invitation."
            )
        )
    membership, _created = Membership.objects.get_or_create(
        group=invitation.group, user=user, defaults={"role": invitation.role}
    )
    group_edit_record(
        group=invitation.group,
        editor=user,
        kind=Kind.JOINED,
        email=invitation.email,
        role=membership.role,
    )
    return membership


def community_organizer_join(*, invitation: Invitation, user) -> CommunityMembership:
    """A community's side of invitation_accept, under its group's lock: the person
    organizes that community, and gets no role in the group."""
    community = LocalCommunity.objects.select_for_update().get(pk=invitation.community_id)
    if community.national_group_id != invitation.group_id:
        raise GroupError(
            _(
                "This invitation is no longer valid: the community is no longer part of the "
                "group that invited you."
            )
        )
    if not may_manage_community_organizers(invitation.invited_by, invitation.group):
        raise GroupError(
            _(
                "This invitation is no longer valid: the person who sent it can no longer "
                "invite community organizers. Ask the group's leads for a new invitation."
            )
        )
    organizer, _created = CommunityMembership.objects.get_or_create(community=community, user=user)
    group_edit_record(
        group=invitation.group,
        editor=user,
        kind=Kind.COMMUNITY_ORGANIZER_JOINED,
        email=invitation.email,
        community=community.name,
    )
    return organizer
