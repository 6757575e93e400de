"""Sending the site's messages, each in its recipient's language."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.template import engines
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def render_text(template_name: str, context: dict, request=None) -> str:
    """A plain-text template (an email's subject or body), rendered without autoescape."""
    return engines["text"].get_template(template_name).render(context, request)


def send_in_language(*, template: str, context: dict, recipients: list[str], language: str):
    """Render <template>_subject.txt and <template>_body.txt in `language` and send them.

    Messages go out after the change they tell of is saved; a mail server that
    fails then is logged, not turned into an error page for a saved change.
    """
    if not recipients:
        return
    with translation.override(language):
        subject = render_text(f"{template}_subject.txt", context)
        body = render_text(f"{template}_body.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, None, recipients)
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not send %s to %s", template, recipients)


def send_invitation(invitation, *, language: str):
    with translation.override(language):
        accept_url = site_url(invitation.get_absolute_url())
    send_in_language(
        template="groups/email/invitation",
        context={"invitation": invitation, "accept_url": accept_url},
        recipients=[invitation.email],
        language=language,
    )


def send_microgrant_update(grant, event):
    """The oversight team hears of new requests; the requester of every decision on theirs."""
    from onboarding.emails import oversight_team_addresses

    status = grant.Status
    answered = event.to_status == status.IN_REVIEW and event.actor_id == grant.requested_by_id
    if event.to_status == status.SUBMITTED or answered:
        send_in_language(
            template="groups/email/microgrant_submitted",
            context={
                "grant": grant,
                "admin_url": site_url(
                    reverse("admin:groups_micrograntrequest_change", args=[grant.pk])
                ),
            },
            recipients=oversight_team_addresses(),
            language=settings.LANGUAGE_CODE,
        )
    if event.actor_id != grant.requested_by_id:
        with translation.override(grant.language):
            url = site_url(reverse("groups:microgrant_detail", args=[grant.group.slug, grant.pk]))
        send_in_language(
            template="groups/email/microgrant_decision",
            context={"grant": grant, "event": event, "url": url},
            recipients=[grant.requested_by.email],
            language=grant.language,
        )
