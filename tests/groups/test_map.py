"""The communities map and the coordinate pickers: the map's data from the API's GeoJSON, with
the page's search and language, and scripts of our own."""

import json
import re
from html import unescape

import pytest

from groups.models import LocalCommunity
from tests.factories import (
    COUNTRY_CODES,
    LinkFactory,
    LocalCommunityFactory,
    MembershipFactory,
    NationalGroupFactory,
)

pytestmark = pytest.mark.django_db

TEXTS = re.compile(
    r'<script id="communities-map-texts" type="application/json">(.*?)</script>', re.S
)


def communities_page(client, query="", language="en"):
    response = client.get(f"/{language}/communities/{query}")
    assert response.status_code == 200
    return response.content.decode()


def map_texts(html):
    """The popups' words the page hands its map script, or None when it shows no map."""
    found = TEXTS.search(html)
    return json.loads(found.group(1)) if found else None


def map_addresses(html):
    """Where the page's map script loads its communities and national groups from."""
    return (
        unescape(re.search(r'data-communities-url="([^"]+)"', html).group(1)),
        unescape(re.search(r'data-groups-url="([^"]+)"', html).group(1)),
    )


def features(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return {feature["properties"]["name"]: feature for feature in response.json()["features"]}


def community_features(client, query=""):
    return features(client, f"/api/v1/communities.geojson{query}")


def group_features(client, query=""):
    return features(client, f"/api/v1/national-groups.geojson{query}")


def test_every_active_community_with_coordinates_is_on_the_map(client):
    LocalCommunityFactory(
        name="PauseAI Ghent", city="Ghent", country="BE", latitude=51.05, longitude=3.72
    )
    LocalCommunityFactory(name="PauseAI Leuven", country="BE", latitude=50.88, longitude=4.70)
    LocalCommunityFactory(name="PauseAI Namur", country="BE")
    LocalCommunityFactory(
        name="PauseAI Liège",
        country="BE",
        latitude=50.63,
        longitude=5.57,
        status=LocalCommunity.Status.INACTIVE,
    )

    html = communities_page(client)
    communities = features(client, map_addresses(html)[0])

    assert sorted(communities) == ["PauseAI Ghent", "PauseAI Leuven"]
    ghent = communities["PauseAI Ghent"]
    assert ghent["geometry"]["coordinates"] == [3.72, 51.05]
    assert (ghent["properties"]["city"], ghent["properties"]["country_name"]) == (
        "Ghent",
        "Belgium",
    )
    # A community without coordinates is still listed, just not on the map.
    assert "PauseAI Namur" in html
    assert 'id="communities-map"' in html


def test_inactive_communities_are_not_on_the_map_even_when_listed(client):
    LocalCommunityFactory(
        name="PauseAI Liège",
        country="BE",
        latitude=50.63,
        longitude=5.57,
        status=LocalCommunity.Status.INACTIVE,
    )

    html = communities_page(client, "?status=inactive")

    assert "PauseAI Liège" in html
    assert map_texts(html) is None
    assert 'id="communities-map"' not in html
    assert community_features(client) == {}


def test_the_map_loads_the_communities_and_groups_the_search_found(client):
    LocalCommunityFactory(name="PauseAI Ghent", country="BE", latitude=51.05, longitude=3.72)
    france = NationalGroupFactory(country="FR", name_en="PauseIA", slug="france")
    LocalCommunityFactory(
        national_group=france, name="PauseAI Lyon", country="FR", latitude=45.76, longitude=4.84
    )
    NationalGroupFactory(country="RS", name_en="PauseAI Serbia", latitude=44, longitude=21)

    communities_url, groups_url = map_addresses(communities_page(client, "?q=Lyon"))

    assert communities_url == "/api/v1/communities.geojson?q=Lyon&lang=en"
    assert groups_url == "/api/v1/national-groups.geojson?q=Lyon&lang=en"
    assert sorted(features(client, communities_url)) == ["PauseAI Lyon"]
    [group] = features(client, groups_url).values()
    assert group["properties"]["name"] == "PauseIA"
    assert group["properties"]["communities_on_the_map"] == 1
    assert group["geometry"]["coordinates"] == [4.84, 45.76]
    assert sorted(community_features(client, "?country=be")) == ["PauseAI Ghent"]


def test_a_national_group_sits_amid_its_communities_on_the_map(client):
    germany = NationalGroupFactory(country="DE", name_en="PauseAI Germany", slug="germany")
    LocalCommunityFactory(national_group=germany, name="PauseAI Berlin", latitude=52, longitude=13)
    LocalCommunityFactory(national_group=germany, name="PauseAI Munich", latitude=48, longitude=11)
    LocalCommunityFactory(national_group=germany, name="PauseAI Bonn")  # no coordinates
    LocalCommunityFactory(
        national_group=germany,
        name="PauseAI Hamburg",
        latitude=53.5,
        longitude=10,
        status=LocalCommunity.Status.INACTIVE,
    )
    # Groups with no community on the map have no marker; a group that is not public
    # yet shows neither itself nor its communities (LocalCommunityQuerySet.public).
    NationalGroupFactory(country="AT", name_en="PauseAI Austria")
    forming = NationalGroupFactory(country="CH", name_en="PauseAI Switzerland", status="forming")
    LocalCommunityFactory(national_group=forming, name="PauseAI Zürich", latitude=47, longitude=8)

    assert sorted(community_features(client)) == ["PauseAI Berlin", "PauseAI Munich"]
    [group] = group_features(client).values()
    assert group["properties"]["name"] == "PauseAI Germany"
    assert group["geometry"]["coordinates"] == [12, 50]
    assert group["properties"]["communities_on_the_map"] == 2
    assert group["properties"]["url"] == "http://testserver/en/national-groups/germany/"


def test_a_community_popup_has_its_coordinator_and_a_public_link(client):
    germany = NationalGroupFactory(country="DE", name_en="PauseAI Germany", slug="germany")
    LocalCommunityFactory(national_group=germany, name="PauseAI Berlin", latitude=52, longitude=13)
    nairobi = LocalCommunityFactory(name="PauseAI Nairobi", country="KE", latitude=-1, longitude=36)
    LinkFactory(
        community=nairobi, kind="signal", url="https://signal.group/#secret", is_private=True
    )
    LinkFactory(community=nairobi, kind="telegram", url="https://t.me/pauseai_nairobi")
    LocalCommunityFactory(name="PauseAI Lagos", country="NG", latitude=6, longitude=3)

    communities = {
        name: feature["properties"] for name, feature in community_features(client).items()
    }
    texts = map_texts(communities_page(client))

    assert communities["PauseAI Berlin"]["national_group"] == "germany"
    assert communities["PauseAI Berlin"]["national_group_name"] == "PauseAI Germany"
    assert texts["coordinatedBy"] == "Coordinated by %(group_name)s"
    assert texts["groupUrl"].replace("__slug__", "germany") == "/en/national-groups/germany/"
    assert texts["groupPage"] == "The national group's page"
    assert communities["PauseAI Nairobi"]["national_group"] is None
    assert texts["coordinatedByGlobal"] == "Coordinated by PauseAI Global"
    assert communities["PauseAI Nairobi"]["links"] == {"telegram": "https://t.me/pauseai_nairobi"}
    assert texts["linkKinds"]["telegram"] == "Telegram"
    assert communities["PauseAI Lagos"]["links"] == {}
    assert texts["communitiesOnTheMap"] == {
        "one": "%(count)d local community on the map",
        "other": "%(count)d local communities on the map",
    }


def test_dutch_visitors_read_the_popups_in_dutch(client):
    LocalCommunityFactory(name="PauseAI Ghent", country="BE", latitude=51.05, longitude=3.72)

    html = communities_page(client, language="nl")
    communities_url, groups_url = map_addresses(html)

    assert communities_url.endswith("lang=nl") and groups_url.endswith("lang=nl")
    [ghent] = features(client, communities_url).values()
    assert ghent["properties"]["country_name"] == "België"
    assert map_texts(html)["coordinatedByGlobal"] == "Gecoördineerd door PauseAI Global"
    assert map_texts(html)["communitiesOnTheMap"]["other"] == (
        "%(count)d lokale gemeenschappen op de kaart"
    )


def test_the_tile_server_comes_from_the_settings(client, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Example tiles"
    LocalCommunityFactory(country="BE", latitude=51.05, longitude=3.72)

    html = communities_page(client)

    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-tile-attribution="© Example tiles"' in html
    assert "openstreetmap" not in html


def test_openstreetmap_is_the_default_tile_server(client):
    LocalCommunityFactory(country="BE", latitude=51.05, longitude=3.72)

    html = communities_page(client)

    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html


def test_the_page_loads_no_script_or_stylesheet_from_another_site(client):
    LocalCommunityFactory(country="BE", latitude=51.05, longitude=3.72)

    html = communities_page(client)
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    stylesheets = re.findall(r"<link[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"", html)

    assert "/static/vendor/leaflet/leaflet.js" in scripts
    assert "/static/vendor/leaflet.markercluster/leaflet.markercluster.js" in scripts
    assert "/static/js/communities-map.js" in scripts
    assert all(src.startswith("/static/") for src in scripts), scripts
    assert "/static/vendor/leaflet/leaflet.css" in stylesheets
    assert all(href.startswith("/static/") for href in stylesheets), stylesheets


def test_a_names_markup_stays_text_on_the_page_and_in_the_map_data(client):
    LocalCommunityFactory(
        name="</script><script>alert(1)</script>", country="BE", latitude=51, longitude=3
    )

    html = communities_page(client)

    assert "<script>alert(1)" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in html
    assert "</script><script>alert(1)</script>" in community_features(client)


@pytest.mark.parametrize("community_count", [3, 300])
def test_the_maps_data_costs_the_same_queries_for_3_or_300_communities(
    client, django_assert_num_queries, community_count
):
    groups = [NationalGroupFactory(country=code) for code in COUNTRY_CODES[:3]]
    for index in range(community_count):
        community = LocalCommunityFactory(
            national_group=groups[index % 3] if index % 2 else None,
            country=COUNTRY_CODES[index % 3],
            latitude=index % 90,
            longitude=index % 180,
        )
        LinkFactory(community=community, kind="x", url="https://x.com/pauseai")

    # 1 communities with their national groups, 1 their public links; Last-Modified:
    # community links.
    with django_assert_num_queries(3):
        communities = community_features(client)
    # 1 the communities' mean positions by group, 1 the groups; Last-Modified: communities.
    with django_assert_num_queries(3):
        groups_on_the_map = group_features(client)

    assert len(communities) == community_count
    assert len(groups_on_the_map) == min(3, community_count // 2)


def test_organizers_set_coordinates_on_a_map_in_their_community_form(client):
    group = NationalGroupFactory(country="BE", slug="belgium")
    client.force_login(MembershipFactory(group=group, role="national_lead").user)

    html = client.get("/en/my/groups/belgium/communities/add/").content.decode()

    assert 'class="coordinate-picker"' in html
    assert 'data-latitude-input="id_latitude"' in html
    assert 'data-longitude-input="id_longitude"' in html
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    assert scripts == [
        "/static/js/forms.js",
        "/static/vendor/leaflet/leaflet.js",
        "/static/js/map-background.js",
        "/static/js/coordinate-picker.js",
    ]


def test_typed_coordinates_are_saved_without_the_map(client):
    group = NationalGroupFactory(country="BE", slug="belgium")
    client.force_login(MembershipFactory(group=group, role="national_lead").user)

    response = client.post(
        "/en/my/groups/belgium/communities/add/",
        {
            "name": "PauseAI Ghent",
            "city": "Ghent",
            "status": "active",
            "latitude": "51.054342",
            "longitude": "3.717424",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    community = LocalCommunity.objects.get(name="PauseAI Ghent")
    assert (str(community.latitude), str(community.longitude)) == ("51.054342", "3.717424")


def test_the_oversight_team_sets_coordinates_on_a_map_in_the_admin(oversight_client):
    community = LocalCommunityFactory(country="BE", latitude=51.05, longitude=3.72)

    response = oversight_client.get(f"/admin/groups/localcommunity/{community.pk}/change/")
    html = response.content.decode()

    assert response.status_code == 200
    assert 'class="coordinate-picker"' in html
    assert 'id="id_latitude"' in html
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    assert "/static/vendor/leaflet/leaflet.js" in scripts
    assert "/static/js/coordinate-picker.js" in scripts
    assert all(src.startswith("/") and not src.startswith("//") for src in scripts), scripts


def test_a_national_group_with_a_position_of_its_own_sits_there(client):
    germany = NationalGroupFactory(
        country="DE", name_en="PauseAI Germany", slug="germany", latitude=51.1, longitude=10
    )
    LocalCommunityFactory(national_group=germany, name="PauseAI Berlin", latitude=52, longitude=13)
    NationalGroupFactory(country="RS", name_en="PauseAI Serbia", latitude=44, longitude=21)

    positions = {
        name: feature["geometry"]["coordinates"] for name, feature in group_features(client).items()
    }

    assert positions == {"PauseAI Germany": [10, 51.1], "PauseAI Serbia": [21, 44]}


def test_adjacent_communities_have_their_own_marker_and_are_listed_apart(client):
    LocalCommunityFactory(name="PauseAI Delft", country="NL", latitude=52.01, longitude=4.36)
    LocalCommunityFactory(
        name="Delft AI Safety Initiative",
        country="NL",
        city="Delft",
        latitude=52.0116,
        longitude=4.3571,
        kind=LocalCommunity.Kind.ADJACENT,
    )

    kinds = {
        name: feature["properties"]["kind"] for name, feature in community_features(client).items()
    }
    html = communities_page(client)

    assert kinds == {"PauseAI Delft": "pauseai", "Delft AI Safety Initiative": "adjacent"}
    listed_apart = html[html.index('class="adjacent-communities"') :]
    assert "Delft AI Safety Initiative" in listed_apart
    assert "PauseAI Delft" not in listed_apart
    assert html.index("PauseAI Delft") < html.index('class="adjacent-communities"')
