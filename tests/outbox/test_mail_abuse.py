"""Mail that could be abused: invitations only to plain addresses, names quoted as names,
and the team's mail (applicants' addresses and plans, requesters' details) only to the
members who can act on it, with a second factor."""

import pytest

from groups.models import GroupEdit, Invitation
from groups.services import GroupError, community_invitation_create, invitation_create
from tests.conftest import make_oversight_member
from tests.factories import (
    LocalCommunityFactory,
    MembershipFactory,
    NationalGroupFactory,
    UserFactory,
)
from tests.onboarding.test_application_workflow import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")


@pytest.fixture
def lead(group):
    return MembershipFactory(group=group, role="national_lead").user


@pytest.mark.parametrize(
    "address",
    [
        "x@[127.0.0.1]",
        '"a\x07b"@example.org',
        '"a b"@example.org',
        "ann@localhost",
        "ann@example",
        "ann@-example.org",
    ],
)
def test_invitations_go_only_to_plain_addresses(group, lead, address):
    with pytest.raises(GroupError, match="such as name@example.org"):
        invitation_create(group=group, email=address, role="member", invited_by=lead, language="en")

    assert Invitation.objects.count() == 0
    assert not GroupEdit.objects.exists()


def test_the_invitation_form_refuses_an_ip_address_and_keeps_what_was_typed(client, group, lead):
    client.force_login(lead)

    response = client.post(
        "/en/my/groups/belgium/invitations/", {"email": "x@[127.0.0.1]", "role": "member"}
    )

    assert response.status_code == 400
    assert "such as name@example.org" in response.content.decode()
    assert Invitation.objects.count() == 0


def test_a_community_name_is_quoted_as_a_name_in_the_invitation(group, lead, mailoutbox):
    ghent = LocalCommunityFactory(national_group=group, name="PauseAI Ghent")

    community_invitation_create(
        community=ghent, email="greet@example.org", invited_by=lead, language="en"
    )

    (message,) = mailoutbox
    assert message.subject == (
        "Invitation to organize the local community “PauseAI Ghent” of “PauseAI Belgium”"
    )
    assert "“PauseAI Ghent”" in message.body


def test_the_teams_mail_goes_only_to_members_with_a_second_factor(settings, mailoutbox):
    with_factor = make_oversight_member(settings, username="olga", email="olga@pauseai.info")
    without = UserFactory(username="tom", email="tom@pauseai.info", is_staff=True)
    without.groups.add(with_factor.groups.get())
    applicant = UserFactory(email="ann@example.org")

    submit(applicant, country="BE")

    assert [message.to for message in mailoutbox] == [["olga@pauseai.info"]]
