"""/api/v1/: read-only, public, not language-prefixed (use ?lang= or Accept-Language)."""

from django.urls import path
from drf_spectacular.views import SpectacularRedocView

from common.pagecache import cached
from groups.api import views, website_feeds

# Answers built once per registry version (common/pagecache.py), by the parameters
# each endpoint reads.
LANG = ("lang",)
# The communities page's search and filters, which its map passes on.
MAP_SEARCH = (*LANG, "q", "country", "status")

app_name = "api"

urlpatterns = [
    path(
        "national-groups/",
        cached(views.NationalGroupList.as_view(), parameters=(*LANG, "status")),
        name="national_groups",
    ),
    path(
        "communities/",
        cached(views.CommunityList.as_view(), parameters=LANG),
        name="communities",
    ),
    path(
        "communities.geojson",
        cached(views.CommunityGeoJSON.as_view(), parameters=MAP_SEARCH),
        name="communities_geojson",
    ),
    path(
        "national-groups.geojson",
        cached(views.NationalGroupGeoJSON.as_view(), parameters=MAP_SEARCH),
        name="national_groups_geojson",
    ),
    path(
        "pauseai-website/national-groups/",
        cached(website_feeds.WebsiteNationalGroupList.as_view()),
        name="website_national_groups",
    ),
    # The website's communities files, under their own names.
    *(
        path(
            f"pauseai-website/communities/{file}",
            cached(website_feeds.WebsiteCommunityFile.as_view()),
            {"file": file},
            name=f"website_{file.removesuffix('.json').replace('-', '_')}",
        )
        for file in website_feeds.WEBSITE_COMMUNITY_FILES
    ),
    path(
        "schema/", cached(views.SchemaView.as_view(), parameters=(*LANG, "format")), name="schema"
    ),
    path("docs/", cached(SpectacularRedocView.as_view(url_name="api:schema")), name="docs"),
]
