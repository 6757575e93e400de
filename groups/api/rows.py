"""The API's answers built from values() rows: one query per table, and neither a model
instance nor a serializer per row.

The serializers (serializers.py) describe the same shapes for the OpenAPI schema;
tests/api/test_endpoints.py checks that both give the same JSON. Values are formatted
by the serializers' own field classes, so dates and decimals read as they did.
"""

from functools import lru_cache

import orjson
from django.db.models import Avg, CharField, Count, Q
from django.db.models.functions import Cast
from django.utils import timezone, translation
from rest_framework import serializers

from common.renderers import json_bytes
from common.rows import (
    UtcText,
    in_language_column,
    iso_utc,
    utc_time,
    value_rows,
    value_tuples,
)
from groups.listing import CountryNames, GroupUrls
from groups.models import LocalCommunity, Membership, NationalGroup
from groups.places import place_in
from groups.selectors import public_links_by_owner

DATE = serializers.DateField()
LATITUDE = serializers.DecimalField(max_digits=8, decimal_places=6)
LONGITUDE = serializers.DecimalField(max_digits=9, decimal_places=6)


# Every row's updated_at, read as text (common.rows.UtcText).
UPDATED_AT = {"updated_at": UtcText("updated_at")}


def newest(texts):
    """The newest of the rows' updated_at (UPDATED_AT, whose texts sort as their times
    do): their Last-Modified without asking again."""
    text = max(texts, default=None)
    return utc_time(text) if text else None


class Times:
    """Times as serializers.DateTimeField shows them (ISO 8601, in the current time zone,
    UTC as Z), from their UTC text (UPDATED_AT), with the time zone looked up once for a
    whole answer. In UTC, the site's time zone, that is the text rearranged."""

    def __init__(self):
        zone = timezone.get_current_timezone()
        self.zone = None if str(zone) in ("UTC", "Etc/UTC") else zone

    def __call__(self, text: str) -> str:
        if self.zone is None:
            return iso_utc(text)
        text = utc_time(text).astimezone(self.zone).isoformat()
        return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def decimal_text(field, value) -> str | None:
    """The decimal as the serializer's DecimalField writes it. A value read from the
    column already has the field's decimal places (PostgreSQL's numeric, and Django's
    SQLite converter, give them), so fixed-point formatting writes the same text at a
    fraction of the cost of DRF's quantizing; anything else goes through DRF."""
    if value is None:
        return None
    if value.as_tuple().exponent == -field.decimal_places:
        return format(value, "f")
    return field.to_representation(value)


class AbsoluteGroupUrls(GroupUrls):
    """The full addresses of groups' pages, as the serializer builds them."""

    def __init__(self, request):
        super().__init__()
        self.pattern = request.build_absolute_uri(self.pattern)


GROUP_COLUMNS = (
    "id",
    "slug",
    "country",
    "country_local",
    "latitude",
    "longitude",
    "status",
    "public_email",
    "logo",
    "founded_on",
    "coach__display_name",
    "coach__is_public",
    "coach__is_active",
)


def national_group_answer(request, groups) -> tuple[list[orjson.Fragment], object]:
    """The groups as NationalGroupSerializer shows them, each as JSON already written
    (national_group_json()), and their newest updated_at."""
    rows = value_tuples(
        groups,
        *GROUP_COLUMNS,
        in_language_column("name"),
        in_language_column("description"),
        *UPDATED_AT.values(),
    )
    # The groups asked for again in the links' and leaders' queries, not by their ids.
    ids = groups.values("pk")
    # {kind: url} as LinksField shows them.
    links = public_links_by_owner("national_group", ids)
    leaders: dict[int, tuple] = {}
    for group_id, name, role in (
        Membership.objects.public_leads()
        .filter(group_id__in=ids)
        .values_list("group_id", "public_name", "role")
    ):
        leaders[group_id] = (*leaders.get(group_id, ()), (name, role))
    logo_storage = NationalGroup._meta.get_field("logo").storage
    group_url = AbsoluteGroupUrls(request)
    language, zone = translation.get_language(), str(timezone.get_current_timezone())
    answer = []
    for row in rows:
        id_, slug, status, logo = row[0], row[1], row[6], row[8]
        answer.append(
            national_group_json(
                row,
                tuple(links.get(id_, {}).items()),
                leaders.get(id_, ()),
                request.build_absolute_uri(logo_storage.url(logo)) if logo else None,
                group_url(slug) if status in NationalGroup.PUBLIC_STATUSES else None,
                language,
                zone,
            )
        )
    return answer, newest(row[-1] for row in rows)


