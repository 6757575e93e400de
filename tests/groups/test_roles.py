"""Roles in a group: nobody grants a role above their own, and only a national lead (or
the oversight team) adds, promotes, demotes or removes a national lead."""

import pytest
from django.db import connection

from groups.models import GroupEdit, Invitation, Membership
from groups.services import (
    GroupError,
    invitation_accept,
    invitation_create,
    membership_change_role,
    membership_remove,
)
from tests.admin_forms import admin_form_data
from tests.concurrency import race
from tests.factories import (
    InvitationFactory,
    MembershipFactory,
    NationalGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Role = Membership.Role
DASHBOARD = "/en/my/groups/belgium/"


@pytest.fixture
def group():
    return NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")


@pytest.fixture
def national_lead(group):
    return MembershipFactory(group=group, role=Role.NATIONAL_LEAD, user__username="nora")


@pytest.fixture
def communications_lead(group, national_lead):
    return MembershipFactory(group=group, role=Role.COMMUNICATIONS_LEAD, user__username="cas")


def test_the_role_order_is_written_once_on_the_role():
    assert sorted(Role, key=lambda role: role.rank, reverse=True) == [
        Role.NATIONAL_LEAD,
        Role.COMMUNICATIONS_LEAD,
        Role.ORGANIZING_LEAD,
        Role.MEMBER,
    ]
    assert Role.at_most(Role.COMMUNICATIONS_LEAD) == [
        Role.COMMUNICATIONS_LEAD,
        Role.ORGANIZING_LEAD,
        Role.MEMBER,
    ]
    assert Membership.MANAGING_ROLES == (Role.NATIONAL_LEAD, Role.COMMUNICATIONS_LEAD)


def test_the_takeover_of_the_issue_is_refused_at_every_step(
    client, group, national_lead, communications_lead
):
    """A communications lead invites a second account of their own as national lead,
    accepts it, and removes the original national lead."""
    client.force_login(communications_lead.user)

    invited = client.post(
        "/en/my/groups/belgium/invitations/", {"email": "cas2@example.org", "role": "national_lead"}
    )
    removed = client.post(f"/en/my/groups/belgium/organizers/{national_lead.pk}/remove/")

    assert invited.status_code == 400
    assert "Select a valid choice." in " ".join(invited.context["invitation_form"].errors["role"])
    assert not Invitation.objects.exists()
    assert removed.status_code == 403
    assert Membership.objects.filter(pk=national_lead.pk, role=Role.NATIONAL_LEAD).exists()


def test_a_communications_lead_cannot_remove_a_national_lead_even_when_there_are_two(
    group, national_lead, communications_lead
):
    second_lead = MembershipFactory(group=group, role=Role.NATIONAL_LEAD)

    with pytest.raises(GroupError, match="Only a national lead or the oversight team"):
        membership_remove(membership=second_lead, removed_by=communications_lead.user)

    assert Membership.objects.filter(pk=second_lead.pk).exists()


def test_the_invitation_form_offers_only_the_roles_the_inviter_may_give(
    client, group, communications_lead
):
    client.force_login(communications_lead.user)

    form = client.get(DASHBOARD).context["invitation_form"]

    assert [value for value, _label in form.fields["role"].choices] == [
        "communications_lead",
        "organizing_lead",
        "member",
    ]


def test_a_communications_lead_may_invite_up_to_their_own_role(group, communications_lead):
    invitation = invitation_create(
        group=group,
        email="lea@example.org",
        role=Role.COMMUNICATIONS_LEAD,
        invited_by=communications_lead.user,
        language="en",
    )

    assert invitation.role == Role.COMMUNICATIONS_LEAD


def test_the_service_refuses_a_role_above_the_inviters_own(group, communications_lead):
    with pytest.raises(GroupError, match="at most your own role"):
        invitation_create(
            group=group,
            email="cas2@example.org",
            role=Role.NATIONAL_LEAD,
            invited_by=communications_lead.user,
            language="en",
        )


def test_an_invitation_whose_sender_lost_the_role_no_longer_grants_it(
    group, national_lead, communications_lead
):
    """An invitation grants its role when it is accepted: its sender must still be able to."""
    invitation = InvitationFactory(
        group=group,
        email="lea@example.org",
        role=Role.COMMUNICATIONS_LEAD,
        invited_by=communications_lead.user,
    )
    membership_change_role(
        membership=communications_lead, role=Role.MEMBER, changed_by=national_lead.user
    )
    lea = UserFactory(username="lea", email="lea@example.org")

    with pytest.raises(GroupError, match="no longer valid"):
        invitation_accept(invitation=invitation, user=lea)

    assert not group.memberships.filter(user=lea).exists()


def test_an_old_national_lead_invitation_from_a_communications_lead_grants_nothing(
    client, group, national_lead, communications_lead
):
    invitation = InvitationFactory(
        group=group,
        email="cas2@example.org",
        role=Role.NATIONAL_LEAD,
        invited_by=communications_lead.user,
    )
    client.force_login(UserFactory(username="cas2", email="cas2@example.org"))

    response = client.post(f"/en/invitations/{invitation.token}/")

    assert response.status_code == 403
    assert group.memberships.filter(role=Role.NATIONAL_LEAD).count() == 1


def test_a_national_lead_adds_promotes_demotes_and_removes_national_leads(group, national_lead):
    member = MembershipFactory(group=group, role=Role.MEMBER)

    membership_change_role(
        membership=member, role=Role.NATIONAL_LEAD, changed_by=national_lead.user
    )
    membership_change_role(
        membership=national_lead, role=Role.ORGANIZING_LEAD, changed_by=member.user
    )
    membership_remove(membership=national_lead, removed_by=member.user)

    assert list(group.memberships.values_list("role", flat=True)) == [Role.NATIONAL_LEAD]
    assert GroupEdit.objects.filter(group=group).count() == 3


def test_the_last_national_lead_cannot_step_down(group, national_lead):
    with pytest.raises(GroupError, match="at least one national lead"):
        membership_change_role(
            membership=national_lead, role=Role.MEMBER, changed_by=national_lead.user
        )

    national_lead.refresh_from_db()
    assert national_lead.role == Role.NATIONAL_LEAD


def test_a_communications_lead_demotes_an_organizing_lead_but_cannot_promote_above_themselves(
    group, communications_lead
):
    organizer = MembershipFactory(group=group, role=Role.ORGANIZING_LEAD)

    membership_change_role(
        membership=organizer, role=Role.MEMBER, changed_by=communications_lead.user
    )
    with pytest.raises(GroupError, match="at most your own role"):
        membership_change_role(
            membership=organizer, role=Role.NATIONAL_LEAD, changed_by=communications_lead.user
        )

    organizer.refresh_from_db()
    assert organizer.role == Role.MEMBER


def test_a_member_changes_nobodys_role(client, group, national_lead):
    member = MembershipFactory(group=group, role=Role.MEMBER)
    client.force_login(member.user)

    response = client.post(
        f"/en/my/groups/belgium/organizers/{national_lead.pk}/role/", {"role": "member"}
    )

    assert response.status_code == 403
    national_lead.refresh_from_db()
    assert national_lead.role == Role.NATIONAL_LEAD


def test_a_lead_changes_a_role_from_the_dashboard(client, group, national_lead):
    member = MembershipFactory(group=group, role=Role.MEMBER)
    client.force_login(national_lead.user)

    response = client.post(
        f"/en/my/groups/belgium/organizers/{member.pk}/role/", {"role": "organizing_lead"}
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == Role.ORGANIZING_LEAD


def test_a_bad_role_on_the_dashboard_is_explained(client, group, national_lead):
    member = MembershipFactory(group=group, role=Role.MEMBER)
    client.force_login(national_lead.user)

    response = client.post(
        f"/en/my/groups/belgium/organizers/{member.pk}/role/", {"role": "boss"}, follow=True
    )

    assert "Select a valid choice." in response.content.decode()
    member.refresh_from_db()
    assert member.role == Role.MEMBER


def test_the_dashboard_offers_remove_and_role_changes_only_where_allowed(
    client, group, national_lead, communications_lead
):
    member = MembershipFactory(group=group, role=Role.MEMBER)
    client.force_login(communications_lead.user)

    html = client.get(DASHBOARD).content.decode()

    assert f"/organizers/{member.pk}/remove/" in html
    assert f"/organizers/{national_lead.pk}/remove/" not in html
    assert f"/organizers/{national_lead.pk}/role/" not in html


def test_the_oversight_team_may_give_any_role(group, national_lead, oversight_member):
    invitation = invitation_create(
        group=group,
        email="new-lead@example.org",
        role=Role.NATIONAL_LEAD,
        invited_by=oversight_member,
        language="en",
    )

    assert invitation.role == Role.NATIONAL_LEAD


def test_organizers_are_listed_by_role_national_lead_first(client, group, national_lead):
    MembershipFactory(group=group, role=Role.MEMBER)
    MembershipFactory(group=group, role=Role.COMMUNICATIONS_LEAD)
    MembershipFactory(group=group, role=Role.ORGANIZING_LEAD)
    client.force_login(national_lead.user)

    memberships = client.get(DASHBOARD).context["memberships"]

    assert [membership.role for membership in memberships] == [
        Role.NATIONAL_LEAD,
        Role.COMMUNICATIONS_LEAD,
        Role.ORGANIZING_LEAD,
        Role.MEMBER,
    ]


def test_the_admin_keeps_the_last_national_lead(oversight_client, group, national_lead):
    response = oversight_client.get(f"/admin/groups/nationalgroup/{group.pk}/change/")
    data = admin_form_data(response)
    data["memberships-0-role"] = "member"

    response = oversight_client.post(f"/admin/groups/nationalgroup/{group.pk}/change/", data)

    assert response.status_code == 200
    assert "A group always keeps at least one national lead." in response.content.decode()
    national_lead.refresh_from_db()
    assert national_lead.role == Role.NATIONAL_LEAD


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"
)
def test_two_national_leads_removing_each_other_at_once_leave_one():
    group = NationalGroupFactory()
    first = MembershipFactory(group=group, role=Role.NATIONAL_LEAD)
    second = MembershipFactory(group=group, role=Role.NATIONAL_LEAD)

    outcomes = race(
        lambda: membership_remove(membership=first, removed_by=second.user),
        lambda: membership_remove(membership=second, removed_by=first.user),
        refusal=GroupError,
    )

    assert outcomes[0] == "done"
    assert outcomes[1].startswith("refused:")
    assert group.memberships.filter(role=Role.NATIONAL_LEAD).count() == 1
