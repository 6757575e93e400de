"""The messages about national groups: invitations to organize one, and the news that
one is active."""

from django.utils import translation

from accounts.languages import addresses_by_language, language_of_address
from common.emails import send_in_language, site_url


def send_invitation(invitation, *, language: str):
    """In the invited address's account's language if it has one, else the language of
    the page the invitation was made on."""
    language = language_of_address(invitation.email, default=language)
    with translation.override(language):
        accept_url = site_url(invitation.get_absolute_url())
    send_in_language(
        template="groups/email/invitation",
        context={"invitation": invitation, "accept_url": accept_url},
        recipients=[invitation.email],
        language=language,
    )


def send_activation(group):
    """To every organizer: the group is active, with its public page; to each in their
    account's language (accounts/languages.py), with the page's link in it."""
    organizers = [
        membership.user for membership in group.memberships.select_related("user__account_language")
    ]
    for language, recipients in addresses_by_language(organizers).items():
        with translation.override(language):
            page_url = site_url(group.get_absolute_url())
        send_in_language(
            template="groups/email/activated",
            context={"group": group, "page_url": page_url},
            recipients=recipients,
            language=language,
        )
