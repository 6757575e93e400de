"""National groups, and the oversight team that coaches them."""

import datetime
from decimal import Decimal
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, Collate, Concat, NullIf, StrIndex
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField

from common.dates import EARLIEST_DATE, dates_in_range
from common.fields import SafeImageField, length_constraints, limited_text_field
from common.names import person
from common.validators import (
    validate_multiline_text,
    validate_no_address,
    validate_text,
    validate_visible_text,
)
from common.versioning import Versioned
from groups.models.links import links_snapshot


def validate_founding_date(value: datetime.date) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("The founding date cannot be in the future."), code="future")
    if value < EARLIEST_DATE:
        raise ValidationError(
            _("Give a founding date after %(date)s.") % {"date": date_format(EARLIEST_DATE)},
            code="too_early",
        )


def latitude_field():
    return models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )


def longitude_field():
    return models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )


def coordinates_in_words(latitude: Decimal, longitude: Decimal) -> str:
    """A map position as no reader can take otherwise, « 50.6326° N, 5.5797° E »: the
    degrees with a decimal point in every language (a French "50,6326, 5,5797" reads as
    four numbers) and without the zeros the database pads them with, each with its
    compass point in the language (« O » for west in French)."""

    def degrees(value: Decimal) -> str:
        return format(abs(value).normalize(), "f")

    north = pgettext("compass point", "N") if latitude >= 0 else pgettext("compass point", "S")
    east = pgettext("compass point", "E") if longitude >= 0 else pgettext("compass point", "W")
    # No-break spaces: a line never parts a number from its compass point.
    return f"{degrees(latitude)}°\u00a0{north}, {degrees(longitude)}°\u00a0{east}"


def coordinate_constraints(prefix: str) -> list[models.CheckConstraint]:
    """A map position the database holds sane: in range, and both or neither."""
    return [
        models.CheckConstraint(
            condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
            name=f"{prefix}_latitude_in_range",
            violation_error_message=_("Latitude must be between -90 and 90."),
        ),
        models.CheckConstraint(
            condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
            name=f"{prefix}_longitude_in_range",
            violation_error_message=_("Longitude must be between -180 and 180."),
        ),
        models.CheckConstraint(
            condition=Q(latitude__isnull=True, longitude__isnull=True)
            | Q(latitude__isnull=False, longitude__isnull=False),
            name=f"{prefix}_coordinates_both_or_neither",
            violation_error_message=_("Give both latitude and longitude, or neither."),
        ),
    ]


def visitors_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def in_visitors_order(expression):
    """Text sorted as the visitor's language sorts it (Ö beside O, case aside): the ICU
    collation of the language on PostgreSQL. SQLite has none; there it sorts as stored."""
    if connection.vendor != "postgresql":
        return expression
    return Collate(expression, f"{visitors_language()}-x-icu")


@cache
def country_order(language: str) -> str:
    """ ",AF,AX,AL,…,": every country's code, by its name in the language (django-countries
    sorts them so, accents aside: États-Unis beside Espagne), once per language."""
    with translation.override(language):
        return "," + ",".join(code for code, _name in countries) + ","


def country_rank(language: str) -> StrIndex:
    """The country's place among the countries by name in the language, for the database
    to sort by: where its code stands in country_order (one parameter, rather than a
    CASE of 250 branches, which costs more to compile than the query takes to run)."""
    return StrIndex(Value(country_order(language)), Concat(Value(","), F("country"), Value(",")))


