"""The registry's own endpoints: national groups, local communities, and those as GeoJSON.

Translated fields in ?lang= or the Accept-Language language; a Last-Modified from the
rows an answer is built from, so clients can ask again cheaply.
"""

import datetime

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from groups.api.rows import (
    community_answers,
    community_features,
    community_rows,
    national_group_answer,
    national_group_features,
    newest_community,
)
from groups.api.serializers import CommunitySerializer, NationalGroupSerializer
from groups.directory import CommunityFilters
from groups.models import Link, LocalCommunity, Membership, NationalGroup
from groups.selectors import public_communities, public_national_groups

LANGUAGE_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    description="Language of translated fields; else the Accept-Language header decides.",
    enum=[code for code, _name in settings.LANGUAGES],
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
# The communities page's search (groups.directory.CommunityFilters), for its map; an
# unknown country or status is ignored, as on the page.
# Any text but NUL, which every address refuses (common.middleware.RefuseNulCharacters).
NO_NUL = r"^[^\x00]*$"
DIRECTORY_PARAMETERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description="Text in the name, city, country or national group.",
        pattern=NO_NUL,
    ),
    OpenApiParameter(
        "country",
        OpenApiTypes.STR,
        description="A country code (ISO 3166-1); another value is ignored, as on the page.",
        pattern=NO_NUL,
    ),
    OpenApiParameter(
        "status",
        OpenApiTypes.STR,
        description=(
            "inactive for the inactive communities instead of the active ones; another "
            "value is ignored, as on the page."
        ),
        pattern=NO_NUL,
    ),
]
BAD_REQUEST = OpenApiResponse(
    OpenApiTypes.OBJECT, description="An unknown language or status: which, and what to use."
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


def with_last_modified(response, *changes):
    """Last-Modified: the newest of the changes, each a time already read (the newest row
    of an answer) or a queryset whose newest updated_at is asked for, all the querysets'
    in one query (UNION ALL of their times, the newest first)."""
    stamps = [change for change in changes if isinstance(change, datetime.datetime)]
    tables = [
        change.all().order_by().values_list("updated_at", flat=True)
        for change in changes
        if change is not None and not isinstance(change, datetime.datetime)
    ]
    if tables:
        times = tables[0].union(*tables[1:], all=True) if len(tables) > 1 else tables[0]
        stamps.extend(times.order_by("-updated_at")[:1])
    if stamps:
        response["Last-Modified"] = http_date(max(stamps).timestamp())
    return response


def requested_statuses(request):
    if "status" not in request.query_params:
        return [NationalGroup.Status.ACTIVE]
    statuses = request.query_params["status"].split(",")
    if any(status not in PUBLIC_STATUSES for status in statuses):
        raise ValidationError({"status": [f"Unknown status; use {', '.join(PUBLIC_STATUSES)}."]})
    return statuses


def national_groups(statuses):
    """The public groups in these statuses, by name."""
    return public_national_groups().filter(status__in=statuses).prefetch_related(None)


def directory_communities(request):
    """The public communities, or those ?q=, ?country= and ?status= find as on the
    communities page (groups.directory.CommunityFilters)."""
    return CommunityFilters(request.query_params).communities().prefetch_related(None)


class NationalGroupList(LanguageMixin, APIView):
    """Every public field of the national groups, active ones unless ?status= asks more."""

    @extend_schema(
        parameters=[LANGUAGE_PARAMETER, STATUS_PARAMETER],
        responses={200: NationalGroupSerializer(many=True), 400: BAD_REQUEST},
        summary="National groups (active ones unless ?status= says otherwise)",
    )
    def get(self, request):
        groups, newest_group = national_group_answer(
            request, national_groups(requested_statuses(request))
        )
        return with_last_modified(
            Response(groups),
            newest_group,
            Link.objects.exclude(national_group=None),
            Membership.objects,
        )


class CommunityList(LanguageMixin, APIView):
    """Every active local community, with its coordinates and its national group."""

    @extend_schema(
        parameters=[LANGUAGE_PARAMETER],
        responses={200: CommunitySerializer(many=True), 400: BAD_REQUEST},
        summary="Active local communities",
    )
    def get(self, request):
        rows, links = community_rows(public_communities().prefetch_related(None))
        return with_last_modified(
            Response(community_answers(rows, links)),
            newest_community(rows),
            Link.objects.exclude(community=None),
            NationalGroup.objects,
        )


class CommunityGeoJSON(LanguageMixin, APIView):
    """Active communities with coordinates, as a GeoJSON FeatureCollection for maps; or
    those the communities page's search finds (?q=, ?country=, ?status=)."""

    @extend_schema(
        parameters=[LANGUAGE_PARAMETER, *DIRECTORY_PARAMETERS],
        responses={(200, "application/geo+json"): OpenApiTypes.OBJECT, 400: BAD_REQUEST},
        summary="Active local communities as GeoJSON",
    )
    def get(self, request):
        rows, links = community_rows(
            directory_communities(request).exclude(latitude=None), on_a_map=True
        )
        response = Response(
            {"type": "FeatureCollection", "features": community_features(rows, links)},
            content_type="application/geo+json",
        )
        return with_last_modified(
            response, newest_community(rows), Link.objects.exclude(community=None)
        )


class NationalGroupGeoJSON(LanguageMixin, APIView):
    """Active national groups on the map, as a GeoJSON FeatureCollection: at their own
    position, else amid their communities on the map. With the communities page's search
    (?q=, ?country=, ?status=), the groups of the communities it finds."""

    @extend_schema(
        parameters=[LANGUAGE_PARAMETER, *DIRECTORY_PARAMETERS],
        responses={(200, "application/geo+json"): OpenApiTypes.OBJECT, 400: BAD_REQUEST},
        summary="Active national groups as GeoJSON",
    )
    def get(self, request):
        filters = CommunityFilters(request.query_params)
        features, newest_group = national_group_features(
            request, filters.communities().prefetch_related(None), searched=filters.active
        )
        response = Response(
            {"type": "FeatureCollection", "features": features},
            content_type="application/geo+json",
        )
        return with_last_modified(response, newest_group, LocalCommunity.objects)


class SchemaView(SpectacularAPIView):
    """The OpenAPI description. The API has one version, named in its path (/api/v1/), so
    ?version= is not read: drf-spectacular writes it as it comes into the schema and into
    the Content-Disposition header, where a quote adds a file name and a newline is a 500."""

    def _get_version_parameter(self, request):
        return None
