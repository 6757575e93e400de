"""Places are named in the visitor's language: « Vienne » and « La Réunion » in French,
„Wien“ in German, wherever a community's city or name is shown (the communities page, a
group's page, the map's popups) and searched. Countries are django-countries' names; the
cities of PauseAI's real communities that French, Dutch or German name otherwise are in
groups/content/pauseai-website/place-names.json."""

import json

import pytest
from django.core.management import call_command

from groups.models import LocalCommunity
from groups.website import CONTENT, records
from tests.factories import LocalCommunityFactory, NationalGroupFactory

pytestmark = pytest.mark.django_db


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def vienna():
    return LocalCommunityFactory(name="Vienna", city="Vienna", country="AT")


def test_the_communities_page_names_cities_in_the_visitors_language(client, vienna):
    LocalCommunityFactory(name="Réunion Island", city="Saint-Denis, Réunion", country="FR")

    french = page(client, "/fr/communities/")
    german = page(client, "/de/communities/")
    english = page(client, "/en/communities/")

    assert '<span class="community__name">Vienne</span>' in french
    assert '<span class="community__name">La Réunion</span>' in french
    assert '<span class="community__city">Saint-Denis, La Réunion</span>' in french
    assert '<span class="community__name">Wien</span>' in german
    assert '<span class="community__name">Vienna</span>' in english
    assert "Vienna" not in french and "Vienna" not in german


def test_a_community_named_otherwise_keeps_its_name_and_shows_its_city_translated(client):
    LocalCommunityFactory(name="PauseAI Wien-Mitte", city="Vienna", country="AT")

    html = page(client, "/fr/communities/")

    assert '<span class="community__name">PauseAI Wien-Mitte</span>' in html
    assert '<span class="community__city">Vienne</span>' in html


def test_other_organisations_communities_show_their_city_translated(client):
    LocalCommunityFactory(
        name="Vienna AI Safety Group",
        city="Vienna",
        country="AT",
        kind=LocalCommunity.Kind.ADJACENT,
    )

    html = page(client, "/fr/communities/")

    assert "Vienna AI Safety Group" in html
    assert "Vienne, Autriche" in html


def test_a_groups_page_lists_its_communities_in_the_visitors_language(client):
    group = NationalGroupFactory(country="BE", slug="belgium")
    LocalCommunityFactory(national_group=group, name="Brussels", city="Brussels", country="BE")

    assert "Bruxelles" in page(client, "/fr/national-groups/belgium/")
    assert "Brussel" in page(client, "/nl/national-groups/belgium/")


def test_the_maps_popups_name_the_place_in_the_pages_language(client, vienna):
    vienna.latitude, vienna.longitude = 48.2082, 16.3738
    vienna.save()

    response = client.get("/api/v1/communities.geojson?lang=fr")

    [feature] = response.json()["features"]
    assert (feature["properties"]["name"], feature["properties"]["city"]) == ("Vienne", "Vienne")


def test_a_place_is_found_by_its_name_in_the_visitors_language(client, vienna):
    LocalCommunityFactory(name="Graz", city="Graz", country="AT")

    french = page(client, "/fr/communities/?q=vienne")

    assert '<span class="community__name">Vienne</span>' in french
    assert "Graz" not in french


def test_every_place_the_table_names_is_one_of_the_real_communities():
    """The table is for the website's data: each place it names is a community's name
    or city there, so that it cannot drift from what load_content loads."""
    places = json.loads((CONTENT / "place-names.json").read_text())
    places.pop("_about")
    spellings = json.loads((CONTENT / "community-places.json").read_text())
    named = {
        record["name"]
        for file in ("pauseai-communities.json", "adjacent-communities.json")
        for record in records(file)
    }
    named |= {
        where["city"]
        for file, table in spellings.items()
        if file != "_about"
        for where in table.values()
        if "city" in where
    }

    assert set(places) - named == set()
    for place, names in places.items():
        assert set(names) <= {"nl", "fr", "de"}, place
        assert all(name != place for name in names.values()), place


def test_the_real_communities_are_named_in_french_once_loaded(client):
    call_command("load_content", verbosity=0)

    html = page(client, "/fr/communities/") + page(client, "/fr/communities/?page=2")

    for place in ("Vienne", "Bruxelles", "Genève", "Cracovie", "La Réunion"):
        assert f'<span class="community__name">{place}</span>' in html, place
