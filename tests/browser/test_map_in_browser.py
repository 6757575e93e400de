"""The communities map and the coordinate picker in Chromium, with no network but our own server."""

import pytest

from groups.models import LocalCommunity
from tests.browser.conftest import wait_until
from tests.factories import (
    LinkFactory,
    LocalCommunityFactory,
    MembershipFactory,
    NationalGroupFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def offline_but_for(page, server_url):
    """Abort every request that is not to our own server (the tile server's above all)."""
    blocked = []

    def only_our_server(route):
        if route.request.url.startswith(server_url):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_our_server)
    return blocked


def test_visitor_sees_every_community_listed_and_on_the_map_without_tiles(live_server, page):
    united_states = NationalGroupFactory(country="US", name_en="PauseAI US", slug="united-states")
    netherlands = NationalGroupFactory(country="NL", name_en="PauseAI Netherlands", slug="nl")
    # Far apart, so that when the map fits them all no two gather into a cluster.
    on_the_map = [
        LocalCommunityFactory(
            national_group=united_states, city="New York", latitude=40.71, longitude=-74.0
        ),
        LocalCommunityFactory(
            national_group=united_states, city="San Francisco", latitude=37.77, longitude=-122.42
        ),
        LocalCommunityFactory(
            national_group=netherlands, city="Amsterdam", latitude=52.37, longitude=4.9
        ),
        LocalCommunityFactory(country="KE", city="Nairobi", latitude=-1.29, longitude=36.82),
        LocalCommunityFactory(country="JP", city="Tokyo", latitude=35.68, longitude=139.69),
        LocalCommunityFactory(country="AR", city="Buenos Aires", latitude=-34.6, longitude=-58.38),
    ]
    LocalCommunityFactory(country="IS", city="Reykjavik")  # listed, but has no coordinates
    LocalCommunityFactory(
        country="FR",
        city="Lyon",
        latitude=45.76,
        longitude=4.84,
        status=LocalCommunity.Status.INACTIVE,
    )
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(error))
    blocked = offline_but_for(page, live_server.url)

    page.goto(f"{live_server.url}/en/communities/")
    wait_until(page, "window.communitiesMap !== undefined")
    community_markers = page.locator("#communities-map .map-marker--community")
    community_markers.first.wait_for()

    # The list is complete, inactive communities aside.
    listed = page.locator("li.community")
    assert listed.count() == 7
    for city in ("New York", "Tokyo", "Buenos Aires", "Reykjavik"):
        assert listed.filter(has_text=f"PauseAI {city}").count() == 1
    assert page.get_by_text("PauseAI Lyon").count() == 0

    # A marker a visitor can see for each community with coordinates, none clustered.
    assert community_markers.count() == len(on_the_map)
    for community in on_the_map:
        assert page.locator(f'.map-marker--community[title="{community.name}"]').is_visible()
    assert page.locator("#communities-map .map-cluster").count() == 0
    assert page.evaluate("window.communitiesMap.communityMarkers.getLayers().length") == 6
    group_markers = page.locator("#communities-map .map-marker--group")
    assert group_markers.count() == 2
    assert page.locator('.map-marker--group[title="PauseAI US"]').is_visible()

    # The tiles were asked for and refused, and nothing says so.
    assert any("tile.openstreetmap.org" in url for url in blocked)
    assert page_errors == []
    assert page.locator("[role=alert]").count() == 0
    assert page.locator(".communities-map figcaption").is_visible()

    page.locator('.map-marker--community[title="PauseAI Nairobi"]').click()
    popup = page.locator(".leaflet-popup")
    assert popup.get_by_text("PauseAI Nairobi").is_visible()
    assert popup.get_by_text("Nairobi, Kenya").is_visible()
    assert popup.get_by_text("Coordinated by PauseAI Global").is_visible()

    # Amsterdam's popup, near the top, pans the map to fit: its link is clicked once the
    # map stands still, not while it slides under the pointer.
    page.evaluate(
        """window.communitiesMap.map
            .on("movestart", () => { window.mapMoving = true; })
            .on("moveend", () => { window.mapMoving = false; })"""
    )
    page.locator('.map-marker--community[title="PauseAI Amsterdam"]').click()
    wait_until(page, "!window.mapMoving")
    assert popup.get_by_text("Coordinated by PauseAI Netherlands").is_visible()
    popup.get_by_role("link", name="The national group's page").click()
    page.wait_for_url(f"{live_server.url}/en/national-groups/nl/")


