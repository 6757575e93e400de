"""The communities map and the coordinate pickers: data in the page, scripts of our own."""

import json
import re

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

MARKERS = re.compile(
    r'<script id="communities-map-markers" type="application/json">(.*?)</script>', re.S
)


def communities_page(client, query="", language="en"):
    response = client.get(f"/{language}/communities/{query}")
    assert response.status_code == 200
    return response.content.decode()


def map_markers(html):
    """The markers the page hands its map script, or None when it shows no map."""
    found = MARKERS.search(html)
    return json.loads(found.group(1)) if found else None


def names(markers):
    return sorted(marker["name"] for marker in markers)


def test_every_active_community_with_coordinates_has_a_marker(client):
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
    markers = map_markers(html)

    assert names(markers["communities"]) == ["PauseAI Ghent", "PauseAI Leuven"]
    ghent = next(m for m in markers["communities"] if m["name"] == "PauseAI Ghent")
    assert ghent["position"] == [51.05, 3.72]
    assert ghent["place"] == "Ghent, Belgium"
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
    assert map_markers(html) is None
    assert 'id="communities-map"' not in html


def test_the_map_shows_the_communities_the_search_found(client):
    LocalCommunityFactory(name="PauseAI Ghent", country="BE", latitude=51.05, longitude=3.72)
    LocalCommunityFactory(name="PauseAI Lyon", country="FR", latitude=45.76, longitude=4.84)

    markers = map_markers(communities_page(client, "?q=Lyon"))

    assert names(markers["communities"]) == ["PauseAI Lyon"]


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

    markers = map_markers(communities_page(client))

    assert names(markers["communities"]) == ["PauseAI Berlin", "PauseAI Munich"]
    [group] = markers["groups"]
    assert group["name"] == "PauseAI Germany"
    assert group["position"] == [50, 12]
    assert group["detail"] == "2 local communities on the map"
    assert group["link"]["url"] == "/en/national-groups/germany/"


def test_a_community_popup_names_its_coordinator_and_links_somewhere_public(client):
    germany = NationalGroupFactory(country="DE", name_en="PauseAI Germany", slug="germany")
    LocalCommunityFactory(national_group=germany, name="PauseAI Berlin", latitude=52, longitude=13)
    nairobi = LocalCommunityFactory(name="PauseAI Nairobi", country="KE", latitude=-1, longitude=36)
    LinkFactory(
        community=nairobi, kind="signal", url="https://signal.group/#secret", is_private=True
    )
    LinkFactory(community=nairobi, kind="telegram", url="https://t.me/pauseai_nairobi")
    LocalCommunityFactory(name="PauseAI Lagos", country="NG", latitude=6, longitude=3)

    markers = {m["name"]: m for m in map_markers(communities_page(client))["communities"]}

    assert markers["PauseAI Berlin"]["detail"] == "Coordinated by PauseAI Germany"
    assert markers["PauseAI Berlin"]["link"]["url"] == "/en/national-groups/germany/"
    assert markers["PauseAI Nairobi"]["detail"] == "Coordinated by PauseAI Global"
    assert markers["PauseAI Nairobi"]["link"] == {
        "url": "https://t.me/pauseai_nairobi",
        "text": "Telegram",
    }
    assert markers["PauseAI Lagos"]["link"] is None


def test_dutch_visitors_read_the_popups_in_dutch(client):
    LocalCommunityFactory(name="PauseAI Ghent", country="BE", latitude=51.05, longitude=3.72)

    [ghent] = map_markers(communities_page(client, language="nl"))["communities"]

    assert ghent["place"].endswith(", België")
    assert ghent["detail"] == "Gecoördineerd door PauseAI Global"


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


def test_a_names_markup_stays_text_in_the_embedded_data(client):
    LocalCommunityFactory(
        name="</script><script>alert(1)</script>", country="BE", latitude=51, longitude=3
    )

    html = communities_page(client)

    assert "<script>alert(1)" not in html
    assert map_markers(html)["communities"][0]["name"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize("community_count", [3, 300])
def test_the_map_costs_no_query_for_3_or_300_communities(
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

    # 1 communities with their national groups, 1 their public links,
    # 1 the countries offered in the filter, 1 the national groups with a position of
    # their own; the map's markers come from those.
    with django_assert_num_queries(4):
        html = communities_page(client)

    markers = map_markers(html)
    assert len(markers["communities"]) == community_count
    assert len(markers["groups"]) == min(3, community_count // 2)


def test_organizers_set_coordinates_on_a_map_in_their_community_form(client):
    group = NationalGroupFactory(country="BE", slug="belgium")
    client.force_login(MembershipFactory(group=group, role="national_lead").user)

    html = client.get("/en/my/groups/belgium/communities/add/").content.decode()

    assert 'class="coordinate-picker"' in html
    assert 'data-latitude-input="id_latitude"' in html
    assert 'data-longitude-input="id_longitude"' in html
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    assert scripts == ["/static/vendor/leaflet/leaflet.js", "/static/js/coordinate-picker.js"]


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

    markers = map_markers(communities_page(client))

    positions = {group["name"]: group["position"] for group in markers["groups"]}
    assert positions == {"PauseAI Germany": [51.1, 10], "PauseAI Serbia": [44, 21]}


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

    response = client.get("/en/communities/")

    kinds = {
        marker["name"]: marker["kind"] for marker in response.context["map_markers"]["communities"]
    }
    assert kinds == {"PauseAI Delft": "community", "Delft AI Safety Initiative": "adjacent"}
    html = response.content.decode()
    listed_apart = html[html.index('class="adjacent-communities"') :]
    assert "Delft AI Safety Initiative" in listed_apart
    assert "PauseAI Delft" not in listed_apart
    assert html.index("PauseAI Delft") < html.index('class="adjacent-communities"')
