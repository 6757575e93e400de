import datetime

import pytest
from django.urls import reverse

from groups.models import NationalGroup
from tests.factories import (
    ActivityFactory,
    ActivityReportFactory,
    CommunityMembershipFactory,
    LinkFactory,
    LocalCommunityFactory,
    MembershipFactory,
    NationalGroupFactory,
    OversightTeamMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def group_url(group, language="en"):
    return f"/{language}/national-groups/{group.slug}/"


def test_group_page_shows_the_public_profile(client):
    coach = OversightTeamMemberFactory(display_name="Joep Meindertsma")
    group = NationalGroupFactory(
        country="NL",
        name_en="PauseAI Netherlands",
        name_nl="PauseAI Nederland",
        description_en="We organise in every Dutch city.",
        description_nl="We organiseren in elke Nederlandse stad.",
        public_email="netherlands@pauseai.info",
        founded_on=datetime.date(2023, 5, 12),
        coach=coach,
        internal_notes="Needs help with fundraising",
    )
    LinkFactory(national_group=group, kind="website", url="https://pauseai.nl/")
    LinkFactory(national_group=group, kind="x", url="https://x.com/PauseAI_NL")
    LocalCommunityFactory(national_group=group, city="Utrecht", name="PauseAI Utrecht")
    LocalCommunityFactory(
        national_group=group, city="Delft", name="PauseAI Delft", status="inactive"
    )
    MembershipFactory(group=group, public_name="Anna de Vries")

    html = client.get(group_url(group, "nl")).content.decode()

    assert "PauseAI Nederland" in html
    assert "Nederland" in html and "flags/nl.gif" in html
    assert "We organiseren in elke Nederlandse stad." in html
    assert 'href="https://pauseai.nl/"' in html
    assert 'href="https://x.com/PauseAI_NL"' in html
    assert "mailto:netherlands@pauseai.info" in html
    assert "PauseAI Utrecht" in html
    assert "PauseAI Delft" not in html
    assert "Joep Meindertsma" in html
    assert "Anna de Vries" in html
    assert "2023" in html
    assert "Needs help with fundraising" not in html


def test_unknown_group_slug_is_404(client):
    assert client.get("/en/national-groups/atlantis/").status_code == 404


@pytest.mark.parametrize("status", ["forming", "dissolved"])
def test_groups_that_are_not_public_are_404_for_visitors(client, status):
    group = NationalGroupFactory(status=status)

    assert client.get(group_url(group)).status_code == 404


def test_inactive_group_page_stays_reachable_and_says_so(client):
    group = NationalGroupFactory(status=NationalGroup.Status.INACTIVE)

    response = client.get(group_url(group))

    assert response.status_code == 200
    assert "Inactive" in response.content.decode()


def test_organizers_and_oversight_team_preview_a_forming_group(client, oversight_member):
    group = NationalGroupFactory(status=NationalGroup.Status.FORMING)
    organizer = MembershipFactory(group=group).user
    other_groups_organizer = MembershipFactory().user

    client.force_login(organizer)
    assert client.get(group_url(group)).status_code == 200
    client.force_login(oversight_member)
    assert client.get(group_url(group)).status_code == 200
    client.force_login(other_groups_organizer)
    assert client.get(group_url(group)).status_code == 404


def test_private_chat_link_is_shown_only_to_own_organizers_and_oversight_team(
    client, oversight_member
):
    group = NationalGroupFactory()
    LinkFactory(
        national_group=group,
        kind="whatsapp",
        url="https://chat.whatsapp.com/InviteCode",
        is_private=True,
    )
    # A community's private link stays on the community's own page, whoever looks.
    community = LocalCommunityFactory(national_group=group)
    LinkFactory(
        community=community,
        kind="signal",
        url="https://signal.group/#CommunityCode",
        is_private=True,
    )
    organizer = MembershipFactory(group=group).user
    other_groups_organizer = MembershipFactory().user
    stranger = UserFactory()

    def sees_chat_link(user):
        client.logout()
        if user:
            client.force_login(user)
        html = client.get(group_url(group)).content.decode()
        assert "CommunityCode" not in html
        return "chat.whatsapp.com/InviteCode" in html

    assert not sees_chat_link(None)
    assert not sees_chat_link(stranger)
    assert not sees_chat_link(other_groups_organizer)
    assert sees_chat_link(organizer)
    assert sees_chat_link(oversight_member)


def test_coach_who_is_not_public_stays_unnamed(client):
    coach = OversightTeamMemberFactory(display_name="Hidden Coach", is_public=False)
    group = NationalGroupFactory(coach=coach)

    assert "Hidden Coach" not in client.get(group_url(group)).content.decode()


def test_group_url_is_built_by_reverse(client):
    group = NationalGroupFactory(slug="pauseai-belgium")

    assert reverse("groups:national_group_detail", kwargs={"slug": group.slug}) == (
        "/en/national-groups/pauseai-belgium/"
    )


def test_leads_are_listed_national_lead_first(client):
    group = NationalGroupFactory()
    MembershipFactory(
        group=group, role="communications_lead", public_name="Ann Comms", public_name_shown=True
    )
    MembershipFactory(group=group, role="national_lead", public_name="Zoe Lead")
    MembershipFactory(group=group, role="member", public_name="Max Member")

    html = client.get(group_url(group)).content.decode()

    assert html.index("Zoe Lead") < html.index("Ann Comms")
    assert "Max Member" not in html


@pytest.mark.parametrize("community_count", [3, 300])
def test_group_page_runs_the_same_queries_for_3_or_300_communities(
    client, django_assert_num_queries, community_count
):
    group = NationalGroupFactory(country="NL", slug="nl")
    LinkFactory(national_group=group, kind="website", url="https://pauseai.nl/")
    MembershipFactory(group=group, public_name="Anna de Vries")
    for index in range(community_count):
        community = LocalCommunityFactory(national_group=group, city=f"City {index}")
        LinkFactory(community=community, kind="x", url=f"https://x.com/pauseai_{index}")
        CommunityMembershipFactory(
            community=community, public_name=f"Organizer {index}", public_name_shown=True
        )

    report = ActivityReportFactory(group=group, sent=True, publish_activities=True)
    for _index in range(community_count // 10 + 1):
        ActivityFactory(report=report)

    # 1 the group with its coach, 1 its active communities, 1 the public links of both,
    # 1 their named organizers, 1 its named leads, 1 the latest report it published and
    # 1 that report's activities (coaching/page_sections.py).
    with django_assert_num_queries(7):
        response = client.get(group_url(group))

    html = response.content.decode()
    assert html.count('class="community"') == community_count
    assert "https://x.com/pauseai_0" in html
    assert html.count("Organizer ") == community_count
    # Each template once, however many communities: the rows' markup is in the page's loop.
    templates = [template.name for template in response.templates]
    assert len(templates) == len(set(templates)), templates


def test_each_community_lists_the_organizers_who_chose_to_be_named(client):
    group = NationalGroupFactory()
    ghent = LocalCommunityFactory(national_group=group, name="PauseAI Ghent", city="Ghent")
    bruges = LocalCommunityFactory(national_group=group, name="PauseAI Bruges", city="Bruges")
    CommunityMembershipFactory(
        community=ghent,
        public_name="Greet Ghent",
        public_name_shown=True,
        user__username="greet-account",
        user__email="greet@example.org",
    )
    CommunityMembershipFactory(community=ghent, public_name="Hidden Hanne")
    CommunityMembershipFactory(community=bruges, public_name="", public_name_shown=True)
    CommunityMembershipFactory(community=bruges, public_name="Bram Bruges", public_name_shown=True)

    html = client.get(group_url(group)).content.decode()

    rows = html.split('<li class="community">')[1:]
    [ghent_row] = [row for row in rows if "PauseAI Ghent" in row]
    [bruges_row] = [row for row in rows if "PauseAI Bruges" in row]
    assert "Greet Ghent" in ghent_row and "Community organizer" in ghent_row
    assert "Bram Bruges" in bruges_row and "Greet Ghent" not in bruges_row
    assert "Hidden Hanne" not in html
    # The public name only: never the address or the account's name.
    assert "greet@example.org" not in html and "greet-account" not in html


def test_a_group_with_nothing_to_say_about_it_has_no_empty_about_heading(client):
    bare = NationalGroupFactory(
        public_email="", founded_on=None, legal_entity_name="", coach=None, description_en=""
    )
    founded = NationalGroupFactory(founded_on=datetime.date(2024, 1, 5), coach=None)

    assert "About the group" not in client.get(group_url(bare)).content.decode()
    assert "About the group" in client.get(group_url(founded)).content.decode()