def test_organizer_clicks_the_map_to_set_a_communitys_coordinates(live_server, page):
    group = NationalGroupFactory(country="BE", name_en="PauseAI Belgium", slug="belgium")
    organizer = UserFactory(email="lead@example.org")
    MembershipFactory(group=group, user=organizer, role="national_lead")
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(error))
    offline_but_for(page, live_server.url)

    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("input[name=login]", "lead@example.org")
    page.fill("input[name=password]", "correct horse battery staple")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/en/**")
    page.goto(f"{live_server.url}/en/my/groups/belgium/communities/add/")

    picker_map = page.locator(".coordinate-picker__map")
    picker_map.wait_for()
    pin = page.locator(".coordinate-picker__pin")
    assert pin.count() == 0

    picker_map.click(position={"x": 200, "y": 120})
    latitude = page.input_value("#id_latitude")
    longitude = page.input_value("#id_longitude")
    assert latitude and longitude
    assert len(latitude.split(".")[1]) == 6 and len(longitude.split(".")[1]) == 6
    assert -90 <= float(latitude) <= 90 and -180 <= float(longitude) <= 180
    assert pin.is_visible()

    # Typing moves the pin to the typed place, which the map then centres on.
    page.fill("#id_latitude", "51.054342")
    page.fill("#id_longitude", "3.717424")
    wait_until(
        page,
        """(() => {
            const pin = document.querySelector(".coordinate-picker__pin").getBoundingClientRect();
            const map = document.querySelector(".coordinate-picker__map").getBoundingClientRect();
            const dx = pin.left + pin.width / 2 - (map.left + map.width / 2);
            const dy = pin.top + pin.height / 2 - (map.top + map.height / 2);
            return Math.abs(dx) < 2 && Math.abs(dy) < 2;
        })()""",
    )
    page.fill("#id_longitude", "")
    assert pin.count() == 0

    page.fill("#id_longitude", "3.717424")
    page.fill("#id_name", "PauseAI Ghent")
    page.fill("#id_city", "Ghent")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{live_server.url}/en/my/groups/belgium/")

    community = LocalCommunity.objects.get(name="PauseAI Ghent")
    assert (str(community.latitude), str(community.longitude)) == ("51.054342", "3.717424")
    assert page_errors == []


def test_a_searched_page_maps_what_it_found_and_dutch_popups_read_dutch(live_server, page):
    united_states = NationalGroupFactory(
        country="US", name_en="PauseAI US", name_nl="PauseAI US", slug="united-states"
    )
    LocalCommunityFactory(
        national_group=united_states, city="New York", latitude=40.71, longitude=-74.0
    )
    LocalCommunityFactory(
        national_group=united_states, city="San Francisco", latitude=37.77, longitude=-122.42
    )
    LocalCommunityFactory(country="KE", city="Nairobi", latitude=-1.29, longitude=36.82)
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(error))
    offline_but_for(page, live_server.url)

    page.goto(f"{live_server.url}/nl/communities/?country=US")
    wait_until(page, "window.communitiesMap !== undefined")

    assert page.evaluate("window.communitiesMap.communityMarkers.getLayers().length") == 2
    assert page.locator('.map-marker--community[title="PauseAI Nairobi"]').count() == 0
    page.locator('.map-marker--group[title="PauseAI US"]').click()
    popup = page.locator(".leaflet-popup")
    assert popup.get_by_text("Verenigde Staten").is_visible()
    assert popup.get_by_text("2 lokale gemeenschappen op de kaart").is_visible()
    page.evaluate("window.communitiesMap.map.closePopup()")
    popup.wait_for(state="detached")
    page.locator('.map-marker--community[title="PauseAI New York"]').click()
    assert popup.get_by_text("New York, Verenigde Staten").is_visible()
    popup.get_by_role("link", name="De pagina van de nationale groep").click()
    page.wait_for_url(f"{live_server.url}/nl/national-groups/united-states/")
    assert page_errors == []


def test_the_maps_buttons_and_credits_speak_the_pages_language(live_server, page):
    LocalCommunityFactory(country="BE", city="Gent", latitude=51.05, longitude=3.72)
    LocalCommunityFactory(country="FR", city="Lyon", latitude=45.76, longitude=4.84)
    offline_but_for(page, live_server.url)

    page.goto(f"{live_server.url}/fr/communities/")
    wait_until(page, "window.communitiesMap !== undefined")

    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Zoom avant"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "Zoom arrière"
    credits = page.locator(".leaflet-control-attribution")
    assert "les contributeurs d’OpenStreetMap" in credits.inner_text()
    assert credits.get_by_role("link", name="Leaflet").get_attribute("title") == (
        "Une bibliothèque JavaScript pour les cartes interactives"
    )


def test_the_coordinate_pickers_buttons_speak_the_pages_language(live_server, page):
    group = NationalGroupFactory(country="DE", name_en="PauseAI Germany", slug="germany")
    MembershipFactory(group=group, user=UserFactory(email="lead@example.org"), role="national_lead")
    offline_but_for(page, live_server.url)

    page.goto(f"{live_server.url}/de/accounts/login/")
    page.fill("input[name=login]", "lead@example.org")
    page.fill("input[name=password]", "correct horse battery staple")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/de/**")
    page.goto(f"{live_server.url}/de/my/groups/germany/communities/add/")
    page.locator(".coordinate-picker__map").wait_for()

    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Vergrößern"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "Verkleinern"
    assert "OpenStreetMap-Mitwirkende" in page.locator(".leaflet-control-attribution").inner_text()


def test_a_groups_ring_never_hides_a_cluster_of_communities(live_server, page):
    # The ring a little south of its communities, as the Netherlands' is on the real map:
    # Leaflet stacks the more southern marker above.
    netherlands = NationalGroupFactory(
        country="NL", slug="nl", name_en="PauseAI Netherlands", latitude=51.9, longitude=5.2
    )
    for city, latitude, longitude in (
        ("Amsterdam", 52.37, 4.9),
        ("Haarlem", 52.38, 4.64),
        ("Zwolle", 52.51, 6.09),
        ("Alkmaar", 52.63, 4.75),
        ("Leeuwarden", 53.2, 5.8),
    ):
        LocalCommunityFactory(
            national_group=netherlands, city=city, latitude=latitude, longitude=longitude
        )
    # Far away, so that the map fits the world and the Dutch communities gather.
    LocalCommunityFactory(country="AR", city="Rosario", latitude=-32.94, longitude=-60.65)
    offline_but_for(page, live_server.url)

    page.goto(f"{live_server.url}/en/communities/")
    wait_until(page, "window.communitiesMap !== undefined")
    page.locator("#communities-map .map-cluster").first.wait_for()

    # Whatever is drawn where each cluster's count is, is that cluster.
    hidden = page.evaluate(
        """[...document.querySelectorAll("#communities-map .map-cluster")].filter((cluster) => {
            const box = cluster.getBoundingClientRect();
            const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return !cluster.contains(top);
        }).length"""
    )
    assert page.locator('.map-marker--group[title="PauseAI Netherlands"]').count() == 1
    assert hidden == 0


def test_a_keyboard_visitor_skips_the_maps_markers_to_the_list(live_server, page):
    """Every marker is a Tab stop: a link before the map jumps them all, to the list."""
    netherlands = NationalGroupFactory(country="NL", name_en="PauseAI Netherlands", slug="nl")
    for city, latitude, longitude in (("Amsterdam", 52.37, 4.9), ("Utrecht", 52.09, 5.12)):
        LocalCommunityFactory(
            national_group=netherlands, city=city, latitude=latitude, longitude=longitude
        )
    offline_but_for(page, live_server.url)
    page.goto(f"{live_server.url}/en/communities/")
    wait_until(page, "window.communitiesMap !== undefined")
    page.locator("#communities-map .map-marker--community").first.wait_for()

    # From the search's button, the next Tab stop is the link that skips the map.
    page.locator("form.filter button[type=submit]").focus()
    page.keyboard.press("Tab")
    skip = page.locator(".communities-map .skip-link")
    assert page.evaluate("document.activeElement.textContent") == "Skip the map"
    assert skip.is_visible()
    assert skip.bounding_box()["y"] >= page.locator(".communities-map").bounding_box()["y"]

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    # Past the markers, in the list.
    assert page.evaluate("document.activeElement.closest('#communities-map')") is None
    assert page.evaluate("document.activeElement.closest('section.country') !== null")
    # Without the skip, the markers come first.
    page.locator("form.filter button[type=submit]").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#communities-map') !== null")


def test_a_chat_link_in_a_popup_reads_as_its_service_as_in_the_list(live_server, page):
    """A community of PauseAI Global links its popup to its first link, named as the list
    names it: a Slack workspace reads "Slack", not the kind it was filed under."""
    nairobi = LocalCommunityFactory(country="KE", city="Nairobi", latitude=-1.29, longitude=36.82)
    LinkFactory(community=nairobi, kind="website", url="https://pauseai-nairobi.slack.com/join")
    offline_but_for(page, live_server.url)

    page.goto(f"{live_server.url}/en/communities/")
    wait_until(page, "window.communitiesMap !== undefined")
    page.locator('.map-marker--community[title="PauseAI Nairobi"]').click()

    popup = page.locator(".leaflet-popup")
    assert popup.get_by_role("link", name="Slack").is_visible()
    assert page.locator("li.community").get_by_role("link", name="Slack").count() == 1


@pytest.mark.parametrize("width", [390, 1280])
def test_the_link_that_skips_the_map_covers_nothing_until_a_keyboard_reaches_it(
    live_server, page, width
):
    """Above the map sits the search's button: a visitor sees it and can press it, the
    link that skips the map showing only once it has the focus."""
    LocalCommunityFactory(country="KE", city="Nairobi", latitude=-1.29, longitude=36.82)
    offline_but_for(page, live_server.url)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/en/communities/")
    wait_until(page, "window.communitiesMap !== undefined")
    page.locator("#communities-map .map-marker--community").first.wait_for()

    search = page.locator("form.filter button[type=submit]")
    box = search.bounding_box()
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('button, a')?.textContent.trim()",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert on_top == "Search"
    search.click()
    page.wait_for_url(f"{live_server.url}/en/communities/?**")
