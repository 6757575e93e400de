"""The registry's own shapes: a national group and a local community, public fields only."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from groups.models import LocalCommunity, NationalGroup
from groups.selectors import shown_coach


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
