"""National groups, their local communities, links, organizers, and the oversight team."""

import datetime
import uuid
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, Lower, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from common.dates import EARLIEST_DATE, dates_in_range
from common.fields import SafeImageField
from common.validators import (
    host_matches,
    validate_multiline_text,
    validate_text,
    validate_web_address,
    web_address_problem,
)
from common.versioning import Versioned


def validate_founding_date(value: datetime.date) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("The founding date cannot be in the future."), code="future")
    if value < EARLIEST_DATE:
        raise ValidationError(
            _("Give a founding date after %(date)s.") % {"date": EARLIEST_DATE.isoformat()},
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


def translated_name_ordering(field: str = "name"):
    """Order by a translated field in the active language, falling back to English."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return Coalesce(NullIf(f"{field}_{language}", models.Value("")), f"{field}_{default}")


class OversightTeamMember(models.Model):
    """A member of PauseAI Global's oversight team, who coaches national groups."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="oversight_member",
        verbose_name=_("user account"),
    )
    display_name = models.CharField(_("public name"), max_length=120, validators=[validate_text])
    title = models.CharField(_("title"), max_length=120, blank=True, validators=[validate_text])
    bio = models.TextField(_("bio"), blank=True, validators=[validate_multiline_text])
    photo = SafeImageField(_("photo"), upload_to="oversight/", blank=True)
    is_public = models.BooleanField(
        _("shown publicly"),
        default=True,
        help_text=_("Show this person's name on the public pages of the groups they coach."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("oversight team member")
        verbose_name_plural = _("oversight team members")

    def __str__(self):
        return self.display_name


class NationalGroupQuerySet(models.QuerySet):
    def public(self):
        """Groups with a public page: the one definition the pages, the API, the map, the
        sitemap and the website feed use. Forming and dissolved groups are not public."""
        return self.filter(status__in=NationalGroup.PUBLIC_STATUSES)

    def not_dissolved(self):
        return self.exclude(status=NationalGroup.Status.DISSOLVED)

    def order_by_name(self):
        return self.order_by(translated_name_ordering(), "slug")

    def on_the_map(self):
        """Active groups with a map position of their own: the website's national chapters."""
        return self.filter(status=NationalGroup.Status.ACTIVE, latitude__isnull=False)


class NationalGroup(Versioned):
    """A country's PauseAI organisation, with its own strategy, channels and communities."""

    class Status(models.TextChoices):
        FORMING = "forming", _("Forming")
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DISSOLVED = "dissolved", _("Dissolved")

    # Shown to the public (inactive ones marked as such); see NationalGroupQuerySet.public().
    PUBLIC_STATUSES = (Status.ACTIVE, Status.INACTIVE)

    name = models.CharField(_("name"), max_length=120, validators=[validate_text])
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    country = CountryField(_("country"))
    country_local = models.CharField(
        _("country in its own language"),
        max_length=120,
        blank=True,
        validators=[validate_text],
        help_text=_("For example Nederland, Deutschland; empty where it is the English name."),
    )
    map_name = models.CharField(
        _("name on the PauseAI website's map"),
        max_length=120,
        blank=True,
        validators=[validate_text],
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
    description = models.TextField(
        _("description"), blank=True, validators=[validate_multiline_text]
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
        validators=[validate_text],
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
    internal_notes = models.TextField(
        _("internal notes"),
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
                condition=Q(status__in=["forming", "active", "inactive", "dissolved"]),
                name="national_group_status_valid",
            ),
            models.CheckConstraint(
                condition=dates_in_range("founded_on"), name="national_group_dates_in_range"
            ),
            *coordinate_constraints("national_group"),
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

    def edit_snapshot(self):
        """Its fields, links and organizers: what its edit pages change."""
        organizers = "; ".join(
            f"{membership.user.email}: {membership.get_role_display()}"
            for membership in self.memberships.select_related("user").by_role()
        )
        return {
            **super().edit_snapshot(),
            "links": links_snapshot(self.links.all()),
            "organizers": (organizers, organizers or "–"),
        }


class MembershipQuerySet(models.QuerySet):
    def by_role(self):
        """National leads first, then down the role order; by address within a role."""
        return self.order_by(Membership.Role.ordering(), "user__email", "pk")

    def public_leads(self):
        """Leads named publicly, national lead first: the one definition the group page,
        the API's leaders and the website feed use (Membership.is_named_publicly is the
        row's twin). A lead is named when they gave a public name and want it shown:
        their own choice, else their role's default."""
        wants_name_shown = Q(public_name_shown=True) | Q(
            public_name_shown__isnull=True, role__in=Membership.NAMED_BY_DEFAULT
        )
        return (
            self.filter(wants_name_shown, role__in=Membership.LEAD_ROLES)
            .exclude(public_name="")
            .order_by(Membership.Role.ordering(), "public_name", "pk")
        )


class Membership(models.Model):
    """An organizer's role in a national group."""

    class Role(models.TextChoices):
        """The roles, highest first: the one place their order is written down."""

        NATIONAL_LEAD = "national_lead", _("National lead")
        COMMUNICATIONS_LEAD = "communications_lead", _("Communications lead")
        ORGANIZING_LEAD = "organizing_lead", _("Organizing lead")
        MEMBER = "member", _("Member")

        @property
        def rank(self) -> int:
            """Higher outranks lower: a national lead is 4, a member 1."""
            members = list(type(self))
            return len(members) - members.index(self)

        @classmethod
        def at_most(cls, role) -> list["Membership.Role"]:
            """The role and those below it, highest first: what its holder may give."""
            return [each for each in cls if each.rank <= cls(role).rank]

        @classmethod
        def ordering(cls):
            """An expression ordering memberships by role, highest first."""
            return models.Case(
                *(models.When(role=role, then=-role.rank) for role in cls),
                output_field=models.IntegerField(),
            )

    # Who keeps the group's page, people and communities.
    MANAGING_ROLES = (Role.NATIONAL_LEAD, Role.COMMUNICATIONS_LEAD)
    # Who the public pages and the API may name; members never are.
    LEAD_ROLES = (Role.NATIONAL_LEAD, Role.COMMUNICATIONS_LEAD, Role.ORGANIZING_LEAD)
    # Whose name is shown until they choose: a national lead is the group's public face,
    # as on the PauseAI website; other leads choose to show theirs.
    NAMED_BY_DEFAULT = (Role.NATIONAL_LEAD,)

    group = models.ForeignKey(
        NationalGroup,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("national group"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="group_memberships",
        verbose_name=_("user account"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.MEMBER)
    public_name = models.CharField(
        _("public name"),
        max_length=120,
        blank=True,
        help_text=_("Shown on the group's page for leads; leave empty to stay unnamed."),
        validators=[validate_text],
    )
    # None until the person chooses, and meanwhile their role decides (NAMED_BY_DEFAULT).
    # A role change never overrides a choice made: someone who hid their name is not
    # published by becoming national lead, and someone who chose to be named stays named.
    public_name_shown = models.BooleanField(
        _("name shown publicly"),
        null=True,
        blank=True,
        help_text=_(
            "Empty: as the role has it (a national lead's name is shown, other leads' are "
            "not). The organizer chooses on their group's page; members are never named."
        ),
    )
    discord_username = models.CharField(
        _("Discord username"),
        max_length=64,
        blank=True,
        help_text=_("Shown publicly for the national lead, so people can reach them."),
        validators=[validate_text],
    )
    joined_on = models.DateField(_("joined on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "role", "user"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                name="one_membership_per_user_and_group",
                violation_error_message=_("This person is already an organizer of this group."),
            ),
            models.CheckConstraint(
                condition=Q(
                    role__in=["national_lead", "communications_lead", "organizing_lead", "member"]
                ),
                name="membership_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.group})"

    @property
    def manages(self) -> bool:
        return self.role in self.MANAGING_ROLES

    @property
    def is_lead(self) -> bool:
        return self.role in self.LEAD_ROLES

    @property
    def wants_name_shown(self) -> bool:
        """Their own choice, else their role's default."""
        if self.public_name_shown is None:
            return self.role in self.NAMED_BY_DEFAULT
        return self.public_name_shown

    @property
    def is_named_publicly(self) -> bool:
        """The row-level twin of MembershipQuerySet.public_leads()."""
        return self.is_lead and bool(self.public_name) and self.wants_name_shown


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


class LocalCommunity(Versioned):
    """A city chapter, coordinated by its national group or else by PauseAI Global; or a
    community of another organisation that PauseAI shows beside its own (adjacent)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")

    class Kind(models.TextChoices):
        PAUSEAI = "pauseai", _("PauseAI community")
        ADJACENT = "adjacent", _("Adjacent community (another organisation)")

    name = models.CharField(_("name"), max_length=120, validators=[validate_text])
    city = models.CharField(_("city"), max_length=120, validators=[validate_text])
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
        constraints = [
            *coordinate_constraints("community"),
            models.CheckConstraint(
                condition=Q(status__in=["active", "inactive"]),
                name="community_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["pauseai", "adjacent"]), name="community_kind_valid"
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


def links_snapshot(links) -> tuple[str, str]:
    """Links as an edit snapshot shows them: one "kind: address" per link."""
    text = "; ".join(
        f"{link.get_kind_display()}: {link.url}{' (private)' if link.is_private else ''}"
        for link in sorted(links, key=lambda link: link.kind)
    )
    return text, text or "–"


# Which hosts a link of each kind may point to. A kind without hosts (website)
# accepts any http(s) address.
LINK_HOSTS = {
    "website": (),
    "x": ("x.com", "twitter.com"),
    "instagram": ("instagram.com",),
    "linkedin": ("linkedin.com",),
    "tiktok": ("tiktok.com",),
    "facebook": ("facebook.com", "fb.com"),
    "youtube": ("youtube.com", "youtu.be"),
    "discord": ("discord.gg", "discord.com"),
    "whatsapp": ("chat.whatsapp.com", "wa.me", "whatsapp.com"),
    "telegram": ("t.me", "telegram.me"),
    "signal": ("signal.group", "signal.me"),
    "linktree": ("linktr.ee",),
    "luma": ("lu.ma", "luma.com"),
    "substack": ("substack.com",),
}
CHAT_LINK_KINDS = ("discord", "whatsapp", "telegram", "signal")


class Link(models.Model):
    """A web presence of a national group or a local community: one per kind."""

    class Kind(models.TextChoices):
        WEBSITE = "website", _("Website")
        X = "x", "X"
        INSTAGRAM = "instagram", "Instagram"
        LINKEDIN = "linkedin", "LinkedIn"
        TIKTOK = "tiktok", "TikTok"
        FACEBOOK = "facebook", "Facebook"
        YOUTUBE = "youtube", "YouTube"
        DISCORD = "discord", "Discord"
        WHATSAPP = "whatsapp", "WhatsApp"
        TELEGRAM = "telegram", "Telegram"
        SIGNAL = "signal", "Signal"
        LINKTREE = "linktree", "Linktree"
        LUMA = "luma", "Luma"
        SUBSTACK = "substack", "Substack"

    national_group = models.ForeignKey(
        NationalGroup,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="links",
        verbose_name=_("national group"),
    )
    community = models.ForeignKey(
        LocalCommunity,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="links",
        verbose_name=_("local community"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    url = models.URLField(_("address"), max_length=500, validators=[validate_web_address])
    is_private = models.BooleanField(
        _("private"),
        default=False,
        help_text=_(
            "Chat invitations only: shown to the group's organizers and the oversight team, "
            "never publicly."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("link")
        verbose_name_plural = _("links")
        constraints = [
            models.CheckConstraint(
                condition=Q(national_group__isnull=False, community__isnull=True)
                | Q(national_group__isnull=True, community__isnull=False),
                name="link_belongs_to_group_or_community",
            ),
            models.UniqueConstraint(
                # NULLs are distinct, so community links never collide here.
                fields=["national_group", "kind"],
                name="one_link_per_kind_per_group",
                violation_error_message=_("This group already has a link of this kind."),
            ),
            models.UniqueConstraint(
                fields=["community", "kind"],
                name="one_link_per_kind_per_community",
                violation_error_message=_("This community already has a link of this kind."),
            ),
            models.CheckConstraint(
                condition=Q(is_private=False) | Q(kind__in=CHAT_LINK_KINDS),
                name="only_chat_links_are_private",
                violation_error_message=_("Only chat invitations can be private."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=list(LINK_HOSTS)),
                name="link_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.url}"

    def clean(self):
        super().clean()
        errors = {}
        allowed_hosts = LINK_HOSTS.get(self.kind, ())
        # The field's own validator has refused what no browser reads as it looks; a
        # platform's link is https only, and must point to the platform.
        if self.url and not web_address_problem(self.url, allow_http=True):
            problem = web_address_problem(self.url, allow_http=self.kind == self.Kind.WEBSITE)
            host = (urlsplit(self.url).hostname or "").lower()
            if problem:
                errors["url"] = problem
            elif allowed_hosts and not any(
                host_matches(host, allowed) for allowed in allowed_hosts
            ):
                errors["url"] = _("A %(kind)s link must point to %(hosts)s.") % {
                    "kind": self.get_kind_display(),
                    "hosts": ", ".join(allowed_hosts),
                }
        if self.is_private and self.kind not in CHAT_LINK_KINDS:
            errors["is_private"] = _("Only chat invitations can be private.")
        if errors:
            raise ValidationError(errors)

    @property
    def handle(self) -> str:
        """The account name shown for social links (PauseAI_UK), else the host."""
        parts = urlsplit(self.url)
        path = parts.path.strip("/")
        if self.kind != self.Kind.WEBSITE and path and "/" not in path:
            return path.lstrip("@")
        return (parts.hostname or self.url).removeprefix("www.")


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True)


class Invitation(models.Model):
    """An invitation to organize a national group, accepted by signing in with its address."""

    group = models.ForeignKey(
        NationalGroup,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("national group"),
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"), max_length=32, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "group",
                condition=Q(accepted_at__isnull=True),
                name="one_pending_invitation_per_address_and_group",
                violation_error_message=_("This address already has an invitation."),
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True, accepted_by__isnull=True)
                | Q(accepted_at__isnull=False, accepted_by__isnull=False),
                name="invitation_accepted_by_someone",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.group}"

    def get_absolute_url(self):
        return reverse("groups:invitation_accept", kwargs={"token": self.token})


class GroupEdit(models.Model):
    """Who changed what of a group, and when: the oversight team reads it in the admin."""

    group = models.ForeignKey(
        NationalGroup,
        on_delete=models.PROTECT,
        related_name="edits",
        verbose_name=_("national group"),
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    summary = models.CharField(_("change"), max_length=500, validators=[validate_text])
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("edit")
        verbose_name_plural = _("edits by organizers")

    def __str__(self):
        return self.summary
