"""The read-only public API: one source of truth for the PauseAI website and anyone else.

Only public fields leave: never internal notes, private chat links, payee or
personal details. tests/groups/test_api.py lists every field of every endpoint
and fails when one appears that is not on its public list.
"""

from django.conf import settings
from django.db.models import Max
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from groups import website
from groups.models import Link, LocalCommunity, Membership, NationalGroup
from groups.selectors import (
    public_communities,
    public_leads,
    public_links,
    public_national_groups,
    shown_coach,
)

LANGUAGE_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    description="Language of translated fields; else the Accept-Language header decides.",
    enum=["en", "nl"],
)
PUBLIC_STATUSES = [str(status) for status in NationalGroup.PUBLIC_STATUSES]
STATUS_VALUES = "|".join(PUBLIC_STATUSES)
STATUS_PARAMETER = OpenApiParameter(
    "status",
    OpenApiTypes.STR,
    description=(
        "Comma-separated statuses to list instead of the active groups only: "
        f"{', '.join(PUBLIC_STATUSES)} (forming and dissolved groups are not public)."
    ),
    pattern=rf"^({STATUS_VALUES})(,({STATUS_VALUES}))*$",
)
BAD_REQUEST = OpenApiResponse(
    OpenApiTypes.OBJECT, description="An unknown language or status: which, and what to use."
)


def national_groups(statuses):
    """The public groups in these statuses, with their coach and named leads."""
    return (
        public_national_groups()
        .filter(status__in=statuses)
        .select_related("coach")
        .prefetch_related(public_leads())
    )


class LeaderSerializer(serializers.Serializer):
    name = serializers.CharField(source="public_name")
    role = serializers.CharField()


@extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}})
class LinksField(serializers.Field):
    """Public links by kind: {"website": "https://…", "x": "https://x.com/…"}."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, links):
        return {link.kind: link.url for link in links.all()}


class NationalGroupSerializer(serializers.ModelSerializer):
    country_name = serializers.CharField(source="country.name")
    logo = serializers.SerializerMethodField()
    links = LinksField()
    leaders = LeaderSerializer(source="public_leads", many=True)
    coach = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = NationalGroup
        fields = (
            "slug",
            "name",
            "country",
            "country_name",
            "country_local",
            "latitude",
            "longitude",
            "status",
            "description",
            "public_email",
            "logo",
            "founded_on",
            "links",
            "leaders",
            "coach",
            "url",
            "updated_at",
        )

    def get_logo(self, group) -> str | None:
        return self.context["request"].build_absolute_uri(group.logo.url) if group.logo else None

    def get_coach(self, group) -> str | None:
        """The coach's public name, if they agreed to be named."""
        coach = shown_coach(group)
        return coach.display_name if coach else None

    def get_url(self, group) -> str | None:
        if not group.has_public_page:
            return None
        return self.context["request"].build_absolute_uri(group.get_absolute_url())


class CommunitySerializer(serializers.ModelSerializer):
    country_name = serializers.CharField(source="country.name")
    # Null for a community PauseAI Global coordinates, or another organisation's.
    national_group = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    national_group_name = serializers.CharField(
        source="national_group.name", default=None, allow_null=True
    )
    links = LinksField()

    class Meta:
        model = LocalCommunity
        fields = (
            "id",
            "name",
            "city",
            "country",
            "country_name",
            "latitude",
            "longitude",
            "kind",
            "national_group",
            "national_group_name",
            "links",
            "updated_at",
        )


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


class LanguageMixin:
    """Translated fields in ?lang=…, else in the Accept-Language header's language."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if "lang" not in request.query_params:
            return
        language = request.query_params["lang"]
        if language not in dict(settings.LANGUAGES):
            raise ValidationError(
                {"lang": [f"Unknown language; use one of {', '.join(dict(settings.LANGUAGES))}."]}
            )
        translation.activate(language)
        request.LANGUAGE_CODE = language

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        patch_vary_headers(response, ("Accept-Language",))
        return response


def last_modified(*querysets):
    """The newest updated_at among the querysets, as an HTTP date (or None when empty)."""
    stamps = [queryset.aggregate(newest=Max("updated_at"))["newest"] for queryset in querysets]
    stamps = [stamp for stamp in stamps if stamp]
    return http_date(max(stamps).timestamp()) if stamps else None


def with_last_modified(response, *querysets):
    stamp = last_modified(*querysets)
    if stamp:
        response["Last-Modified"] = stamp
    return response


def listing(request, serializer_class, queryset, *, changed):
    response = Response(serializer_class(queryset, many=True, context={"request": request}).data)
    return with_last_modified(response, *changed)


def requested_statuses(request):
    if "status" not in request.query_params:
        return [NationalGroup.Status.ACTIVE]
    statuses = request.query_params["status"].split(",")
    if any(status not in PUBLIC_STATUSES for status in statuses):
        raise ValidationError({"status": [f"Unknown status; use {', '.join(PUBLIC_STATUSES)}."]})
    return statuses


class NationalGroupList(LanguageMixin, APIView):
    """Every public field of the national groups, active ones unless ?status= asks more."""

    @extend_schema(
        parameters=[LANGUAGE_PARAMETER, STATUS_PARAMETER],
        responses={200: NationalGroupSerializer(many=True), 400: BAD_REQUEST},
        summary="National groups (active ones unless ?status= says otherwise)",
    )
    def get(self, request):
        groups = national_groups(requested_statuses(request))
        return listing(
            request,
            NationalGroupSerializer,
            groups,
            changed=[groups, Link.objects.exclude(national_group=None), Membership.objects],
        )


class CommunityList(LanguageMixin, APIView):
    """Every active local community, with its coordinates and its national group."""

    @extend_schema(
        parameters=[LANGUAGE_PARAMETER],
        responses={200: CommunitySerializer(many=True), 400: BAD_REQUEST},
        summary="Active local communities",
    )
    def get(self, request):
        communities = public_communities()
        return listing(
            request,
            CommunitySerializer,
            communities,
            changed=[communities, Link.objects.exclude(community=None), NationalGroup.objects],
        )


class CommunityGeoJSON(LanguageMixin, APIView):
    """Active communities with coordinates, as a GeoJSON FeatureCollection for maps."""

    @extend_schema(
        parameters=[LANGUAGE_PARAMETER],
        responses={(200, "application/geo+json"): OpenApiTypes.OBJECT, 400: BAD_REQUEST},
        summary="Active local communities as GeoJSON",
    )
    def get(self, request):
        communities = public_communities().exclude(latitude=None)
        properties = CommunitySerializer(communities, many=True, context={"request": request})
        features = [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    # GeoJSON puts longitude first.
                    "coordinates": [float(community.longitude), float(community.latitude)],
                },
                "properties": {
                    key: value
                    for key, value in data.items()
                    if key not in ("latitude", "longitude")
                },
            }
            for community, data in zip(communities, properties.data, strict=True)
        ]
        response = Response(
            {"type": "FeatureCollection", "features": features},
            content_type="application/geo+json",
        )
        return with_last_modified(response, communities, Link.objects.exclude(community=None))


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
