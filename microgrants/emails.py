"""The messages about microgrants, each in its recipient's language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from common.emails import send_in_language, site_url
from groups.models import Membership
from groups.permissions import oversight_team_addresses


def send_microgrant_update(grant, event):
    """The oversight team hears of new requests; the requester of every decision on theirs."""
    status = grant.Status
    answered = event.to_status == status.IN_REVIEW and event.actor_id == grant.requested_by_id
    if event.to_status == status.SUBMITTED or answered:
        send_in_language(
            template="microgrants/email/submitted",
            context={"grant": grant, "admin_url": admin_url(grant)},
            recipients=reviewers_addresses(grant),
            language=settings.LANGUAGE_CODE,
        )
    if event.actor_id != grant.requested_by_id:
        send_in_language(
            template="microgrants/email/decision",
            context={"grant": grant, "event": event, "url": requester_url(grant)},
            recipients=[grant.requested_by.email],
            language=grant.language,
        )


def reviewers_addresses(grant) -> list[str]:
    """The oversight team, less those who may not review this request: its requester and
    the group's own organizers (four eyes)."""
    organizers = set(
        Membership.objects.filter(group=grant.group_id).values_list("user__email", flat=True)
    )
    return [
        address
        for address in oversight_team_addresses()
        if address not in organizers and address != grant.requested_by.email
    ]


def admin_url(grant) -> str:
    """The request's page in the admin, for the oversight team."""
    return site_url(reverse("admin:microgrants_micrograntrequest_change", args=[grant.pk]))


def requester_url(grant) -> str:
    """The request's page on the site, in its requester's language."""
    with translation.override(grant.language):
        return site_url(reverse("microgrants:detail", args=[grant.group.slug, grant.pk]))
