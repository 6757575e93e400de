"""One definition of "public": the pages, the API, the GeoJSON, the sitemap and the website
feed show exactly the same national groups and communities."""

import pytest
from django.conf import settings

from groups.models import LocalCommunity, NationalGroup
from tests.factories import LocalCommunityFactory, NationalGroupFactory

pytestmark = pytest.mark.django_db

STATUSES = NationalGroup.Status.values


@pytest.fixture
def one_group_per_status():
    """A group in every status, each with a community on the map; one community of no group."""
    for code, status in zip(("BE", "NL", "DE", "FR"), STATUSES, strict=True):
        group = NationalGroupFactory(slug=status, country=code, status=status, name_en=status)
        LocalCommunityFactory(
            national_group=group, name=f"Community of {status}", latitude=50, longitude=4
        )
    LocalCommunityFactory(
        country="IE", name="Community of PauseAI Global", latitude=53, longitude=-6
    )


def slugs(response):
    return {group["slug"] for group in response.json()}


def test_the_api_lists_exactly_the_groups_whose_page_is_public(client, one_group_per_status):
    listed = slugs(client.get("/api/v1/national-groups/?status=active,inactive"))
    with_a_page = {
        group.slug
        for group in NationalGroup.objects.all()
        if client.get(f"/en/national-groups/{group.slug}/").status_code == 200
    }

    assert listed == with_a_page == {"active", "inactive"}
    assert set(NationalGroup.objects.public().values_list("slug", flat=True)) == listed


@pytest.mark.parametrize("status", ["forming", "dissolved", "active,forming"])
def test_asking_the_api_for_groups_that_are_not_public_is_a_clear_400(
    client, one_group_per_status, status
):
    response = client.get(f"/api/v1/national-groups/?status={status}")

    assert response.status_code == 400
    assert response.json() == {"status": ["Unknown status; use active, inactive."]}


def test_the_website_feed_lists_the_public_groups_that_are_not_inactive(
    client, one_group_per_status
):
    """The website's own rule, on top of the one definition of public."""
    records = client.get("/api/v1/pauseai-website/national-groups/").json()

    assert {record["id"] for record in records} == {"active"}


PUBLIC_COMMUNITIES = {"Community of active", "Community of inactive", "Community of PauseAI Global"}


def test_communities_of_groups_that_are_not_public_are_not_published(client, one_group_per_status):
    api = {community["name"] for community in client.get("/api/v1/communities/").json()}
    geojson = {
        feature["properties"]["name"]
        for feature in client.get("/api/v1/communities.geojson").json()["features"]
    }
    page = client.get("/en/communities/")
    listed = {
        community["name"]
        for entry in page.context["countries_with_communities"]
        for coordinator in entry["by_coordinator"]
        for community in coordinator["communities"]
    } | {community["name"] for community in page.context["adjacent_communities"]}
    # The page's map shows the GeoJSON's communities (static/js/communities-map.js).
    assert 'data-communities-url="/api/v1/communities.geojson?lang=en"' in page.content.decode()

    assert api == geojson == listed == PUBLIC_COMMUNITIES
    assert set(LocalCommunity.objects.public().values_list("name", flat=True)) == api
    assert "Community of forming" not in page.content.decode()


def test_inactive_communities_of_a_forming_group_stay_unlisted(client, one_group_per_status):
    LocalCommunityFactory(
        national_group=NationalGroup.objects.get(slug="forming"),
        name="Old community of forming",
        status="inactive",
    )

    page = client.get("/en/communities/?status=inactive")

    assert "Old community of forming" not in page.content.decode()


def test_the_sitemap_lists_the_public_pages_in_every_language(client, one_group_per_status):
    response = client.get("/sitemap.xml")

    body = response.content.decode()
    assert response.status_code == 200
    for language, _name in settings.LANGUAGES:
        assert f"http://testserver/{language}/national-groups/active/" in body
        assert f"http://testserver/{language}/national-groups/inactive/" in body
        assert f"http://testserver/{language}/communities/" in body
    assert "/national-groups/forming/" not in body
    assert "/national-groups/dissolved/" not in body