# Groups kept per process: every group of the Performance issue's 500 in each of the four
# languages.
GROUPS_KEPT = 2_000


@lru_cache(maxsize=GROUPS_KEPT)
def national_group_json(
    row: tuple,
    links: tuple,
    leaders: tuple,
    logo: str | None,
    url: str | None,
    language: str,
    zone: str,
) -> orjson.Fragment:
    """A group as JSON, as the renderer writes it, kept by all that it is made of (its
    row, links and leaders, its logo's and page's addresses, the language of its
    country's name and the time zone of updated_at), as community_feature() keeps a
    community's."""
    # Called in the request, with its language and time zone active.
    (
        _id,
        slug,
        country,
        country_local,
        latitude,
        longitude,
        status,
        public_email,
        _logo,
        founded_on,
        coach_name,
        coach_is_public,
        coach_is_active,
        name,
        description,
        updated_at,
    ) = row
    group = {
        "slug": slug,
        "name": name,
        "country": country,
        "country_name": CountryNames()[country],
        "country_local": country_local,
        "latitude": decimal_text(LATITUDE, latitude),
        "longitude": decimal_text(LONGITUDE, longitude),
        "status": status,
        "description": description,
        "public_email": public_email,
        "logo": logo,
        "founded_on": DATE.to_representation(founded_on) if founded_on else None,
        "links": dict(links),
        "leaders": [{"name": leader, "role": role} for leader, role in leaders],
        # The coach only if they agreed to be named and are still on the team
        # (selectors.shown_coach).
        "coach": coach_name if coach_is_public and coach_is_active else None,
        "url": url,
        "updated_at": Times()(updated_at),
    }
    return orjson.Fragment(exact_copy(json_bytes(group)))


def exact_copy(data: bytes) -> bytes:
    """A copy of its own size: orjson's bytes hold the 4 kB buffer they were written in,
    which thousands kept would waste."""
    return bytes(memoryview(data))


# A community's columns, in the order community_answers() reads them: its own, its national
# group's slug and name (in the active language), its coordinates and when it changed.
COMMUNITY_COLUMNS = ("id", "name", "city", "country", "kind", "national_group__slug")
# Where a map puts a community, read as text: float() of a numeric's text is the float of
# its Decimal, without the Decimal, and with no converter run per row (as a FloatField's
# output would have Django run).
MAP_POSITION = (Cast("latitude", CharField()), Cast("longitude", CharField()))


def community_rows(communities, *, on_a_map: bool = False) -> tuple[list[tuple], dict]:
    """The communities' rows (tuples of the columns above, the coordinates as Decimals, or
    as text `on_a_map`) and their public links by community: two queries (the links'
    asks for the communities again, rather than sending thousands of ids)."""
    rows = value_tuples(
        communities,
        *COMMUNITY_COLUMNS,
        in_language_column("national_group__name"),
        *(MAP_POSITION if on_a_map else ("latitude", "longitude")),
        *UPDATED_AT.values(),
    )
    return rows, public_links_by_owner("community", communities.values("pk"))


def newest_community(rows):
    """The newest updated_at of community_rows()."""
    return newest(row[-1] for row in rows)


def community_answers(rows, links) -> list[dict]:
    """The communities as CommunitySerializer shows them, from community_rows(), reading
    what every row needs (the country names, the time zone) once."""
    country_names, times = CountryNames(), Times()
    return [community_answer(row, links.get(row[0], {}), country_names, times) for row in rows]


