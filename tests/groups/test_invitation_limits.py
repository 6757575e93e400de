"""Invitations are limited: 20 a day per group and per sender, and one email a day to an
address at most (a lead once sent 25 invitations to arbitrary addresses in a row)."""

import datetime

import pytest
from django.utils import timezone

from groups.models import Invitation
from groups.services import GroupError, invitation_create
from tests.factories import InvitationFactory, MembershipFactory, NationalGroupFactory

pytestmark = pytest.mark.django_db

INVITE = "/en/my/groups/belgium/invitations/"


@pytest.fixture
def group():
    return NationalGroupFactory(slug="belgium", country="BE")


@pytest.fixture
def lead(client, group):
    user = MembershipFactory(group=group, role="national_lead").user
    client.force_login(user)
    return user


def invite(client, email):
    return client.post(INVITE, {"email": email, "role": "member"})


def test_twenty_five_invitations_in_a_row_send_twenty_emails(
    client, lead, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        responses = [invite(client, f"person{n}@example.org") for n in range(25)]

    assert [response.status_code for response in responses] == [302] * 20 + [400] * 5
    assert len(mailoutbox) == 20
    assert Invitation.objects.count() == 20
    refusal = " ".join(responses[-1].context["invitation_form"].errors["email"])
    assert "at most 20 invitations a day" in refusal
    assert 'value="person24@example.org"' in responses[-1].content.decode()


def test_the_group_has_one_daily_limit_whoever_sends(client, group, lead):
    other_lead = MembershipFactory(group=group, role="communications_lead").user
    for n in range(12):
        invitation_create(
            group=group, email=f"a{n}@example.org", role="member", invited_by=lead, language="en"
        )
    for n in range(8):
        invitation_create(
            group=group,
            email=f"b{n}@example.org",
            role="member",
            invited_by=other_lead,
            language="en",
        )

    with pytest.raises(GroupError, match="This group has sent 20 invitations today"):
        invitation_create(
            group=group, email="c@example.org", role="member", invited_by=other_lead, language="en"
        )


def test_an_address_gets_at_most_one_invitation_a_day_from_any_group(lead, group):
    other_group = NationalGroupFactory()
    other_lead = MembershipFactory(group=other_group, role="national_lead").user
    invitation_create(
        group=group, email="bob@example.org", role="member", invited_by=lead, language="en"
    )

    with pytest.raises(GroupError, match="was invited less than a day ago"):
        invitation_create(
            group=other_group,
            email="Bob@Example.org",
            role="member",
            invited_by=other_lead,
            language="en",
        )


def test_a_day_later_the_limits_are_free_again(client, group, lead):
    yesterday = timezone.now() - datetime.timedelta(days=1, minutes=1)
    for n in range(20):
        invitation = InvitationFactory(group=group, invited_by=lead, email=f"old{n}@example.org")
        Invitation.objects.filter(pk=invitation.pk).update(created_at=yesterday, sent_at=yesterday)

    response = invite(client, "new@example.org")

    assert response.status_code == 302


def test_the_form_says_the_limit(client, group, lead):
    html = client.get("/en/my/groups/belgium/").content.decode()

    assert "Up to 20 invitations a day" in html
