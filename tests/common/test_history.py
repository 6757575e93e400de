"""Every change is in the history, from any screen or none: who, when, old and new values.

The history is kept by PostgreSQL triggers (django-pghistory); CI runs these on it.
"""

from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction

from groups.models import LocalCommunity, NationalGroup
from microgrants.services import microgrant_approve, microgrant_start_review, microgrant_submit
from tests.admin_forms import admin_form_data
from tests.conftest import log_in_with_second_factor, make_oversight_member, make_superuser
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


def test_a_microgrants_approved_amount_is_recorded(oversight_member):
    microgrant = MicrograntRequestFactory(amount_requested=Decimal("800.00"))
    microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)
    microgrant_start_review(microgrant=microgrant, reviewer=oversight_member)

    microgrant_approve(microgrant=microgrant, reviewer=oversight_member, amount=Decimal("500.00"))

    change = last_change(microgrant)
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


# The history's admin pages (pghistory's) ------------------------------------------

EVENTS = "/admin/pghistory/events/"


@pytest.fixture(params=["oversight member", "superuser"])
def reader(request, client, settings):
    """Whoever reads the history in the admin: the oversight team, and a superuser."""
    if request.param == "superuser":
        user = make_superuser(username="root")
    else:
        user = make_oversight_member(settings, username="olga")
    return log_in_with_second_factor(client, user)


def renamed_group():
    """A group with a change the history shows: its name, before and after."""
    group = NationalGroupFactory(name_en="PauseAI Belgium")
    NationalGroup.objects.filter(pk=group.pk).update(name_en="PauseAI Belgique")
    return group


def test_show_counts_on_the_history_shows_the_history(reader):
    group = renamed_group()

    everything = reader.get(f"{EVENTS}?_facets=True")
    of_the_group = reader.get(f"{EVENTS}?obj=groups.NationalGroup:{group.pk}&_facets=True")

    assert everything.status_code == 200 and of_the_group.status_code == 200
    assert "PauseAI Belgique" in of_the_group.content.decode()
    # Counts across every history table are one query per label and kind: not offered.
    assert "Show counts" not in reader.get(EVENTS).content.decode()


@pytest.mark.parametrize(
    "event_model",
    ["nope.Nope", "nope", "groups.nationalgroup", "auth.user", "groups.NoSuchChange", "."],
)
def test_an_unknown_kind_of_history_is_the_history_with_a_message(reader, event_model):
    renamed_group()

    response = reader.get(EVENTS, {"event_model": event_model, "label": "update"}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(f"{EVENTS}?label=update", 302)]
    html = response.content.decode()
    assert "There is no history of that kind." in html
    assert "PauseAI Belgique" in html


def test_a_known_kind_of_history_still_filters(reader):
    renamed_group()
    community = LocalCommunityFactory(name="Gent", national_group=None)
    LocalCommunity.objects.filter(pk=community.pk).update(name="Gent Community")

    response = reader.get(EVENTS, {"event_model": "groups.localcommunitychange"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Gent Community" in html and "PauseAI Belgique" not in html


@pytest.mark.parametrize("obj", ["groups.NationalGroup:abc", "nope.Nope:1", "groups.NationalGroup"])
def test_an_object_that_cannot_be_is_the_history_with_a_message(reader, obj):
    response = reader.get(EVENTS, {"obj": obj}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(EVENTS, 302)]
    assert "There is no such object." in response.content.decode()


def test_a_deleted_communitys_history_is_still_read(reader):
    community = LocalCommunityFactory(name="Gent", national_group=None)
    pk = community.pk
    LocalCommunity.objects.filter(pk=pk).update(name="Gent Community")
    LocalCommunity.objects.filter(pk=pk).delete()

    response = reader.get(
        EVENTS, {"obj": f"groups.LocalCommunity:{pk}", "method": "tracks", "back": "/admin/"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Gent Community" in html
    assert f"Tracks local community {pk} (deleted)" in html
