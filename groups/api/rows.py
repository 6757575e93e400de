"""The API's answers built from values() rows: one query per table, and neither a model
instance nor a serializer per row.

The serializers (serializers.py) describe the same shapes for the OpenAPI schema;
tests/api/test_endpoints.py checks that both give the same JSON. Values are formatted
by the serializers' own field classes, so dates and decimals read as they did.
"""

from django.db.models import Avg, Count, Q
from django.utils import timezone
from rest_framework import serializers

from common.rows import in_language, language_order, value_rows
from groups import selectors
from groups.directory import translated
from groups.listing import CountryNames, GroupUrls
from groups.models import LocalCommunity, Membership, NationalGroup

DATE = serializers.DateField()
LATITUDE = serializers.DecimalField(max_digits=8, decimal_places=6)
LONGITUDE = serializers.DecimalField(max_digits=9, decimal_places=6)


def newest(rows):
    """The newest updated_at of the rows: their Last-Modified without asking again."""
    return max((row["updated_at"] for row in rows), default=None)


class Times:
    """Times as serializers.DateTimeField shows them (ISO 8601, in the current time zone,
    UTC as Z), with the time zone looked up once for a whole answer."""

    def __init__(self):
        self.zone = timezone.get_current_timezone()

    def __call__(self, value) -> str:
        text = value.astimezone(self.zone).isoformat()
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


def public_links_by_owner(owner: str, owner_ids) -> dict[int, dict[str, str]]:
    """{owner id: {kind: url}}, as LinksField shows them."""
    return {
        owner_id: dict(links)
        for owner_id, links in selectors.public_links_by_owner(owner, owner_ids).items()
    }


class AbsoluteGroupUrls(GroupUrls):
    """The full addresses of groups' pages, as the serializer builds them."""

    def __init__(self, request):
        super().__init__()
        self.pattern = request.build_absolute_uri(self.pattern)


GROUP_COLUMNS = (
    "id",
    "slug",
    *translated("name"),
    "country",
    "country_local",
    "latitude",
    "longitude",
    "status",
    *translated("description"),
    "public_email",
    "logo",
    "founded_on",
    "updated_at",
    "coach__display_name",
    "coach__is_public",
    "coach__is_active",
)


def national_group_answer(request, groups) -> tuple[list[dict], object]:
    """The groups as NationalGroupSerializer shows them, and their newest updated_at."""
    rows = value_rows(groups, *GROUP_COLUMNS)
    # The groups asked for again in the links' and leaders' queries, not by their ids.
    ids = groups.values("pk")
    links = public_links_by_owner("national_group", ids)
    leaders: dict[int, list[dict]] = {}
    for group_id, name, role in (
        Membership.objects.public_leads()
        .filter(group_id__in=ids)
        .values_list("group_id", "public_name", "role")
    ):
        leaders.setdefault(group_id, []).append({"name": name, "role": role})
    logo_storage = NationalGroup._meta.get_field("logo").storage
    country_names, languages, times = CountryNames(), language_order(), Times()
    group_url = AbsoluteGroupUrls(request)
    public_statuses = NationalGroup.PUBLIC_STATUSES
    answer = [
        {
            "slug": row["slug"],
            "name": in_language(row, "name", languages=languages),
            "country": row["country"],
            "country_name": country_names[row["country"]],
            "country_local": row["country_local"],
            "latitude": decimal_text(LATITUDE, row["latitude"]),
            "longitude": decimal_text(LONGITUDE, row["longitude"]),
            "status": row["status"],
            "description": in_language(row, "description", languages=languages),
            "public_email": row["public_email"],
            "logo": request.build_absolute_uri(logo_storage.url(row["logo"]))
            if row["logo"]
            else None,
            "founded_on": DATE.to_representation(row["founded_on"]) if row["founded_on"] else None,
            "links": links.get(row["id"], {}),
            "leaders": leaders.get(row["id"], []),
            # The coach only if they agreed to be named and are still on the team
            # (selectors.shown_coach).
            "coach": row["coach__display_name"]
            if row["coach__is_public"] and row["coach__is_active"]
            else None,
            "url": group_url(row["slug"]) if row["status"] in public_statuses else None,
            "updated_at": times(row["updated_at"]),
        }
        for row in rows
    ]
    return answer, newest(rows)


COMMUNITY_COLUMNS = (
    "id",
    "name",
    "city",
    "country",
    "latitude",
    "longitude",
    "kind",
    "national_group__slug",
    *translated("national_group__name"),
    "updated_at",
)


def community_rows(communities) -> tuple[list[dict], dict[int, dict[str, str]]]:
    """The communities' rows and their public links by community: two queries (the
    links' asks for the communities again, rather than sending thousands of ids)."""
    rows = value_rows(communities, *COMMUNITY_COLUMNS)
    return rows, public_links_by_owner("community", communities.values("pk"))


class CommunityAnswer:
    """A community as CommunitySerializer shows it; without latitude and longitude
    unless `coordinates` (GeoJSON has them in its geometry). What every row needs (the
    links, the country names, the language, the time zone) is read once."""

    def __init__(self, links, *, coordinates: bool = True):
        self.links = links
        self.coordinates = coordinates
        self.country_names = CountryNames()
        self.languages = language_order()
        self.times = Times()

    def __call__(self, row) -> dict:
        has_group = row["national_group__slug"] is not None
        return {
            "id": row["id"],
            "name": row["name"],
            "city": row["city"],
            "country": row["country"],
            "country_name": self.country_names[row["country"]],
            **(
                {
                    "latitude": decimal_text(LATITUDE, row["latitude"]),
                    "longitude": decimal_text(LONGITUDE, row["longitude"]),
                }
                if self.coordinates
                else {}
            ),
            "kind": row["kind"],
            "national_group": row["national_group__slug"],
            "national_group_name": in_language(
                row, "national_group__name", languages=self.languages
            )
            if has_group
            else None,
            "links": self.links.get(row["id"], {}),
            "updated_at": self.times(row["updated_at"]),
        }


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
    rows = list(
        groups.filter(shown)
        .order_by_name()
        .values("id", "slug", "country", *translated("name"), "latitude", "longitude", "updated_at")
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
                    "name": in_language(row, "name"),
                    "country": row["country"],
                    "country_name": country_names[row["country"]],
                    "communities_on_the_map": mean["on_the_map"] if mean else 0,
                    "url": group_url(row["slug"]),
                },
            }
        )
    return features, newest(rows)
