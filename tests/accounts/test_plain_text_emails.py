"""Plain-text emails carry names and addresses as typed: no &amp; or &#x27; in a mail."""

import pytest
from django.core import mail

from groups.emails import send_invitation
from onboarding.emails import notify_oversight_team_of_application
from tests.factories import (
    GroupApplicationFactory,
    InvitationFactory,
    NationalGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"
# A valid address, and a group name a real group could have.
ADDRESS = "o'brien@example.org"
GROUP_NAME = "PauseAI Trinidad & Tobago's"


def assert_typed_as_is(text, *values):
    for value in values:
        assert value in text, text
    assert "&amp;" not in text and "&#x27;" not in text and "&#39;" not in text, text


def test_invitation_email_names_the_group_and_people_as_typed():
    group = NationalGroupFactory(name_en=GROUP_NAME)
    inviter = UserFactory(username="dara", email="d'arcy&co@example.org")
    invitation = InvitationFactory(group=group, email=ADDRESS, invited_by=inviter)

    send_invitation(invitation, language="en")

    (message,) = mail.outbox
    assert_typed_as_is(message.subject, GROUP_NAME)
    assert_typed_as_is(message.body, GROUP_NAME, "d'arcy&co@example.org", ADDRESS)


def test_oversight_team_reads_an_application_as_the_applicant_typed_it(oversight_member):
    oversight_member.email = "olga@pauseai.info"
    oversight_member.save()
    application = GroupApplicationFactory(
        applicant=UserFactory(username="obrien", email=ADDRESS),
        proposed_name=GROUP_NAME,
        plans="Flyers & posters; a talk at St Mary's.",
    )

    notify_oversight_team_of_application(application)

    (message,) = mail.outbox
    assert_typed_as_is(message.subject, GROUP_NAME)
    assert_typed_as_is(message.body, ADDRESS, GROUP_NAME, "Flyers & posters; a talk at St Mary's.")


def test_allauth_confirmation_email_shows_the_address_as_typed(client):
    client.post(
        "/en/accounts/signup/",
        {
            "full_name": "Ann Example",
            "email": ADDRESS,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    (message,) = mail.outbox
    assert message.to == [ADDRESS]
    assert_typed_as_is(message.body, f"user {ADDRESS} has given your email address")


def test_allauth_account_already_exists_email_shows_the_address_as_typed(client):
    UserFactory(username="obrien", email=ADDRESS)

    client.post(
        "/en/accounts/signup/",
        {
            "full_name": "Ann Example",
            "email": ADDRESS,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    (message,) = mail.outbox
    assert message.subject == "[PauseAI] Account Already Exists"
    assert_typed_as_is(message.body, f"\n{ADDRESS}\n")


def test_pages_still_escape_what_emails_leave_as_typed(client):
    group = NationalGroupFactory(name_en="PauseAI <b>Bold</b> & Co")

    html = client.get(f"/en/national-groups/{group.slug}/").content.decode()

    assert "PauseAI &lt;b&gt;Bold&lt;/b&gt; &amp; Co" in html
    assert "<b>Bold</b>" not in html
