"""The PauseAI website's feeds (/api/v1/pauseai-website/…): what the website reads today,
in its own shapes, always in English, cacheable by anyone.

The records are built by groups.website, which the content loader reads the
website's files with, so what is loaded is what is given back.
"""

from django.utils import translation
from django.utils.cache import patch_cache_control
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from groups import website
from groups.models import LocalCommunity, NationalGroup
from groups.selectors import public_communities, public_leads, public_links, public_national_groups


class WebsiteNationalGroupSerializer(serializers.Serializer):
    """The PauseAI website's NationalGroup type (src/lib/types.ts), for the schema: the
    records themselves are built by groups.website.national_group_record."""

    id = serializers.CharField()
    name = serializers.CharField(help_text="The country, as the website's country list spells it.")
    leader = serializers.CharField(help_text='The national leads\' public names, or "No".')
    email = serializers.CharField(help_text="The group's public address; empty if none.")
    xLink = serializers.CharField()
    discordLink = serializers.CharField()
    whatsappLink = serializers.CharField()
    website = serializers.CharField()
    linktreeLink = serializers.CharField()
    instagramLink = serializers.CharField()
    tiktokLink = serializers.CharField()
    facebookLink = serializers.CharField()
    youtubeLink = serializers.CharField()
    linkedinLink = serializers.CharField()
    lumaLink = serializers.CharField()
    substackLink = serializers.CharField()
    public = serializers.BooleanField()
    image = serializers.URLField(required=False, help_text="The logo; absent when none.")


class WebsiteCommunitySerializer(serializers.Serializer):
    """A record of the website's communities files (src/routes/communities/*.json)."""

    name = serializers.CharField()
    country_local = serializers.CharField(required=False)
    lat = serializers.FloatField()
    lon = serializers.FloatField()
    link = serializers.CharField(required=False, help_text="A URL or a mailto: address.")
    parent_name = serializers.CharField(
        required=False, help_text="The national group, as the website's map names it."
    )


WebsiteCommunitiesSerializer = inline_serializer(
    "WebsiteCommunities", fields={"communities": WebsiteCommunitySerializer(many=True)}
)

# The website reads these at build time and on every visit: proxies and the
# website's own fetch may keep them this long (they carry an ETag, so a revalidation
# is a cheap 304).
WEBSITE_FEED_MAX_AGE = 300


def website_feed(data) -> Response:
    """A feed as the website fetches it: JSON, in English, cacheable by anyone.

    CORS comes from CORS_URLS_REGEX; a strong ETag and the 304 from
    ConditionalGetMiddleware, which hashes the body.
    """
    response = Response(data, content_type="application/json")
    patch_cache_control(response, public=True, max_age=WEBSITE_FEED_MAX_AGE)
    return response


class WebsiteNationalGroupList(APIView):
    """The PauseAI website's /api/national-groups, served from the registry: its
    NationalGroup records, active groups only, sorted by name, always in English."""

    @extend_schema(
        responses=WebsiteNationalGroupSerializer(many=True),
        summary="National groups in the PauseAI website's own shape (NationalGroup[])",
    )
    def get(self, request):
        groups = (
            public_national_groups()
            .filter(status=NationalGroup.Status.ACTIVE)
            .prefetch_related(public_leads())
        )
        with translation.override("en"):
            records = [
                website.national_group_record(
                    group,
                    image_url=request.build_absolute_uri(group.logo.url) if group.logo else None,
                )
                for group in groups
            ]
        return website_feed(sorted(records, key=website.by_name))


def chapters():
    """Active groups with a map position: the website's national chapters."""
    return NationalGroup.objects.on_the_map().prefetch_related(public_links())


def communities_of_kind(kind):
    """Public communities of one kind with a map position, as the website's map shows them."""
    return public_communities().filter(kind=kind, latitude__isnull=False)


WEBSITE_COMMUNITY_FILES = {
    website.CHAPTERS: (chapters, website.chapter_record),
    website.COMMUNITIES: (
        lambda: communities_of_kind(LocalCommunity.Kind.PAUSEAI),
        website.community_record,
    ),
    website.ADJACENT: (
        lambda: communities_of_kind(LocalCommunity.Kind.ADJACENT),
        website.community_record,
    ),
}


class WebsiteCommunityFile(APIView):
    """One of the website's communities files (national-chapters.json,
    pauseai-communities.json, adjacent-communities.json), built from the registry."""

    @extend_schema(
        responses=WebsiteCommunitiesSerializer,
        summary="The PauseAI website's communities files, in their own shape",
    )
    def get(self, request, file):
        rows, record = WEBSITE_COMMUNITY_FILES[file]
        with translation.override("en"):
            records = sorted((record(row) for row in rows()), key=website.by_name)
        return website_feed({"communities": records})
