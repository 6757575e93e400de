"""A group's or community's web presence: one link per kind, pointing where it says."""

from functools import lru_cache
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.validators import (
    host_matches,
    validate_web_address,
    web_address_problem,
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

# Chat services the registry has no kind for, by their hosts: a website link to one (a
# Slack workspace's invitation) reads as the service's name, as a chat link does.
OTHER_CHAT_SERVICES = {"slack.com": "Slack", "matrix.to": "Matrix", "zulipchat.com": "Zulip"}


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
        "groups.NationalGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="links",
        verbose_name=_("national group"),
    )
    community = models.ForeignKey(
        "groups.LocalCommunity",
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
        return link_handle(self.kind, self.url)

    @property
    def shown_kind(self) -> str:
        """What the link reads as: its chat service's name, else its kind's."""
        return chat_service(self.url) or self.get_kind_display()


@lru_cache(maxsize=20_000)
def chat_service(url: str) -> str:
    """The chat service a link invites to ("Discord", "Slack"), told by its host; "" for
    any other link. A chat link reads as its service's name, never as its invite code,
    which means nothing to a reader. (The map's popups tell it by the same hosts:
    static/js/communities-map.js, given chat_services().)"""
    host = (urlsplit(url).hostname or "").lower()
    return next(
        (name for chat_host, name in chat_services().items() if host_matches(host, chat_host)),
        "",
    )


def chat_services() -> dict[str, str]:
    """{host: the chat service's name} of every chat service a link may invite to (a
    host's subdomains too): the chat kinds' hosts and the services without a kind."""
    return {
        **{
            chat_host: str(Link.Kind(kind).label)
            for kind in CHAT_LINK_KINDS
            for chat_host in LINK_HOSTS[kind]
        },
        **OTHER_CHAT_SERVICES,
    }


@lru_cache(maxsize=20_000)
def link_handle(kind: str, url: str) -> str:
    """The account name shown for social links (PauseAI_UK), else the host; nothing for
    a chat link (chat_service). Kept per link: the directory pages show hundreds, and
    parsing the address is most of it."""
    if chat_service(url):
        return ""
    parts = urlsplit(url)
    path = parts.path.strip("/")
    if kind != Link.Kind.WEBSITE and path and "/" not in path:
        return path.lstrip("@")
    return (parts.hostname or url).removeprefix("www.")
