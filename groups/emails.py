"""Sending the site's messages, each in its recipient's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def send_in_language(*, template: str, context: dict, recipients: list[str], language: str):
    """Render <template>_subject.txt and <template>_body.txt in `language` and send them."""
    if not recipients:
        return
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, recipients)


def send_invitation(invitation, *, language: str):
    with translation.override(language):
        accept_url = site_url(invitation.get_absolute_url())
    send_in_language(
        template="groups/email/invitation",
        context={"invitation": invitation, "accept_url": accept_url},
        recipients=[invitation.email],
        language=language,
    )
