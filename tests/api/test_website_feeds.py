"""The PauseAI website runs on the registry: its feeds in the website's own shapes, checked
against JSON Schemas written from the website's types, and a lossless round trip from the
website's files through the database and back."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from groups import website
from groups.models import LocalCommunity, NationalGroup
from tests.factories import (
    LinkFactory,
    LocalCommunityFactory,
    MembershipFactory,
    NationalGroupFactory,
)
from tests.groups.test_self_service import links_data, png_bytes

pytestmark = pytest.mark.django_db

HERE = Path(__file__).parent
GROUPS_FEED = "/api/v1/pauseai-website/national-groups/"
FILE_FEED = "/api/v1/pauseai-website/communities/{file}"


def schema(name):
    return json.loads((HERE / f"{name}.schema.json").read_text())


def feed(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


# The schemas describe the website -------------------------------------------------


@pytest.mark.parametrize("file", website.FEED_FILES)
def test_the_schema_accepts_the_websites_own_files(file):
    jsonschema.validate(website.read(file), schema("communities-file"))


# The feeds ---------------------------------------------------------------------------


@pytest.fixture
def real_network(db):
    """PauseAI's groups and communities as `make run` loads them."""
    call_command("load_content", verbosity=0)


def test_the_national_groups_feed_validates_against_the_websites_type(client, real_network):
    records = feed(client, GROUPS_FEED)

    jsonschema.validate(records, schema("national-group"))
    assert len(records) == NationalGroup.objects.filter(status="active").count() == 17


@pytest.mark.parametrize("file", website.FEED_FILES)
def test_every_communities_feed_validates_against_the_websites_file_shape(
    client, real_network, file
):
    data = feed(client, FILE_FEED.format(file=file))

    jsonschema.validate(data, schema("communities-file"))
    assert "$$" not in json.dumps(data)  # the placeholders are resolved


@pytest.mark.parametrize("file", website.FEED_FILES)
def test_the_round_trip_from_the_websites_files_through_the_database_is_lossless(
    client, real_network, file
):
    shipped = {record["name"]: record for record in website.records(file)}

    exported = {
        record["name"]: record
        for record in feed(client, FILE_FEED.format(file=file))["communities"]
    }

    assert exported.keys() == shipped.keys()
    for name, record in shipped.items():
        given = exported[name]
        assert set(given) == set(record), name
        assert abs(given["lat"] - record["lat"]) < 1e-4, name
        assert abs(given["lon"] - record["lon"]) < 1e-4, name
        assert given.get("link") == (website.resolved(record["link"]) if "link" in record else None)
        assert given.get("parent_name") == record.get("parent_name"), name
        assert given.get("country_local") == record.get("country_local"), name


def test_loading_twice_changes_nothing(client, real_network):
    before = {file: feed(client, FILE_FEED.format(file=file)) for file in website.FEED_FILES}
    groups_before = feed(client, GROUPS_FEED)

    call_command("load_content", verbosity=0)

    assert {
        file: feed(client, FILE_FEED.format(file=file)) for file in website.FEED_FILES
    } == before
    assert feed(client, GROUPS_FEED) == groups_before
    assert LocalCommunity.objects.count() == 66 + 28


def test_loading_keeps_what_the_oversight_team_edited(real_network):
    uk = NationalGroup.objects.get(country="GB")
    uk.latitude, uk.longitude, uk.country_local = 55, -3, ""
    uk.save()
    london = LocalCommunity.objects.get(name="London")
    london.city = "Greater London"
    london.save()

    call_command("load_content", verbosity=0)

    uk.refresh_from_db()
    london.refresh_from_db()
    assert (uk.latitude, uk.longitude) == (55, -3)
    assert london.city == "Greater London"


def test_the_seed_groups_and_the_chapters_are_one_group_per_country(real_network):
    uk = NationalGroup.objects.get(country="GB")

    assert uk.slug == "united-kingdom" and uk.name_en == "PauseAI UK"  # the seed page's
    assert {link.kind: link.url for link in uk.links.all()} == {
        "x": "https://x.com/PauseAI_UK",  # the seed page's
        "website": "https://pauseai.uk/",  # the chapter's
    }
    assert (float(uk.latitude), float(uk.longitude)) == (54.2, -2.4)
    netherlands = NationalGroup.objects.get(country="NL")
    assert netherlands.country_local == "Nederland"
    assert netherlands.links.get().kind == "whatsapp"
    assert NationalGroup.objects.get(country="PL").public_email == "patryk@pauseai.info"


def test_communities_sit_under_their_national_group_or_none(real_network):
    assert LocalCommunity.objects.get(name="Prague").national_group.country == "CZ"
    brno = LocalCommunity.objects.get(name="Brno")
    assert brno.national_group is None and brno.country == "CZ"
    porto = LocalCommunity.objects.get(name="Porto")
    assert porto.contact_email == "vpinto970@proton.me" and not porto.links.exists()
    adjacent = LocalCommunity.objects.filter(kind="adjacent")
    assert adjacent.count() == 28
    assert not adjacent.exclude(national_group=None).exists()


def test_the_groups_feed_spells_countries_as_the_website_does_and_speaks_english(
    client, real_network
):
    dutch_browser = feed(client, GROUPS_FEED, HTTP_ACCEPT_LANGUAGE="nl")
    asked_in_dutch = feed(client, f"{GROUPS_FEED}?lang=nl")

    names = [record["name"] for record in dutch_browser]
    assert "United States" in names and "Czech Republic" in names  # the website's spellings
    assert "Netherlands" in names and "Nederland" not in names
    assert dutch_browser == asked_in_dutch
    assert names == sorted(names, key=str.casefold)


