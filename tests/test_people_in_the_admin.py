"""The admin names people as the oversight team knows them: by their name and address, or
the address alone (common.names.person), never by the username allauth made up for the
account, which nobody chose and nobody knows. Every page the team opens is read: the
home page, every changelist, and the change and history pages of a registry where each
person has acted (an application reviewed and approved, a group's changes, invitations,
a community's organizer, a microgrant approved with a receipt)."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from pghistory.models import Events

from groups.models import GroupEdit, LocalCommunity
from groups.services import community_invitation_create, invitation_accept
from microgrants.services import microgrant_approve, microgrant_start_review
from onboarding.services import application_approve, application_start_review
from tests.admin_home import change_url
from tests.conftest import log_in_with_second_factor, make_oversight_member
from tests.factories import (
    GroupApplicationFactory,
    LocalCommunityFactory,
    MicrograntRequestFactory,
    OversightTeamMemberFactory,
    UserFactory,
)
from tests.microgrants.helpers import receipt_for

pytestmark = pytest.mark.django_db

# Made up as allauth makes them up, and found in no name and no address.
MADE_UP = ("made-up-olga", "made-up-ann", "made-up-bob")


@pytest.fixture
def team_client(client, settings):
    """An oversight member whose account has an address and no name."""
    olga = make_oversight_member(
        settings, username="made-up-olga", email="o.reviewer@pauseai.info", first_name=""
    )
    return log_in_with_second_factor(client, olga), olga


def registry(olga):
    """An application by Ann, reviewed and approved by Olga (who so coaches the group), a
    community organized by Bob, and Ann's microgrant, approved by Olga."""
    ann = UserFactory(username="made-up-ann", email="ann@example.org", first_name="Ann Example")
    bob = UserFactory(username="made-up-bob", email="bob@example.org", first_name="Bob Builder")
    application = GroupApplicationFactory(
        applicant=ann, country="BE", co_organizer_emails="carla@example.org"
    )
    application_start_review(application=application, reviewer=olga)
    group = application_approve(application=application, reviewer=olga)
    community = LocalCommunityFactory(national_group=group, country="BE")
    invitation = community_invitation_create(
        community=community, email=bob.email, invited_by=ann, language="en"
    )
    invitation_accept(invitation=invitation, user=bob)
    microgrant = MicrograntRequestFactory(
        status="submitted", group=group, requested_by=ann, amount_requested=Decimal("500.00")
    )
    microgrant_start_review(microgrant=microgrant, reviewer=olga)
    microgrant_approve(microgrant=microgrant, reviewer=olga)
    receipt_for(microgrant)
    return [application, group, community, microgrant, group.coach]


def pages_of(registry_rows):
    """Every changelist the team may open, and each row's change and history pages; not
    the accounts' own (where the username is a field of the account), nor pghistory's
    events, which name an account by its key and address (their context) and whose
    query works out every event's changes in every history table before it narrows or
    cuts the page: over the database's 4 s deadline once the whole suite has filled and
    emptied those tables, whatever the page asks for."""
    User = get_user_model()
    for model in admin.site._registry:
        if model is not User and model is not Events:
            opts = model._meta
            yield reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    for row in registry_rows:
        yield change_url(row)
        yield change_url(row).replace("/change/", "/history/")


def test_no_admin_page_names_anyone_by_their_made_up_username(team_client):
    client, olga = team_client
    rows = registry(olga)
    assert GroupEdit.objects.filter(editor__username="made-up-ann").exists()
    assert LocalCommunity.objects.get().organizers.exists()

    opened = []
    for url in ["/admin/", *pages_of(rows)]:
        response = client.get(url)
        if response.status_code == 403:  # a model the team may not view
            continue
        assert response.status_code == 200, url
        html = response.content.decode()
        opened.append(url)
        for username in MADE_UP:
            assert username not in html, (url, username)

    assert len(opened) > 15
    group_page = client.get(change_url(rows[1])).content.decode()
    # The coach, whose account has no name, by their address; the group's changes by who.
    assert "o.reviewer@pauseai.info" in group_page
    assert "Ann Example (ann@example.org)" in group_page
    assert "Bob Builder (bob@example.org)" in group_page


def test_the_coach_is_chosen_by_name_or_address(team_client, settings):
    client, olga = team_client
    carla = make_oversight_member(
        settings, username="made-up-carla", email="carla@pauseai.info", first_name="Carla Coach"
    )
    registry(olga)
    OversightTeamMemberFactory(user=carla, display_name="Carla")
    application = GroupApplicationFactory(country="NL", status="in_review")

    html = client.get(change_url(application)).content.decode()

    assert ">Carla Coach (carla@pauseai.info)</option>" in html
    assert ">o.reviewer@pauseai.info</option>" in html
    assert "made-up" not in html


def test_the_autocomplete_of_an_organizer_offers_people_by_name_and_address(team_client):
    client, olga = team_client
    registry(olga)

    response = client.get(
        "/admin/autocomplete/",
        {"term": "ann", "app_label": "groups", "model_name": "membership", "field_name": "user"},
    )

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == [
        "Ann Example (ann@example.org)"
    ]
