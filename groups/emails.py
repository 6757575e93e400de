"""The messages about national groups: invitations to organize one, and the news that
one is active."""

from django.conf import settings
from django.utils import translation

from common.emails import send_in_language, site_url


def send_invitation(invitation, *, language: str):
    with translation.override(language):
        accept_url = site_url(invitation.get_absolute_url())
    send_in_language(
        template="groups/email/invitation",
        context={"invitation": invitation, "accept_url": accept_url},
        recipients=[invitation.email],
        language=language,
    )


def send_activation(group):
    """To every organizer: the group is active, with its public page. In the site's
    language: the registry does not know each organizer's."""
    recipients = sorted(
        {m.user.email for m in group.memberships.select_related("user") if m.user.email}
    )
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        page_url = site_url(group.get_absolute_url())
    send_in_language(
        template="groups/email/activated",
        context={"group": group, "page_url": page_url},
        recipients=recipients,
        language=settings.LANGUAGE_CODE,
    )
