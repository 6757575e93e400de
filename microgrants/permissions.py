"""Who may do what with a microgrant. Checked on the server for every request."""

from accounts.team import is_oversight_member
from groups.models import NationalGroup
from groups.permissions import MANAGING_ROLES
from microgrants.models import MicrograntRequest

Status = MicrograntRequest.Status
# From the accepted letter until the report is accepted, receipts may come in.
TAKES_FILES = (Status.LETTER_ACCEPTED, Status.PAID, Status.REPORT_SUBMITTED)


def may_request(user, group, *, membership=None) -> bool:
    """Organizers of a forming or active group may ask for microgrants (pass the user's
    membership when it is already read)."""
    if group.status not in (NationalGroup.Status.FORMING, NationalGroup.Status.ACTIVE):
        return False
    return membership is not None or group.memberships.filter(user=user).exists()


def current_role(user, group) -> str | None:
    """The user's role in the group today, or None if they are not (or no longer) in it."""
    if not user.is_authenticated:
        return None
    return group.memberships.filter(user=user).values_list("role", flat=True).first()


def may_follow(user, microgrant) -> bool:
    """The oversight team, the group's leads, and the requester while still an organizer of
    the group see a request and its files. Someone removed from the group no longer
    does: their history stays, for the oversight team."""
    if is_oversight_member(user):
        return True
    role = current_role(user, microgrant.group)
    return role in MANAGING_ROLES or (role is not None and microgrant.requested_by_id == user.pk)


def may_attach_files(user, microgrant) -> bool:
    """The requester and the group's leads add receipts, from the letter until the report."""
    if microgrant.status not in TAKES_FILES:
        return False
    role = current_role(user, microgrant.group)
    return role in MANAGING_ROLES or (role is not None and microgrant.requested_by_id == user.pk)