def community_answer(row, links, country_names, times, *, coordinates: bool = True) -> dict:
    """A community as CommunitySerializer shows it; without latitude and longitude unless
    `coordinates` (GeoJSON has them in its geometry)."""
    id_, name, city, country, kind, slug, group_name, latitude, longitude, updated_at = row
    language = country_names.language
    answer = {
        "id": id_,
        # Places in the answer's language, as its countries (groups/places.py).
        "name": place_in(language, name),
        "city": place_in(language, city),
        "country": country,
        "country_name": country_names[country],
    }
    if coordinates:
        answer["latitude"] = decimal_text(LATITUDE, latitude)
        answer["longitude"] = decimal_text(LONGITUDE, longitude)
    answer["kind"] = kind
    answer["national_group"] = slug
    answer["national_group_name"] = None if slug is None else group_name
    answer["links"] = links
    answer["updated_at"] = times(updated_at)
    return answer


def community_features(rows, links) -> list[orjson.Fragment]:
    """The communities as GeoJSON features, from community_rows(on_a_map=True): each
    community's properties as CommunitySerializer shows them, its coordinates in the
    geometry, each feature as JSON already written (community_feature())."""
    language, zone = translation.get_language(), str(timezone.get_current_timezone())
    return [
        community_feature(row, tuple(links.get(row[0], {}).items()), language, zone) for row in rows
    ]


# Features kept per process: every community of the Performance issue's 5,000 in each
# of the four languages, some 5 MB a language.
FEATURES_KEPT = 20_000


@lru_cache(maxsize=FEATURES_KEPT)
def community_feature(row: tuple, links: tuple, language: str, zone: str) -> orjson.Fragment:
    """One community's feature as JSON, as the renderer writes it, kept by all that it is
    made of: its row, its links, the language (of its country's and group's names) and
    the time zone (of updated_at), so never out of date. A write changes a few
    communities at most, and the next map writes only those: building and writing
    thousands of features was most of a cold GeoJSON's time."""
    # Called in the request, with its language and time zone active.
    properties = community_answer(row, dict(links), CountryNames(), Times(), coordinates=False)
    latitude, longitude = row[7], row[8]
    feature = json_bytes(
        {
            "type": "Feature",
            # GeoJSON puts longitude first.
            "geometry": {"type": "Point", "coordinates": [float(longitude), float(latitude)]},
            "properties": properties,
        }
    )
    return orjson.Fragment(exact_copy(feature))


def national_group_features(request, communities, *, searched: bool) -> tuple[list[dict], object]:
    """Active groups as GeoJSON features, each at its own position or else amid its
    active communities with coordinates among `communities`; all groups with a position
    of their own, unless `searched`: then only those with a community found. Two
    queries: the communities' mean positions by group, and the groups."""
    around = {
        row["national_group"]: row
        for row in communities.filter(
            status=LocalCommunity.Status.ACTIVE,
            national_group__status=NationalGroup.Status.ACTIVE,
            latitude__isnull=False,
        )
        .order_by()
        .values("national_group")
        .annotate(
            mean_latitude=Avg("latitude"), mean_longitude=Avg("longitude"), on_the_map=Count("id")
        )
    }
    groups = NationalGroup.objects.filter(status=NationalGroup.Status.ACTIVE)
    shown = Q(pk__in=list(around))
    if not searched:
        shown |= Q(latitude__isnull=False)
    rows = value_rows(
        groups.filter(shown).order_by_name(),
        *("id", "slug", "country", "latitude", "longitude"),
        name=in_language_column("name"),
        **UPDATED_AT,
    )
    country_names, group_url = CountryNames(), AbsoluteGroupUrls(request)
    features = []
    for row in rows:
        mean = around.get(row["id"])
        if row["latitude"] is not None:
            latitude, longitude = float(row["latitude"]), float(row["longitude"])
        else:
            # As the mean of positions of six decimals, no finer.
            latitude = round(float(mean["mean_latitude"]), 6)
            longitude = round(float(mean["mean_longitude"]), 6)
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
                "properties": {
                    "slug": row["slug"],
                    "name": row["name"],
                    "country": row["country"],
                    "country_name": country_names[row["country"]],
                    "communities_on_the_map": mean["on_the_map"] if mean else 0,
                    "url": group_url(row["slug"]),
                },
            }
        )
    return features, newest(row["updated_at"] for row in rows)
