"""The messages about microgrants, each in its recipient's language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.languages import language_of
from accounts.team import oversight_team_addresses
from common.emails import send_in_language, site_url
from common.workflow import Party
from groups.models import Membership


def send_microgrant_update(microgrant, event, move):
    """The other side of the move hears of it (microgrants/workflow.py): the oversight
    team of the requester's moves (new requests and answers, letters accepted, reports,
    withdrawals of what they had), in the site's language; the requester of the team's,
    in their account's language, else the request's."""
    if move.tells == Party.TEAM:
        if event.from_status == microgrant.Status.DRAFT and move.action != "submit":
            return  # A draft the team never saw.
        template = (
            "microgrants/email/submitted"
            if move.action in ("submit", "answer")
            else "microgrants/email/team_update"
        )
        send_in_language(
            template=template,
            context={"microgrant": microgrant, "event": event, "admin_url": admin_url(microgrant)},
            recipients=reviewers_addresses(microgrant),
            language=settings.LANGUAGE_CODE,
        )
    else:
        language = language_of(microgrant.requested_by, default=microgrant.language)
        send_in_language(
            template="microgrants/email/decision",
            context={
                "microgrant": microgrant,
                "event": event,
                "url": requester_url(microgrant, language),
            },
            recipients=[microgrant.requested_by.email],
            language=language,
        )


def reviewers_addresses(microgrant) -> list[str]:
    """The oversight team, less those who may not review this request: its requester and
    the group's own organizers (four eyes)."""
    organizers = set(
        Membership.objects.filter(group=microgrant.group_id).values_list("user__email", flat=True)
    )
    return [
        address
        for address in oversight_team_addresses()
        if address not in organizers and address != microgrant.requested_by.email
    ]


def admin_url(microgrant) -> str:
    """The request's page in the admin, for the oversight team."""
    return site_url(reverse("admin:microgrants_micrograntrequest_change", args=[microgrant.pk]))


def requester_url(microgrant, language: str) -> str:
    """The request's page on the site, in `language`."""
    with translation.override(language):
        return site_url(reverse("microgrants:detail", args=[microgrant.group.slug, microgrant.pk]))
