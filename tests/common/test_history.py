"""Every change is in the history, from any screen or none: who, when, old and new values.

The history is kept by PostgreSQL triggers (django-pghistory); CI runs these on it.
"""

from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction

from groups.models import LocalCommunity, NationalGroup
from microgrants.services import microgrant_approve, microgrant_start_review, microgrant_submit
from tests.admin_forms import admin_form_data
from tests.factories import (
    LocalCommunityFactory,
    MembershipFactory,
    MicrograntRequestFactory,
    NationalGroupFactory,
    OversightTeamMemberFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the history is kept by PostgreSQL triggers"
    ),
]


def last_change(obj):
    return obj.changes.order_by("pgh_id").last()


def diff(change) -> dict:
    """{field: [before, after]} of one change, as pghistory computes it."""
    from pghistory.models import Events

    return Events.objects.filter(pgh_id=change.pgh_id, pgh_model=change._meta.label).get().pgh_diff


def test_an_admin_change_of_status_and_coach_is_recorded_with_who_and_both_values(
    oversight_client, oversight_member
):
    group = NationalGroupFactory(status="forming")
    coach = OversightTeamMemberFactory(display_name="Carla")
    url = f"/admin/groups/nationalgroup/{group.pk}/change/"
    data = {**admin_form_data(oversight_client.get(url)), "status": "active", "coach": coach.pk}

    response = oversight_client.post(url, data)

    assert response.status_code == 302
    change = last_change(group)
    assert change.pgh_label == "update"
    assert diff(change)["status"] == ["forming", "active"]
    assert diff(change)["coach_id"] == [None, coach.pk]
    assert change.pgh_context.metadata["user"] == oversight_member.pk
    assert change.pgh_context.metadata["email"] == oversight_member.email
    assert change.pgh_context.metadata["url"] == url
    assert change.pgh_created_at is not None


def test_a_bulk_update_from_the_shell_does_not_vanish():
    group = NationalGroupFactory(status="active")

    NationalGroup.objects.filter(pk=group.pk).update(status="inactive")

    change = last_change(group)
    assert diff(change)["status"] == ["active", "inactive"]
    assert change.pgh_context is None  # no request: nobody to name, but the change is there


def test_a_community_change_and_its_deletion_are_recorded(oversight_client):
    community = LocalCommunityFactory(city="Ghent")
    url = f"/admin/groups/localcommunity/{community.pk}/change/"

    oversight_client.post(url, {**admin_form_data(oversight_client.get(url)), "city": "Gent"})
    LocalCommunity.objects.filter(pk=community.pk).delete()

    labels = list(community.changes.order_by("pgh_id").values_list("pgh_label", flat=True))
    assert labels == ["insert", "update", "delete"]
    assert community.changes.get(pgh_label="update").city == "Gent"


def test_a_grants_approved_amount_is_recorded(oversight_member):
    grant = MicrograntRequestFactory(amount_requested=Decimal("800.00"))
    microgrant_submit(grant=grant, user=grant.requested_by)
    microgrant_start_review(grant=grant, reviewer=oversight_member)

    microgrant_approve(grant=grant, reviewer=oversight_member, amount=Decimal("500.00"))

    change = last_change(grant)
    assert change.amount_approved == Decimal("500.00")
    assert diff(change)["amount_approved"][0] is None
    assert diff(change)["status"] == ["in_review", "approved"]


def test_an_organizers_role_change_is_recorded(client):
    group = NationalGroupFactory(slug="belgium")
    lead = MembershipFactory(group=group, role="national_lead")
    member = MembershipFactory(group=group, role="member")
    client.force_login(lead.user)

    client.post(f"/en/my/groups/belgium/organizers/{member.pk}/role/", {"role": "organizing_lead"})

    change = last_change(member)
    assert diff(change)["role"] == ["member", "organizing_lead"]
    assert change.pgh_context.metadata["user"] == lead.user.pk


def test_the_history_cannot_be_changed_or_deleted():
    group = NationalGroupFactory()
    change = last_change(group)

    with pytest.raises(DatabaseError), transaction.atomic():
        type(change).objects.filter(pk=change.pk).update(status="dissolved")
    with pytest.raises(DatabaseError), transaction.atomic():
        type(change).objects.filter(pk=change.pk).delete()


def test_the_oversight_team_reads_a_groups_history_in_the_admin(oversight_client):
    group = NationalGroupFactory(status="forming")
    NationalGroup.objects.filter(pk=group.pk).update(status="active")

    change_page = oversight_client.get(f"/admin/groups/nationalgroup/{group.pk}/change/")
    history = oversight_client.get(f"/admin/pghistory/events/?obj=groups.NationalGroup:{group.pk}")

    assert "/admin/pghistory/events/" in change_page.content.decode()
    assert history.status_code == 200
    html = history.content.decode()
    assert "forming" in html and "active" in html
