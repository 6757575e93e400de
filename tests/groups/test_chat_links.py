"""A chat link reads as its service's name (Discord, WhatsApp, Telegram, Signal, Slack),
told by its host, never as its invite code (“Discord CR5u5BTBwy”), which means nothing to
a reader; an account on a social network still shows its name (X PauseAI_UK)."""

import re
from html import unescape

import pytest

from groups.models import Link
from tests.factories import (
    LinkFactory,
    LocalCommunityFactory,
    MembershipFactory,
    NationalGroupFactory,
)

pytestmark = pytest.mark.django_db

INVITES = {
    Link.Kind.DISCORD: "https://discord.gg/CR5u5BTBwy",
    Link.Kind.WHATSAPP: "https://chat.whatsapp.com/Cue9aeK6kpJFoDxT3xV9Zx",
    Link.Kind.TELEGRAM: "https://t.me/+AbCdEfGh12",
    Link.Kind.SIGNAL: "https://signal.group/#CjQKIB7x",
    # A kind the registry has no name for, kept as a website: its host names it.
    Link.Kind.WEBSITE: "https://pauseai-be.slack.com/join/shared_invite/zt-2abc",
}
CODES = ("CR5u5BTBwy", "Cue9aeK6kpJFoDxT3xV9Zx", "AbCdEfGh12", "CjQKIB7x", "zt-2abc")


def links_as_read(html: str) -> list[str]:
    """Each link of the page's link lists as a reader reads it: its text, tags aside."""
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", " ", link)).split())
        for links in re.findall(r'<ul class="links">(.*?)</ul>', html, re.S)
        for link in re.findall(r"<a [^>]*>(.*?)</a>", links, re.S)
    ]


@pytest.fixture
def belgium():
    group = NationalGroupFactory(country="BE", slug="belgium")
    community = LocalCommunityFactory(national_group=group, name="PauseAI Gent", city="Gent")
    for kind, url in INVITES.items():
        LinkFactory(national_group=group, kind=kind, url=url)
        LinkFactory(community=community, kind=kind, url=url)
    LinkFactory(national_group=group, kind=Link.Kind.X, url="https://x.com/PauseAI_BE")
    return group


@pytest.mark.parametrize(
    "path", ["/en/national-groups/", "/en/national-groups/belgium/", "/en/communities/"]
)
def test_chat_links_read_as_their_services_name(client, belgium, path):
    html = client.get(path).content.decode()

    read = links_as_read(html)
    assert {"Discord", "WhatsApp", "Telegram", "Signal", "Slack"} <= set(read), read
    assert not [link for link in read if any(code in link for code in CODES)], read


def test_a_social_account_still_shows_its_name(client, belgium):
    read = links_as_read(client.get("/en/national-groups/").content.decode())

    assert "X PauseAI_BE" in read


def test_the_organizers_page_reads_chat_links_as_their_service_too(client, belgium):
    lead = MembershipFactory(group=belgium, role="national_lead").user
    client.force_login(lead)

    read = links_as_read(client.get("/en/my/groups/belgium/").content.decode())

    assert "Slack" in read and "Discord" in read
    assert not [link for link in read if any(code in link for code in CODES)], read
