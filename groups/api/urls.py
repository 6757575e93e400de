"""/api/v1/: read-only, public, not language-prefixed (use ?lang= or Accept-Language)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from groups.api import views, website_feeds

app_name = "api"

urlpatterns = [
    path("national-groups/", views.NationalGroupList.as_view(), name="national_groups"),
    path("communities/", views.CommunityList.as_view(), name="communities"),
    path("communities.geojson", views.CommunityGeoJSON.as_view(), name="communities_geojson"),
    path(
        "national-groups.geojson",
        views.NationalGroupGeoJSON.as_view(),
        name="national_groups_geojson",
    ),
    path(
        "pauseai-website/national-groups/",
        website_feeds.WebsiteNationalGroupList.as_view(),
        name="website_national_groups",
    ),
    # The website's communities files, under their own names.
    *(
        path(
            f"pauseai-website/communities/{file}",
            website_feeds.WebsiteCommunityFile.as_view(),
            {"file": file},
            name=f"website_{file.removesuffix('.json').replace('-', '_')}",
        )
        for file in website_feeds.WEBSITE_COMMUNITY_FILES
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api:schema"), name="docs"),
]
