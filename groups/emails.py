"""The messages about national groups: invitations to organize one."""

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
