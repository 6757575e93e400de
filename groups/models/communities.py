"""Local communities: PauseAI's city chapters, and other organisations' communities it shows."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from common.validators import validate_no_address, validate_text, validate_visible_text
from common.versioning import Versioned
from groups.models.links import links_snapshot
from groups.models.national_groups import (
    NationalGroup,
    coordinate_constraints,
    coordinates_in_words,
    latitude_field,
    longitude_field,
)


class LocalCommunityQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=LocalCommunity.Status.ACTIVE)

    def of_public_groups(self):
        """Communities PauseAI Global coordinates, and those of a public national group:
        a forming group's communities appear with the group."""
        return self.filter(
            Q(national_group__isnull=True)
            | Q(national_group__status__in=NationalGroup.PUBLIC_STATUSES)
        )

    def public(self):
        """The communities the directory, the map and the API show."""
        return self.active().of_public_groups()


class CommunityStatus(models.TextChoices):
    """In a context of their own, as every workflow's statuses (la communauté active)."""

    ACTIVE = "active", pgettext_lazy("local community status", "Active")
    INACTIVE = "inactive", pgettext_lazy("local community status", "Inactive")


class CommunityKind(models.TextChoices):
    PAUSEAI = "pauseai", _("PauseAI community")
    ADJACENT = "adjacent", _("Adjacent community (another organisation)")


class LocalCommunity(Versioned):
    """A city chapter, coordinated by its national group or else by PauseAI Global; or a
    community of another organisation that PauseAI shows beside its own (adjacent)."""

    Status = CommunityStatus
    Kind = CommunityKind

    name = models.CharField(
        _("name"),
        max_length=120,
        validators=[validate_text, validate_visible_text, validate_no_address],
    )
    city = models.CharField(
        _("city"), max_length=120, validators=[validate_text, validate_visible_text]
    )
    country = CountryField(_("country"))
    national_group = models.ForeignKey(
        NationalGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communities",
        verbose_name=_("national group"),
        help_text=_("Leave empty when PauseAI Global coordinates this community."),
    )
    latitude = latitude_field()
    longitude = longitude_field()
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=Kind.choices,
        default=Kind.PAUSEAI,
        help_text=_(
            "Adjacent: a community of another organisation (an AI-safety group), shown on the "
            "map in its own style and listed apart."
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    contact_email = models.EmailField(_("contact address"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LocalCommunityQuerySet.as_manager()

    class Meta:
        ordering = ["country", "city", "name"]
        verbose_name = _("local community")
        verbose_name_plural = _("local communities")
        # The communities page reads its page's countries' communities (and ?country= one
        # country's): a few of thousands.
        indexes = [models.Index(fields=["country"], name="community_country")]
        constraints = [
            *coordinate_constraints("community"),
            models.CheckConstraint(
                condition=Q(status__in=CommunityStatus.values),
                name="community_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=CommunityKind.values), name="community_kind_valid"
            ),
            # Another organisation's community is nobody's local chapter.
            models.CheckConstraint(
                condition=Q(kind="pauseai") | Q(national_group__isnull=True),
                name="adjacent_community_has_no_national_group",
                violation_error_message=_(
                    "An adjacent community belongs to another organisation, not to a "
                    "national group."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def coordinates_in_words(self) -> str:
        """Its place on the map as no reader can take otherwise; "" when it has none."""
        if self.latitude is None or self.longitude is None:
            return ""
        return coordinates_in_words(self.latitude, self.longitude)

    def edit_snapshot(self):
        return {**super().edit_snapshot(), "links": links_snapshot(self.links.all())}

    def clean(self):
        super().clean()
        if self.national_group_id and self.country and self.national_group.country != self.country:
            raise ValidationError(
                {
                    "national_group": _(
                        "A community can only belong to the national group of its own country."
                    )
                }
            )
