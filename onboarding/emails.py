"""Messages about applications, each in its recipient's language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.languages import language_of
from accounts.team import oversight_team_addresses
from common.emails import send_in_language, site_url


def admin_url(application) -> str:
    """The application's page in the admin, where the team reviews it."""
    return site_url(reverse("admin:onboarding_groupapplication_change", args=[application.pk]))


def notify_oversight_team_of_application(application):
    send_in_language(
        template="onboarding/email/application_received",
        context={
            "application": application,
            "admin_url": admin_url(application),
        },
        recipients=oversight_team_addresses(),
        language=settings.LANGUAGE_CODE,
    )


def notify_oversight_team_of_applicant(application, event):
    """The applicant answered the team's question, or withdrew."""
    send_in_language(
        template="onboarding/email/applicant_step",
        context={
            "application": application,
            "event": event,
            "admin_url": admin_url(application),
        },
        recipients=oversight_team_addresses(),
        language=settings.LANGUAGE_CODE,
    )


def notify_applicant_of_status(application, event):
    """In the applicant's account's language, else the one they applied in."""
    language = language_of(application.applicant, default=application.language)
    with translation.override(language):
        my_url = site_url(reverse("onboarding:my_overview"))
    send_in_language(
        template="onboarding/email/application_status",
        context={"application": application, "event": event, "my_url": my_url},
        recipients=[application.applicant.email],
        language=language,
    )