def translated_name_ordering(field: str = "name"):
    """Order by a translated field in the active language, falling back to English."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return Coalesce(
        NullIf(f"{field}_{visitors_language()}", models.Value("")), f"{field}_{default}"
    )


class OversightTeamMemberManager(models.Manager):
    def get_queryset(self):
        # Named by their account (str()): read with it, in the same query.
        return super().get_queryset().select_related("user")


class OversightTeamMember(models.Model):
    """A member of PauseAI Global's oversight team, who coaches national groups."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="oversight_member",
        verbose_name=_("user account"),
    )
    display_name = models.CharField(
        _("public name"),
        max_length=120,
        validators=[validate_text, validate_visible_text, validate_no_address],
    )
    title = models.CharField(
        _("title"), max_length=120, blank=True, validators=[validate_text, validate_visible_text]
    )
    bio = limited_text_field(
        _("bio"), max_length=2_000, blank=True, validators=[validate_multiline_text]
    )
    photo = SafeImageField(_("photo"), upload_to="oversight/", blank=True)
    is_public = models.BooleanField(
        _("shown publicly"),
        default=True,
        help_text=_("Show this person's name on the public pages of the groups they coach."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = OversightTeamMemberManager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("oversight team member")
        verbose_name_plural = _("oversight team members")

    def __str__(self):
        """As the team names people (a coach in the admin); the public pages show the
        public name (display_name) of those who agreed to be named."""
        return person(self.user)


class NationalGroupQuerySet(models.QuerySet):
    def public(self):
        """Groups with a public page: the one definition the pages, the API, the map, the
        sitemap and the website feed use. Forming and dissolved groups are not public."""
        return self.filter(status__in=NationalGroup.PUBLIC_STATUSES)

    def not_dissolved(self):
        return self.exclude(status=NationalGroup.Status.DISSOLVED)

    def order_by_name(self):
        return self.order_by(in_visitors_order(translated_name_ordering()), "slug")

    def order_by_country(self):
        """By their country's name in the visitor's language (France under F in French,
        whatever the group calls itself), then by name: as the directory lists them."""
        return self.order_by(
            country_rank(visitors_language()),
            in_visitors_order(translated_name_ordering()),
            "slug",
        )

    def on_the_map(self):
        """Active groups with a map position of their own: the website's national chapters."""
        return self.filter(status=NationalGroup.Status.ACTIVE, latitude__isnull=False)


# A group's page says what it does in a few paragraphs; the page and the API show it.
DESCRIPTION_MAX_LENGTH = 5_000


class NationalGroupStatus(models.TextChoices):
    """In a context of their own, as every workflow's statuses (le groupe actif)."""

    FORMING = "forming", pgettext_lazy("national group status", "Forming")
    ACTIVE = "active", pgettext_lazy("national group status", "Active")
    INACTIVE = "inactive", pgettext_lazy("national group status", "Inactive")
    DISSOLVED = "dissolved", pgettext_lazy("national group status", "Dissolved")


class NationalGroup(Versioned):
    """A country's PauseAI organisation, with its own strategy, channels and communities."""

    Status = NationalGroupStatus

    # Shown to the public (inactive ones marked as such); see NationalGroupQuerySet.public().
    PUBLIC_STATUSES = (Status.ACTIVE, Status.INACTIVE)

    name = models.CharField(
        _("name"),
        max_length=120,
        validators=[validate_text, validate_visible_text, validate_no_address],
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    country = CountryField(_("country"))
    country_local = models.CharField(
        _("country in its own language"),
        max_length=120,
        blank=True,
        validators=[validate_text, validate_visible_text],
        help_text=_("For example Nederland, Deutschland; empty where it is the English name."),
    )
    map_name = models.CharField(
        _("name on the PauseAI website's map"),
        max_length=120,
        blank=True,
        validators=[validate_text, validate_visible_text, validate_no_address],
        help_text=_(
            "Only where the map calls the country otherwise than the website's country list "
            "(Czechia, not Czech Republic)."
        ),
    )
    latitude = latitude_field()
    longitude = longitude_field()
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.FORMING
    )
    description = limited_text_field(
        _("description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        blank=True,
        validators=[validate_multiline_text],
    )
    public_email = models.EmailField(
        _("public contact address"),
        blank=True,
        help_text=_("Usually <country>@pauseai.info."),
    )
    logo = SafeImageField(_("logo"), upload_to="groups/logos/", blank=True)
    legal_entity_name = models.CharField(
        _("legal entity"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty if the group has no legal entity of its own."),
        validators=[validate_text, validate_visible_text],
    )
    legal_entity_registration_number = models.CharField(
        _("registration number"), max_length=64, blank=True, validators=[validate_text]
    )
    founded_on = models.DateField(
        _("founded on"), null=True, blank=True, validators=[validate_founding_date]
    )
    coach = models.ForeignKey(
        OversightTeamMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coached_groups",
        verbose_name=_("coach"),
        limit_choices_to={"is_active": True},
    )
    organizers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="national_groups",
        verbose_name=_("organizers"),
    )
    internal_notes = limited_text_field(
        _("internal notes"),
        max_length=10_000,
        blank=True,
        help_text=_("Only for the oversight team; never shown publicly."),
        validators=[validate_multiline_text],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NationalGroupQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("national group")
        verbose_name_plural = _("national groups")
        constraints = [
            models.UniqueConstraint(
                fields=["country"],
                condition=~Q(status="dissolved"),
                name="one_live_national_group_per_country",
                violation_error_code="unique",
                violation_error_message=_(
                    "This country already has a national group that is not dissolved."
                ),
            ),
            models.UniqueConstraint(
                fields=["public_email"],
                condition=~Q(public_email=""),
                name="unique_national_group_public_email",
                violation_error_message=_(
                    "Another national group already uses this contact address."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=NationalGroupStatus.values),
                name="national_group_status_valid",
            ),
            models.CheckConstraint(
                condition=dates_in_range("founded_on"), name="national_group_dates_in_range"
            ),
            *coordinate_constraints("national_group"),
            # The public reads it in every language: the database holds its limit.
            *length_constraints(
                "national_group", "description", DESCRIPTION_MAX_LENGTH, translated=True
            ),
            models.CheckConstraint(
                condition=Q(legal_entity_registration_number="") | ~Q(legal_entity_name=""),
                name="registration_number_needs_legal_entity",
                violation_error_message=_(
                    "A registration number needs the name of the legal entity."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("groups:national_group_detail", kwargs={"slug": self.slug})

    @property
    def has_public_page(self) -> bool:
        """The row-level twin of NationalGroupQuerySet.public()."""
        return self.status in self.PUBLIC_STATUSES

    @property
    def has_legal_entity(self) -> bool:
        return bool(self.legal_entity_name)

    # The oversight team's own, never in the snapshot an organizer's page carries (signed,
    # not encrypted: whoever has the page can read it).
    TEAM_ONLY_FIELDS = ("internal_notes", "coach")

    def edit_snapshot(self):
        """Its fields but the team's own, links and organizers: what its edit pages change."""
        organizers = "; ".join(
            f"{membership.user.email}: {membership.get_role_display()}"
            for membership in self.memberships.select_related("user").by_role()
        )
        fields = {
            name: value
            for name, value in super().edit_snapshot().items()
            if name not in self.TEAM_ONLY_FIELDS
        }
        return {
            **fields,
            "links": links_snapshot(self.links.all()),
            "organizers": (organizers, organizers or "–"),
        }