def test_only_active_groups_and_leader_is_the_leads_public_names_national_lead_first(client):
    belgium = NationalGroupFactory(country="BE", slug="belgium")
    MembershipFactory(
        group=belgium, role="communications_lead", public_name="Cas Comms", public_name_shown=True
    )
    MembershipFactory(group=belgium, role="national_lead", public_name="Bo Lead")
    MembershipFactory(group=belgium, role="national_lead", public_name="Ann Lead")
    MembershipFactory(group=belgium, role="organizing_lead", public_name="Olga Hidden")
    MembershipFactory(group=belgium, role="member", public_name="Max Member")
    NationalGroupFactory(country="NL", status="inactive")
    NationalGroupFactory(country="DE", status="forming")
    NationalGroupFactory(country="FR", slug="france")

    records = {record["id"]: record for record in feed(client, GROUPS_FEED)}

    assert set(records) == {"belgium", "france"}
    assert records["belgium"]["leader"] == "Ann Lead, Bo Lead, Cas Comms"
    assert records["france"]["leader"] == "No"
    assert records["belgium"]["name"] == "Belgium"


def test_the_logo_is_an_absolute_address_and_absent_without_one(client):
    belgium = NationalGroupFactory(country="BE", slug="belgium")
    belgium.logo = SimpleUploadedFile("logo.png", png_bytes())
    belgium.save()
    NationalGroupFactory(country="FR", slug="france")

    records = {record["id"]: record for record in feed(client, GROUPS_FEED)}

    assert records["belgium"]["image"].startswith("http://testserver/media/groups/logos/")
    assert "image" not in records["france"]


def test_private_links_never_leave(client):
    belgium = NationalGroupFactory(country="BE", slug="belgium", latitude=50.5, longitude=4.5)
    LinkFactory(
        national_group=belgium, kind="signal", url="https://signal.group/#s", is_private=True
    )
    community = LocalCommunityFactory(national_group=belgium, latitude=51, longitude=3.7)
    LinkFactory(
        community=community, kind="whatsapp", url="https://chat.whatsapp.com/s", is_private=True
    )

    body = json.dumps(
        [
            feed(client, GROUPS_FEED),
            *(feed(client, FILE_FEED.format(file=file)) for file in website.FEED_FILES),
        ]
    )

    assert "signal.group" not in body and "chat.whatsapp.com/s" not in body


def test_what_an_organizer_edits_shows_up_in_the_feeds(client):
    belgium = NationalGroupFactory(
        country="BE", slug="belgium", latitude=50.5, longitude=4.5, name_en="PauseAI Belgium"
    )
    client.force_login(MembershipFactory(group=belgium, role="national_lead").user)

    client.post(
        "/en/my/groups/belgium/profile/",
        {
            "description_en": "",
            **links_data({"kind": "instagram", "url": "https://instagram.com/pauseai_be"}),
        },
    )
    client.post(
        "/en/my/groups/belgium/communities/add/",
        {
            "name": "Ghent",
            "city": "Ghent",
            "status": "active",
            "latitude": "51.05",
            "longitude": "3.72",
            **links_data({"kind": "discord", "url": "https://discord.gg/ghent"}),
        },
    )
    client.logout()

    [group] = feed(client, GROUPS_FEED)
    [chapter] = feed(client, FILE_FEED.format(file=website.CHAPTERS))["communities"]
    [ghent] = feed(client, FILE_FEED.format(file=website.COMMUNITIES))["communities"]
    assert group["instagramLink"] == "https://instagram.com/pauseai_be"
    assert chapter["link"] == "https://instagram.com/pauseai_be"
    assert ghent == {
        "name": "Ghent",
        "lat": 51.05,
        "lon": 3.72,
        "link": "https://discord.gg/ghent",
        "parent_name": "Belgium",
    }


@pytest.mark.parametrize(
    "url", [GROUPS_FEED, *(FILE_FEED.format(file=f) for f in website.FEED_FILES)]
)
def test_every_feed_is_cacheable_by_anyone_with_a_strong_etag(client, url):
    NationalGroupFactory(country="BE", latitude=50.5, longitude=4.5)

    first = client.get(url, HTTP_ORIGIN="https://pauseai.info")
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["Access-Control-Allow-Origin"] == "*"
    assert first["ETag"].startswith('"')  # strong: not W/"…"
    assert first["Cache-Control"] == "public, max-age=300"
    assert again.status_code == 304


def test_the_feeds_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/schema/?format=json").json()["paths"]

    assert GROUPS_FEED in paths
    for file in website.FEED_FILES:
        assert FILE_FEED.format(file=file) in paths


def test_a_community_from_the_registry_names_the_chapter_as_the_map_does(client):
    czechia = NationalGroupFactory(country="CZ", map_name="Czechia", latitude=50, longitude=15)
    LocalCommunityFactory(national_group=czechia, name="Prague", latitude=50.07, longitude=14.43)

    [prague] = feed(client, FILE_FEED.format(file=website.COMMUNITIES))["communities"]
    [chapter] = feed(client, FILE_FEED.format(file=website.CHAPTERS))["communities"]
    [group] = feed(client, GROUPS_FEED)

    assert prague["parent_name"] == chapter["name"] == "Czechia"
    assert group["name"] == "Czech Republic"  # the website's country list


def test_the_feeds_run_a_constant_number_of_queries(
    client, django_assert_num_queries, real_network
):
    # groups, their public links, their named leads.
    with django_assert_num_queries(3):
        feed(client, GROUPS_FEED)
    # communities with their groups, their public links.
    for file in (website.COMMUNITIES, website.ADJACENT):
        with django_assert_num_queries(2):
            feed(client, FILE_FEED.format(file=file))
    # groups, their public links.
    with django_assert_num_queries(2):
        feed(client, FILE_FEED.format(file=website.CHAPTERS))
