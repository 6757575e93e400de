"""Sending the site's messages, each in its recipient's language.

The bottom layer of the mail: it knows Django and templates, not the apps, which
choose the template, the recipients and the language.
"""

import re

from django.conf import settings
from django.core.mail import send_mail
from django.template import engines
from django.utils import translation

# Runs of white space but the no-break spaces, which French puts before : ; ! ? and inside
# « », and an amount between its digits and beside its currency ("1 500 €", the narrow
# one in the thousands): a subject is one line, its no-break spaces kept.
BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f]+")


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def render_text(template_name: str, context: dict, request=None) -> str:
    """A plain-text template (an email's subject or body), rendered without autoescape."""
    return engines["text"].get_template(template_name).render(context, request)


def send_in_language(*, template: str, context: dict, recipients: list[str], language: str) -> bool:
    """Render <template>_subject.txt and <template>_body.txt in `language` and queue the
    message in the outbox (settings.EMAIL_BACKEND), on the caller's connection: in the
    caller's transaction, saved with the change it tells of. The mail worker sends it.
    False when there was nobody to send it to."""
    if not recipients:
        return False
    with translation.override(language):
        subject = render_text(f"{template}_subject.txt", context)
        body = render_text(f"{template}_body.txt", context)
    send_mail(BREAKING_SPACE.sub(" ", subject).strip(), body, None, recipients)
    return True
