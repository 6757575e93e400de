import re

import pytest

from groups.models import LocalCommunity
from tests.factories import COUNTRY_CODES, LinkFactory, LocalCommunityFactory, NationalGroupFactory

pytestmark = pytest.mark.django_db


def communities_page(client, language="en", query=""):
    response = client.get(f"/{language}/communities/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_communities_are_grouped_by_country_and_coordinating_group(client):
    germany = NationalGroupFactory(country="DE", name_en="PauseAI Germany")
    LocalCommunityFactory(national_group=germany, city="Berlin", name="PauseAI Berlin")
    LocalCommunityFactory(national_group=germany, city="Munich", name="PauseAI München")
    LocalCommunityFactory(national_group=None, country="KE", city="Nairobi", name="PauseAI Nairobi")

    html = communities_page(client)
    listing = html[html.index('class="country"') :]
    text = " ".join(re.sub(r"<[^>]+>", " ", listing).split())

    assert html.count('class="community"') == 3
    assert text.index("Germany") < text.index("PauseAI Berlin") < text.index("Kenya")
    assert "Coordinated by PauseAI Germany" in text
    assert "Coordinated by PauseAI Global" in text
    assert text.index("Coordinated by PauseAI Global") < text.index("PauseAI Nairobi")


def test_dutch_visitors_read_the_page_in_dutch(client):
    LocalCommunityFactory(national_group=None, country="DE", city="Berlin")

    html = communities_page(client, "nl")

    assert "Duitsland" in html
    assert "PauseAI Global" in html


def test_inactive_communities_are_not_listed(client):
    LocalCommunityFactory(name="PauseAI Ghent", country="BE")
    LocalCommunityFactory(name="PauseAI Liège", country="BE", status=LocalCommunity.Status.INACTIVE)

    html = communities_page(client)

    assert "PauseAI Ghent" in html
    assert "PauseAI Liège" not in html


def test_communities_can_be_filtered_by_country(client):
    LocalCommunityFactory(name="PauseAI Ghent", country="BE")
    LocalCommunityFactory(name="PauseAI Lyon", country="FR")

    html = communities_page(client, query="?country=fr")

    assert "PauseAI Lyon" in html
    assert "PauseAI Ghent" not in html
    # Every country with communities stays on offer in the filter.
    assert 'value="BE"' in html


def test_unknown_country_filter_shows_everything(client):
    LocalCommunityFactory(name="PauseAI Ghent", country="BE")

    assert "PauseAI Ghent" in communities_page(client, query="?country=XX")


def test_private_chat_links_of_communities_are_not_shown(client):
    community = LocalCommunityFactory(country="BE")
    LinkFactory(community=community, kind="telegram", url="https://t.me/public_group")
    LinkFactory(
        community=community, kind="signal", url="https://signal.group/#secret", is_private=True
    )

    html = communities_page(client)

    assert "https://t.me/public_group" in html
    assert "signal.group/#secret" not in html


@pytest.mark.parametrize("group_count", [3, 300])
def test_page_runs_the_same_queries_for_3_or_300_groups(
    client, django_assert_num_queries, group_count
):
    for index in range(group_count):
        live = index < len(COUNTRY_CODES)
        group = NationalGroupFactory(
            country=COUNTRY_CODES[index % len(COUNTRY_CODES)],
            status="active" if live else "dissolved",
        )
        community = LocalCommunityFactory(
            national_group=group if live else None, country=group.country
        )
        LinkFactory(community=community, kind="x", url="https://x.com/pauseai")

    # 1 communities with their national groups, 1 their public links,
    # 1 the countries offered in the filter, 1 the national groups on the map.
    with django_assert_num_queries(4):
        html = communities_page(client)

    assert html.count('class="community"') == group_count


def test_a_community_named_after_its_city_does_not_say_the_city_twice(client):
    LocalCommunityFactory(name="Rosario", city="Rosario", country="AR")
    LocalCommunityFactory(name="PauseAI Ghent", city="Ghent", country="BE")

    html = client.get("/en/communities/").content.decode()

    assert html.count('<span class="community__city">') == 1
    assert '<span class="community__city">Ghent</span>' in html
