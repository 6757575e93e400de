"""The read-only JSON API: what it shows, what it never shows, and how it caches."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.http import http_date
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from groups.api.serializers import CommunitySerializer, NationalGroupSerializer
from groups.models import Link, LocalCommunity, Membership, NationalGroup, OversightTeamMember
from groups.selectors import public_communities, public_leads, public_national_groups
from tests.factories import (
    COUNTRY_CODES,
    LinkFactory,
    LocalCommunityFactory,
    MembershipFactory,
    MicrograntRequestFactory,
    NationalGroupFactory,
    OversightTeamMemberFactory,
)
from tests.microgrants.helpers import png_bytes

pytestmark = pytest.mark.django_db

GROUP_FIELDS = {
    "slug", "name", "country", "country_name", "country_local", "latitude", "longitude",
    "status", "description", "public_email",
    "logo", "founded_on", "links", "leaders", "coach", "url", "updated_at",
}  # fmt: skip
COMMUNITY_FIELDS = {
    "id", "name", "city", "country", "country_name", "latitude", "longitude", "kind",
    "national_group", "national_group_name", "links", "updated_at",
}  # fmt: skip
# The PauseAI website's own NationalGroup type (test_website_feeds.py checks it against a schema).
WEBSITE_FIELDS = {
    "id", "name", "leader", "email", "xLink", "discordLink", "whatsappLink", "website",
    "linktreeLink", "instagramLink", "tiktokLink", "facebookLink", "youtubeLink",
    "linkedinLink", "lumaLink", "substackLink", "public",
}  # fmt: skip


@pytest.fixture
def registry():
    """A group with everything filled in, public and private, and one community."""
    group = NationalGroupFactory(
        slug="belgium",
        country="BE",
        name_en="PauseAI Belgium",
        name_nl="PauseAI België",
        description_en="We pause AI in Belgium.",
        description_nl="Wij pauzeren AI in België.",
        public_email="belgium@pauseai.info",
        internal_notes="SECRET-NOTE needs coaching",
        coach=OversightTeamMemberFactory(display_name="Carla Coach"),
    )
    MembershipFactory(
        group=group, role="national_lead", public_name="Ann Lead", discord_username="ann#1"
    )
    MembershipFactory(group=group, role="member", public_name="Max Member")
    LinkFactory(national_group=group, kind="x", url="https://x.com/PauseAI_BE")
    LinkFactory(
        national_group=group,
        kind="whatsapp",
        url="https://chat.whatsapp.com/SECRET",
        is_private=True,
    )
    community = LocalCommunityFactory(
        national_group=group,
        country="BE",
        city="Ghent",
        name="PauseAI Ghent",
        latitude="51.054342",
        longitude="3.717424",
    )
    LinkFactory(
        community=community, kind="signal", url="https://signal.group/#SECRET", is_private=True
    )
    LinkFactory(community=community, kind="instagram", url="https://instagram.com/pauseai_ghent")
    MicrograntRequestFactory(group=group, payee_details="SECRET-IBAN BE00")
    return group


def get_json(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    return response


def test_national_groups_show_every_public_field_and_nothing_else(client, registry):
    [group] = get_json(client, "/api/v1/national-groups/").json()

    assert set(group) == GROUP_FIELDS
    assert group["links"] == {"x": "https://x.com/PauseAI_BE"}
    assert group["leaders"] == [{"name": "Ann Lead", "role": "national_lead"}]
    assert group["coach"] == "Carla Coach"
    assert group["public_email"] == "belgium@pauseai.info"
    assert group["url"] == "http://testserver/en/national-groups/belgium/"


def test_communities_show_every_public_field_and_nothing_else(client, registry):
    [community] = get_json(client, "/api/v1/communities/").json()

    assert set(community) == COMMUNITY_FIELDS
    assert community["national_group"] == "belgium"
    assert community["latitude"] == "51.054342"
    assert community["links"] == {"instagram": "https://instagram.com/pauseai_ghent"}


def test_geojson_puts_each_community_on_the_map(client, registry):
    LocalCommunityFactory(country="BE", city="Nowhere")  # no coordinates: not on a map

    response = get_json(client, "/api/v1/communities.geojson")
    collection = response.json()

    assert response["Content-Type"] == "application/geo+json"
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [3.717424, 51.054342]}
    assert set(feature["properties"]) == COMMUNITY_FIELDS - {"latitude", "longitude"}


def test_website_view_has_the_websites_exact_shape(client, registry):
    NationalGroupFactory(country="NL", slug="nl", status="inactive", name_en="PauseAI NL")
    NationalGroupFactory(country="DE", slug="de", status="forming")

    records = get_json(client, "/api/v1/pauseai-website/national-groups/").json()

    [belgium] = records  # not inactive, not forming
    assert set(belgium) == WEBSITE_FIELDS  # no logo: no "image"
    assert belgium["id"] == "belgium"
    assert belgium["name"] == "Belgium"  # the country, as the website spells it
    assert belgium["leader"] == "Ann Lead"
    assert belgium["email"] == "belgium@pauseai.info"
    assert belgium["xLink"] == "https://x.com/PauseAI_BE"
    assert belgium["whatsappLink"] == ""  # private: never leaves
    assert belgium["public"] is True


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/national-groups/?status=active,inactive",
        "/api/v1/communities/",
        "/api/v1/communities.geojson",
        "/api/v1/national-groups.geojson",
        "/api/v1/pauseai-website/national-groups/",
    ],
)
def test_private_data_never_leaves(client, registry, url):
    body = get_json(client, url).content.decode()

    assert "SECRET" not in body
    assert "Max Member" not in body


def test_only_active_groups_unless_asked(client, registry):
    NationalGroupFactory(country="NL", slug="nl", status="inactive")

    default = get_json(client, "/api/v1/national-groups/").json()
    asked = get_json(client, "/api/v1/national-groups/?status=inactive").json()
    nonsense = client.get("/api/v1/national-groups/?status=sleeping")

    assert [group["slug"] for group in default] == ["belgium"]
    assert [group["slug"] for group in asked] == ["nl"]
    assert nonsense.status_code == 400
    assert "Unknown status" in nonsense.json()["status"][0]


def test_an_unknown_language_is_a_clear_400(client, registry):
    response = client.get("/api/v1/communities/?lang=xx")

    assert response.status_code == 400
    assert response.json() == {"lang": ["Unknown language; use one of en, nl, fr, de."]}


def test_translated_fields_follow_lang_or_accept_language(client, registry):
    by_parameter = get_json(client, "/api/v1/national-groups/?lang=nl")
    by_header = get_json(client, "/api/v1/national-groups/", HTTP_ACCEPT_LANGUAGE="nl")

    for response in (by_parameter, by_header):
        [group] = response.json()
        assert group["name"] == "PauseAI België"
        assert group["description"] == "Wij pauzeren AI in België."
        assert group["country_name"] == "België"
        assert response["Content-Language"] == "nl"


@pytest.mark.parametrize(
    ("language", "name", "country_name"),
    [("fr", "PauseAI Belgique", "Belgique"), ("de", "PauseAI Belgien", "Belgien")],
)
def test_french_and_german_clients_read_their_language(
    client, registry, language, name, country_name
):
    NationalGroup.objects.filter(pk=registry.pk).update(**{f"name_{language}": name})

    by_parameter = get_json(client, f"/api/v1/national-groups/?lang={language}")
    by_header = get_json(client, "/api/v1/national-groups/", HTTP_ACCEPT_LANGUAGE=language)

    for response in (by_parameter, by_header):
        [group] = response.json()
        assert group["name"] == name
        # No description in this language yet: the English one, as on the pages.
        assert group["description"] == "We pause AI in Belgium."
        assert group["country_name"] == country_name
        assert response["Content-Language"] == language


def test_the_schema_offers_every_language_for_lang(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()

    for path in ("/api/v1/national-groups/", "/api/v1/communities/"):
        [lang] = [
            parameter
            for parameter in schema["paths"][path]["get"]["parameters"]
            if parameter["name"] == "lang"
        ]
        assert set(lang["schema"]["enum"]) == {"en", "nl", "fr", "de"}


def test_conditional_requests_get_304(client, registry):
    first = get_json(client, "/api/v1/national-groups/")

    by_etag = client.get("/api/v1/national-groups/", HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get("/api/v1/national-groups/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    NationalGroup.objects.filter(pk=registry.pk).update(
        description_en="Changed", updated_at=timezone.now() + timezone.timedelta(seconds=2)
    )
    after_change = client.get("/api/v1/national-groups/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert by_etag.status_code == 304
    assert by_date.status_code == 304
    assert after_change.status_code == 200
    assert after_change["Last-Modified"] != first["Last-Modified"]


def test_a_link_change_is_a_modification_too(client, registry):
    first = get_json(client, "/api/v1/national-groups/")
    link = registry.links.get(kind="x")
    link.url = "https://x.com/PauseAI_Belgium"
    link.save()

    response = client.get(
        "/api/v1/national-groups/",
        HTTP_IF_MODIFIED_SINCE=http_date(timezone.now().timestamp() - 1),
    )

    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]


def test_any_origin_may_read(client, registry):
    response = client.get("/api/v1/communities/", HTTP_ORIGIN="https://pauseai.info")

    assert response["Access-Control-Allow-Origin"] == "*"


def test_writing_is_not_allowed(client, registry):
    assert client.post("/api/v1/national-groups/", {}).status_code == 405
    assert client.delete("/api/v1/communities/").status_code == 405


def test_schema_is_served(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert set(paths) == {
        "/api/v1/national-groups/",
        "/api/v1/communities/",
        "/api/v1/communities.geojson",
        "/api/v1/national-groups.geojson",
        "/api/v1/pauseai-website/national-groups/",
        "/api/v1/pauseai-website/communities/national-chapters.json",
        "/api/v1/pauseai-website/communities/pauseai-communities.json",
        "/api/v1/pauseai-website/communities/adjacent-communities.json",
    }


@pytest.mark.parametrize(
    "version",
    ['(evil"; filename=x.html)', "1\nSet-Cookie: a=b", "2", "1"],
)
def test_the_schemas_file_name_is_its_own_whatever_version_is_asked(client, version):
    response = client.get("/api/v1/schema/", {"version": version})
    in_json = client.get("/api/v1/schema/", {"version": version, "format": "json"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="PauseAI registry API.yaml"'
    assert in_json["Content-Disposition"] == 'inline; filename="PauseAI registry API.json"'
    assert in_json.json()["info"]["version"] == "1"


def bulk_registry(groups, communities):
    NationalGroup.objects.bulk_create(
        NationalGroup(
            slug=f"g{index}",
            name_en=f"Group {index}",
            country=COUNTRY_CODES[index % len(COUNTRY_CODES)],
            status="active" if index < len(COUNTRY_CODES) else "dissolved",
        )
        for index in range(groups)
    )
    live = list(NationalGroup.objects.filter(status="active"))
    LocalCommunity.objects.bulk_create(
        LocalCommunity(
            name=f"Community {index}",
            city=f"City {index}",
            country=live[index % len(live)].country,
            national_group=live[index % len(live)],
            latitude=10,
            longitude=10,
        )
        for index in range(communities)
    )


@pytest.mark.parametrize(("groups", "communities"), [(3, 3), (500, 5000)])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # groups with their coach, their public links, their named leads; Last-Modified
        # (the groups' own is the newest row read): group links' and memberships' in one.
        ("/api/v1/national-groups/", 4),
        # communities with their groups, their public links; Last-Modified (the
        # communities' own from the rows): community links' and groups' in one.
        ("/api/v1/communities/", 3),
        # the same, the community links' alone.
        ("/api/v1/communities.geojson", 3),
        # groups, their public links, their named leads (no Last-Modified: the ETag is exact).
        ("/api/v1/pauseai-website/national-groups/", 3),
    ],
)
def test_every_endpoint_runs_the_same_queries_at_any_size(
    client, django_assert_num_queries, groups, communities, url, queries
):
    bulk_registry(groups, communities)

    with django_assert_num_queries(queries):
        get_json(client, url)


@pytest.fixture
def varied_registry(registry, tmp_path):
    """Groups and communities with each field filled or empty, translated or not."""
    NationalGroupFactory(
        country="NL",
        slug="nl",
        status="inactive",
        name_en="PauseAI Netherlands",
        name_nl="",
        country_local="Nederland",
        latitude="52.370216",
        longitude="4.895168",
        founded_on="2023-05-01",
        logo=SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png"),
        coach=OversightTeamMemberFactory(display_name="Hidden Coach", is_public=False),
    )
    gone = NationalGroupFactory(
        country="DE", slug="de", coach=OversightTeamMemberFactory(is_active=False)
    )
    LinkFactory(national_group=gone, kind="website", url="https://pauseai.de/")
    LinkFactory(national_group=gone, kind="instagram", url="https://instagram.com/pauseai_de")
    MembershipFactory(group=gone, role="national_lead", public_name="Dora")
    MembershipFactory(group=gone, role="communications_lead", public_name="Dirk")
    LocalCommunityFactory(
        national_group=gone, city="Köln", name="PauseAI Köln", latitude=50.9, longitude=6.9
    )
    LocalCommunityFactory(country="KE", city="Nairobi", latitude="-1.292066", longitude="36.821945")
    adjacent = LocalCommunityFactory(
        country="NL",
        city="Delft",
        name="Delft AI Safety",
        kind="adjacent",
        latitude=52,
        longitude=4,
    )
    LinkFactory(community=adjacent, kind="website", url="https://delft.example.org/")


def serializer_answer(serializer_class, queryset, **request_headers):
    """What the DRF serializers make of the rows, for the endpoints to match."""
    request = Request(APIRequestFactory().get("/", **request_headers))
    return json.loads(
        json.dumps(serializer_class(queryset, many=True, context={"request": request}).data)
    )


@pytest.mark.parametrize("language", ["en", "nl", "fr", "de"])
def test_the_answers_are_the_serializers_own(client, varied_registry, language):
    statuses = "?status=active,inactive"
    groups = get_json(client, f"/api/v1/national-groups/{statuses}&lang={language}").json()
    communities = get_json(client, f"/api/v1/communities/?lang={language}").json()
    geojson = get_json(client, f"/api/v1/communities.geojson?lang={language}").json()

    with translation.override(language):
        assert groups == serializer_answer(
            NationalGroupSerializer,
            public_national_groups()
            .filter(status__in=["active", "inactive"])
            .select_related("coach")
            .prefetch_related(public_leads()),
        )
        expected_communities = serializer_answer(CommunitySerializer, public_communities())
    assert communities == expected_communities
    assert [feature["properties"] for feature in geojson["features"]] == [
        {key: value for key, value in community.items() if key not in ("latitude", "longitude")}
        for community in expected_communities
        if community["latitude"] is not None
    ]
    assert [feature["geometry"]["coordinates"] for feature in geojson["features"]] == [
        [float(community["longitude"]), float(community["latitude"])]
        for community in expected_communities
        if community["latitude"] is not None
    ]


@pytest.mark.parametrize(
    "microsecond",
    [
        0,  # written without a fraction
        120_000,  # PostgreSQL writes .12, the serializer .120000
        123_456,
    ],
)
@pytest.mark.parametrize("time_zone", ["UTC", "Europe/Amsterdam"])
def test_times_read_as_text_are_the_serializers_own(
    client, settings, varied_registry, microsecond, time_zone
):
    settings.TIME_ZONE = time_zone
    changed = datetime.datetime(2026, 3, 29, 1, 30, 5, microsecond, tzinfo=datetime.UTC)
    for model in (NationalGroup, LocalCommunity, Link):
        model.objects.update(updated_at=changed)

    groups = get_json(client, "/api/v1/national-groups/?status=active,inactive").json()
    communities = get_json(client, "/api/v1/communities/").json()
    geojson = get_json(client, "/api/v1/communities.geojson").json()

    shown = serializers.DateTimeField().to_representation(changed)
    assert shown == (
        f"2026-03-29T{'01' if time_zone == 'UTC' else '03'}:30:05"
        f"{f'.{microsecond:06d}' if microsecond else ''}"
        f"{'Z' if time_zone == 'UTC' else '+02:00'}"
    )
    assert {group["updated_at"] for group in groups} == {shown}
    assert {community["updated_at"] for community in communities} == {shown}
    assert {feature["properties"]["updated_at"] for feature in geojson["features"]} == {shown}
    # The newest row's, read from the same text.
    response = client.get("/api/v1/communities/")
    assert response["Last-Modified"] == http_date(changed.timestamp())


def test_the_map_shows_every_change_to_what_a_community_feature_is_made_of(client, registry):
    """Features are kept by what they are made of (groups.api.rows.community_feature):
    changes that leave updated_at as it was are on the map all the same."""
    url = "/api/v1/communities.geojson"
    [before] = get_json(client, url).json()["features"]
    community = LocalCommunity.objects.get()

    LocalCommunity.objects.update(city="Gent", longitude="3.700000")
    NationalGroup.objects.update(name_en="PauseAI België")
    Link.objects.filter(community=community).update(url="https://instagram.com/pauseai_gent")
    [after] = get_json(client, url).json()["features"]
    [in_dutch] = get_json(client, f"{url}?lang=nl").json()["features"]

    assert before["properties"]["city"] == "Ghent"
    assert after["properties"]["city"] == "Gent"
    assert after["geometry"]["coordinates"] == [3.7, 51.054342]
    assert after["properties"]["national_group_name"] == "PauseAI België"
    assert after["properties"]["links"] == {"instagram": "https://instagram.com/pauseai_gent"}
    assert after["properties"]["updated_at"] == before["properties"]["updated_at"]
    assert in_dutch["properties"]["country_name"] == "België"


def test_the_groups_answer_shows_every_change_to_what_a_group_is_made_of(
    client, settings, registry
):
    """Groups are kept as JSON by what they are made of (groups.api.rows.national_group_json):
    changes that leave updated_at as it was are in the answer all the same."""
    url = "/api/v1/national-groups/"
    [before] = get_json(client, url).json()

    NationalGroup.objects.update(description_en="We pause AI in all of Belgium.")
    Membership.objects.filter(public_name="Ann Lead").update(public_name="Ann")
    Link.objects.filter(national_group=registry).update(url="https://x.com/PauseAI_Belgium")
    OversightTeamMember.objects.update(is_public=False)
    [after] = get_json(client, url).json()
    [in_dutch] = get_json(client, f"{url}?lang=nl").json()

    assert before["description"] == "We pause AI in Belgium."
    assert after["description"] == "We pause AI in all of Belgium."
    assert after["leaders"] == [{"name": "Ann", "role": "national_lead"}]
    assert after["links"] == {"x": "https://x.com/PauseAI_Belgium"}
    assert before["coach"] == "Carla Coach" and after["coach"] is None
    assert after["updated_at"] == before["updated_at"]
    assert in_dutch["description"] == "Wij pauzeren AI in België."
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "registry.example.org"]
    assert get_json(client, url, HTTP_HOST="registry.example.org").json()[0]["url"] == (
        "http://registry.example.org/en/national-groups/belgium/"
    )


def test_a_person_reading_the_map_may_ask_for_it_indented(client, registry):
    url = "/api/v1/communities.geojson"
    compact = get_json(client, url)
    indented = get_json(client, url, HTTP_ACCEPT="application/json; indent=2")

    assert b'\n  "features": [' in indented.content
    assert indented.json() == compact.json()


def test_the_api_docs_load_nothing_from_another_site(client):
    """Redoc from our own static files (drf-spectacular-sidecar), no web fonts, and
    no inline script."""
    html = client.get("/api/v1/docs/").content.decode()

    assert "/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js" in html
    assert "https://" not in html and "http://" not in html.replace("http://testserver", "")
    assert "<script>" not in html
