"""The registry's own endpoints: national groups, local communities, and those as GeoJSON.

Translated fields in ?lang= or the Accept-Language language; a Last-Modified from the
rows an answer is built from, so clients can ask again cheaply.
"""

from django.conf import settings
from django.db.models import Max
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from groups.api.serializers import CommunitySerializer, NationalGroupSerializer
from groups.models import Link, Membership, NationalGroup
from groups.selectors import public_communities, public_leads, public_national_groups

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


def national_groups(statuses):
    """The public groups in these statuses, with their coach and named leads."""
    return (
        public_national_groups()
        .filter(status__in=statuses)
        .select_related("coach")
        .prefetch_related(public_leads())
    )


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
