"""The people of a national group and of its local communities: their roles, invitations
to join, and who changed what."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.names import person
from common.validators import validate_no_address, validate_text, validate_visible_text
from groups.models.communities import LocalCommunity
from groups.models.national_groups import NationalGroup
from outbox.mailboxes import validate_deliverable_address


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


class MembershipRole(models.TextChoices):
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


class Membership(models.Model):
    """An organizer's role in a national group."""

    Role = MembershipRole

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
        validators=[validate_text, validate_visible_text, validate_no_address],
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
        validators=[validate_text, validate_visible_text],
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
                condition=Q(role__in=MembershipRole.values),
                name="membership_role_valid",
            ),
        ]

    def __str__(self):
        return f"{person(self.user)} – {self.get_role_display()} ({self.group})"

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

    @property
    def public_name_state(self) -> str:
        """What their page says of their name in public: "named"; "not_a_lead" (only
        leads are named); "no_name" (they want it shown and gave none yet); "hidden"."""
        if self.is_named_publicly:
            return "named"
        if not self.is_lead:
            return "not_a_lead"
        return "no_name" if self.wants_name_shown else "hidden"


def invitation_valid_since():
    """An invitation sent before this has expired (settings.INVITATION_VALID_DAYS)."""
    return timezone.now() - datetime.timedelta(days=settings.INVITATION_VALID_DAYS)


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted nor cancelled: expired ones too, which can be sent again."""
        return self.filter(accepted_at__isnull=True, cancelled_at__isnull=True)

    def pending(self):
        """Open and still valid: its link can be accepted."""
        return self.open().filter(sent_at__gte=invitation_valid_since())

    def expired(self):
        return self.open().filter(sent_at__lt=invitation_valid_since())


class Invitation(models.Model):
    """An invitation to organize a national group with a role, or one of its local
    communities (then with no role of the group), accepted by signing in with its address.

    Both kinds are one model, so that they share the flow (the link, the email, the
    acceptance) and the daily limits, which count the group's, the sender's and the
    address's invitations of either kind together.
    """

    group = models.ForeignKey(
        NationalGroup,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("national group"),
    )
    community = models.ForeignKey(
        LocalCommunity,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("local community"),
        help_text=_(
            "Set for an invitation to organize this community of the group only: it gives "
            "no role in the group."
        ),
    )
    email = models.EmailField(_("email address"), validators=[validate_deliverable_address])
    # Empty for an invitation to organize a community.
    role = models.CharField(
        _("role"),
        max_length=32,
        choices=Membership.Role.choices,
        default=Membership.Role.MEMBER,
        blank=True,
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    # When its email last went out: it is valid INVITATION_VALID_DAYS from then.
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
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
                condition=Q(
                    accepted_at__isnull=True, cancelled_at__isnull=True, community__isnull=True
                ),
                name="one_open_invitation_per_address_and_group",
                violation_error_message=_("This address already has an invitation."),
            ),
            models.UniqueConstraint(
                Lower("email"),
                "community",
                condition=Q(
                    accepted_at__isnull=True, cancelled_at__isnull=True, community__isnull=False
                ),
                name="one_open_invitation_per_address_and_community",
                violation_error_message=_("This address already has an invitation."),
            ),
            # A role in the group, or a community to organize: never both, never neither.
            models.CheckConstraint(
                condition=Q(
                    community__isnull=True,
                    role__in=MembershipRole.values,
                )
                | Q(community__isnull=False, role=""),
                name="invitation_role_or_community",
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True, accepted_by__isnull=True)
                | Q(accepted_at__isnull=False, accepted_by__isnull=False),
                name="invitation_accepted_by_someone",
            ),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True, cancelled_by__isnull=True)
                | Q(
                    cancelled_at__isnull=False, cancelled_by__isnull=False, accepted_at__isnull=True
                ),
                name="invitation_cancelled_by_someone_before_acceptance",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.community or self.group}"

    @property
    def expires_at(self):
        return self.sent_at + datetime.timedelta(days=settings.INVITATION_VALID_DAYS)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    def get_absolute_url(self):
        return reverse("groups:invitation_accept", kwargs={"token": self.token})


class CommunityMembershipQuerySet(models.QuerySet):
    def named_publicly(self):
        """Organizers named under their community on the group's page: those who gave a
        public name and chose to show it (CommunityMembership.is_named_publicly is the
        row's twin)."""
        return (
            self.filter(public_name_shown=True)
            .exclude(public_name="")
            .order_by("public_name", "pk")
        )


class CommunityMembership(models.Model):
    """An organizer of one local community: they keep its profile, links and position, and
    nothing else of its national group. Invited by the group's national or communications
    lead (or the oversight team); someone may organize a community without a role in
    the group, or with one."""

    community = models.ForeignKey(
        LocalCommunity,
        on_delete=models.CASCADE,
        related_name="organizers",
        verbose_name=_("local community"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="community_memberships",
        verbose_name=_("user account"),
    )
    public_name = models.CharField(
        _("public name"),
        max_length=120,
        blank=True,
        help_text=_(
            "Shown under the community on its group's page if they choose; leave empty to "
            "stay unnamed."
        ),
        validators=[validate_text, validate_visible_text, validate_no_address],
    )
    # Never shown until the person chooses: a community organizer has no public face by
    # default, as a group's leads other than its national lead.
    public_name_shown = models.BooleanField(
        _("name shown publicly"),
        default=False,
        help_text=_("The organizer chooses on their community's page."),
    )
    joined_on = models.DateField(_("joined on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CommunityMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["community", "user"]
        verbose_name = _("community organizer")
        verbose_name_plural = _("community organizers")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user"],
                name="one_community_membership_per_user_and_community",
                violation_error_message=_("This person is already an organizer of this community."),
            ),
        ]

    def __str__(self):
        return f"{person(self.user)} – {self.community}"

    @property
    def is_named_publicly(self) -> bool:
        """The row-level twin of CommunityMembershipQuerySet.named_publicly()."""
        return bool(self.public_name) and self.public_name_shown

    @property
    def public_name_state(self) -> str:
        """As Membership.public_name_state: every community organizer may be named."""
        if self.is_named_publicly:
            return "named"
        return "no_name" if self.public_name_shown else "hidden"


class GroupEdit(models.Model):
    """Who changed what of a group, and when: the organizers read it on their page, the
    oversight team in the admin.

    What changed is kept as a kind and its details (field names, roles, addresses),
    not as a sentence, so that each reader gets it in words in their own language
    (groups/edits.py). `summary` is the sentence in English, which str() gives (the
    shell, logs); rows from before kinds existed have only it.
    """

    class Kind(models.TextChoices):
        PROFILE = "profile", _("profile changed")
        COMMUNITY_ADDED = "community_added", _("community added")
        COMMUNITY_CHANGED = "community_changed", _("community changed")
        INVITED = "invited", _("organizer invited")
        JOINED = "joined", _("organizer joined")
        PUBLIC_NAME = "public_name", _("public name changed")
        ROLE_CHANGED = "role_changed", _("role changed")
        REMOVED = "removed", _("organizer removed")
        ACTIVATED = "activated", _("group activated")
        COMMUNITY_ORGANIZER_INVITED = "community_invited", _("community organizer invited")
        COMMUNITY_ORGANIZER_JOINED = "community_joined", _("community organizer joined")
        COMMUNITY_ORGANIZER_REMOVED = "community_removed", _("community organizer removed")
        INVITATION_SENT_AGAIN = "invitation_sent_again", _("invitation sent again")
        INVITATION_CANCELLED = "invitation_cancelled", _("invitation cancelled")

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
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("edit")
        verbose_name_plural = _("edits by organizers")

    def __str__(self):
        return self.summary
