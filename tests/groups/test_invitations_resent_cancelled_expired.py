"""An invitation can be sent again and cancelled by whoever may send it, and expires after
INVITATION_VALID_DAYS: a lost or mistyped invitation is never a dead end ("has already
been invited"), and an old link does not stay good for ever."""

import datetime

import pytest
from django.utils import timezone

from groups.models import GroupEdit, Invitation, Membership
from groups.services import (
    GroupError,
    invitation_accept,
    invitation_cancel,
    invitation_create,
    invitation_resend,
)
from tests.factories import (
    LocalCommunityFactory,
    MembershipFactory,
    NationalGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PAGE = "/en/my/groups/belgium/"


@pytest.fixture
def group():
    return NationalGroupFactory(slug="belgium", country="BE")


@pytest.fixture
def lead(client, group):
    user = MembershipFactory(group=group, role="national_lead").user
    client.force_login(user)
    return user


def invite(group, lead, email="bob@example.org", role="member"):
    return invitation_create(group=group, email=email, role=role, invited_by=lead, language="en")


def a_day_later(invitation, days=1):
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=invitation.sent_at - datetime.timedelta(days=days, minutes=1),
        created_at=invitation.created_at - datetime.timedelta(days=days, minutes=1),
    )


def test_a_lead_sends_an_invitation_again_from_the_groups_page(client, group, lead, mailoutbox):
    invitation = invite(group, lead)
    a_day_later(invitation)
    mailoutbox.clear()

    response = client.post(f"{PAGE}invitations/{invitation.pk}/send-again/")

    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.to == ["bob@example.org"]
    assert str(invitation.token) in message.body
    invitation.refresh_from_db()
    assert invitation.sent_at > timezone.now() - datetime.timedelta(minutes=1)
    assert GroupEdit.objects.filter(kind=GroupEdit.Kind.INVITATION_SENT_AGAIN).count() == 1


def test_sending_again_within_a_day_is_refused_as_a_new_invitation_would_be(
    client, group, lead, mailoutbox
):
    invitation = invite(group, lead)
    mailoutbox.clear()

    response = client.post(f"{PAGE}invitations/{invitation.pk}/send-again/", follow=True)

    assert "less than a day ago" in response.content.decode()
    assert mailoutbox == []


def test_a_lead_cancels_an_invitation_and_its_link_no_longer_works(client, group, lead):
    invitation = invite(group, lead)
    bob = UserFactory(email="bob@example.org")

    response = client.post(f"{PAGE}invitations/{invitation.pk}/cancel/")

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None and invitation.cancelled_by == lead
    assert list(client.get(PAGE).context["invitations"]) == []
    with pytest.raises(GroupError, match="cancelled"):
        invitation_accept(invitation=invitation, user=bob)
    assert not Membership.objects.filter(user=bob).exists()
    assert GroupEdit.objects.filter(kind=GroupEdit.Kind.INVITATION_CANCELLED).count() == 1


def test_a_cancelled_address_can_be_invited_again(group, lead):
    first = invite(group, lead)
    invitation_cancel(invitation=first, cancelled_by=lead)
    a_day_later(first)

    second = invite(group, lead)

    assert second.pk != first.pk


def test_an_invitation_expires_after_its_days_and_then_grants_nothing(settings, group, lead):
    invitation = invite(group, lead)
    bob = UserFactory(email="bob@example.org")
    a_day_later(invitation, days=settings.INVITATION_VALID_DAYS)

    with pytest.raises(GroupError, match="expired"):
        invitation_accept(invitation=invitation, user=bob)


def test_an_expired_invitation_shows_as_expired_and_can_be_sent_again(
    client, settings, group, lead, mailoutbox
):
    invitation = invite(group, lead)
    a_day_later(invitation, days=settings.INVITATION_VALID_DAYS)
    mailoutbox.clear()

    page = client.get(PAGE).content.decode()
    client.post(f"{PAGE}invitations/{invitation.pk}/send-again/")

    assert "expired" in page.lower()
    assert len(mailoutbox) == 1
    invitation.refresh_from_db()
    bob = UserFactory(email="bob@example.org")
    assert invitation_accept(invitation=invitation, user=bob).role == "member"


def test_inviting_an_address_whose_invitation_expired_sends_a_new_one(settings, group, lead):
    old = invite(group, lead)
    a_day_later(old, days=settings.INVITATION_VALID_DAYS)

    new = invite(group, lead)

    old.refresh_from_db()
    assert old.cancelled_at is not None
    assert new.pk != old.pk


def test_an_open_invitation_is_pointed_to_not_sent_twice(group, lead):
    invite(group, lead)

    with pytest.raises(GroupError, match="send it again"):
        invite(group, lead)


def test_nobody_sends_again_or_cancels_above_their_own_role(client, group, lead):
    national = invite(group, lead, email="nat@example.org", role="national_lead")
    a_day_later(national)
    communications = MembershipFactory(group=group, role="communications_lead").user
    client.force_login(communications)

    resent = client.post(f"{PAGE}invitations/{national.pk}/send-again/")
    cancelled = client.post(f"{PAGE}invitations/{national.pk}/cancel/")

    assert resent.status_code in (302, 400, 403)
    assert cancelled.status_code in (302, 400, 403)
    national.refresh_from_db()
    assert national.cancelled_at is None
    assert national.sent_at < timezone.now() - datetime.timedelta(days=1)


def test_a_member_or_a_stranger_cannot_send_again_or_cancel(client, group, lead):
    invitation = invite(group, lead)
    member = MembershipFactory(group=group, role="member").user
    stranger = MembershipFactory(role="national_lead").user

    for who in (member, stranger):
        client.force_login(who)
        assert client.post(f"{PAGE}invitations/{invitation.pk}/cancel/").status_code in (403, 404)
        assert client.post(f"{PAGE}invitations/{invitation.pk}/send-again/").status_code in (
            403,
            404,
        )
    invitation.refresh_from_db()
    assert invitation.cancelled_at is None


def test_another_groups_invitation_is_not_found_under_this_group(client, group, lead):
    other = NationalGroupFactory()
    other_lead = MembershipFactory(group=other, role="national_lead").user
    foreign = invite(other, other_lead, email="carla@example.org")

    assert client.post(f"{PAGE}invitations/{foreign.pk}/cancel/").status_code == 404


def test_a_community_invitation_is_sent_again_and_cancelled_from_the_communitys_page(
    client, group, lead, mailoutbox
):
    from groups.services import community_invitation_create

    ghent = LocalCommunityFactory(national_group=group, name="PauseAI Ghent")
    invitation = community_invitation_create(
        community=ghent, email="greet@example.org", invited_by=lead, language="en"
    )
    a_day_later(invitation)
    mailoutbox.clear()

    resent = client.post(f"{PAGE}invitations/{invitation.pk}/send-again/")
    cancelled = client.post(f"{PAGE}invitations/{invitation.pk}/cancel/")

    assert resent["Location"] == f"{PAGE}communities/{ghent.pk}/organizers/"
    assert cancelled.status_code == 302
    assert len(mailoutbox) == 1
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None


def test_the_resend_is_in_the_resenders_name(group, lead):
    invitation = invite(group, lead)
    a_day_later(invitation)
    communications = MembershipFactory(group=group, role="communications_lead").user

    invitation_resend(invitation=invitation, sent_by=communications, language="en")

    invitation.refresh_from_db()
    assert invitation.invited_by == communications
