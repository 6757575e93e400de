"""The PauseAI website's own shapes (PauseAI/pauseai-website at 6d8c62e9): its country
names, its link placeholders, and the records its pages read.

One module for both directions: `load_content` reads the website's files through
it, and the feeds (`/api/v1/pauseai-website/…`) write the same records back, so
what is loaded is what is given back. The files and the two tables written for
the registry are in groups/content/pauseai-website/ (its README says which is which).
"""

import json
import unicodedata
from decimal import Decimal
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.utils import translation
from django_countries import countries

from common.validators import host_matches
from groups.models import LINK_HOSTS, Link

CONTENT = Path(__file__).resolve().parent / "content" / "pauseai-website"
CHAPTERS = "national-chapters.json"
COMMUNITIES = "pauseai-communities.json"
ADJACENT = "adjacent-communities.json"
FEED_FILES = (CHAPTERS, COMMUNITIES, ADJACENT)

# What the website puts in place of these before showing a link (its README).
PLACEHOLDERS = {
    "$$DISCORD_GLOBAL$$": "https://discord.gg/CR5u5BTBwy",
    "$$DISCORD_US$$": "https://discord.gg/TmpmYejE3e",
    "$$DISCORD_GERMANY$$": "https://discord.gg/VuVVyJQ37M",
    "$$DISCORD_FRANCE$$": "https://discord.gg/vyXGd7AeGc",
    "$$WHATSAPP_ITALY$$": "https://chat.whatsapp.com/Cue9aeK6kpJFoDxT3xV9Zx",
    "$$WEBSITE_US$$": "https://www.pauseai-us.org/local-groups/",
}

# Which of a group's or community's links the website's one `link` is: its own site
# first, then its chat, then its social media.
LINK_ORDER = (
    Link.Kind.WEBSITE,
    Link.Kind.DISCORD,
    Link.Kind.WHATSAPP,
    Link.Kind.TELEGRAM,
    Link.Kind.SIGNAL,
    Link.Kind.X,
    Link.Kind.FACEBOOK,
    Link.Kind.INSTAGRAM,
    Link.Kind.LINKEDIN,
    Link.Kind.YOUTUBE,
    Link.Kind.TIKTOK,
    Link.Kind.LINKTREE,
    Link.Kind.LUMA,
    Link.Kind.SUBSTACK,
)

# The website's NationalGroup type names its links so (src/lib/types.ts).
GROUP_LINK_FIELDS = {
    "xLink": Link.Kind.X,
    "discordLink": Link.Kind.DISCORD,
    "whatsappLink": Link.Kind.WHATSAPP,
    "website": Link.Kind.WEBSITE,
    "linktreeLink": Link.Kind.LINKTREE,
    "instagramLink": Link.Kind.INSTAGRAM,
    "tiktokLink": Link.Kind.TIKTOK,
    "facebookLink": Link.Kind.FACEBOOK,
    "youtubeLink": Link.Kind.YOUTUBE,
    "linkedinLink": Link.Kind.LINKEDIN,
    "lumaLink": Link.Kind.LUMA,
    "substackLink": Link.Kind.SUBSTACK,
}


def read(name: str):
    return json.loads((CONTENT / name).read_text(encoding="utf-8"))


def records(name: str) -> list[dict]:
    """The records of one of the website's community files."""
    return read(name)["communities"]


@cache
def website_country_names() -> dict[str, str]:
    """{ISO code: the country's name as the website spells it}, for its 196 countries."""
    spelled_apart = read("country-spellings.json")
    spelled_apart.pop("_about", None)
    with translation.override("en"):
        english = {str(name): code for code, name in countries}
    names = {}
    for name in read("website-country-names.json"):
        code = spelled_apart.get(name) or english.get(name)
        if code is None:
            raise ValueError(f"{name!r} is in neither django-countries nor the spellings table")
        names[code] = name
    return names


def website_country_name(code: str) -> str:
    """The country's name as the website spells it; django-countries' English name for the
    few places the website's list leaves out."""
    name = website_country_names().get(str(code))
    if name is None:
        with translation.override("en"):
            name = str(countries.name(code))
    return name


@cache
def country_code(name: str) -> str | None:
    """The ISO code of a country named as the website or django-countries name it."""
    by_website = {website: code for code, website in website_country_names().items()}
    if name in by_website:
        return by_website[name]
    with translation.override("en"):
        code = countries.by_name(name)
    return code or None


def resolved(link: str) -> str:
    return PLACEHOLDERS.get(link, link)


def link_kind(url: str) -> str:
    """The kind of link an address is, by its host: a platform's, else a website."""
    host = (urlsplit(url).hostname or "").lower()
    for kind, hosts in LINK_HOSTS.items():
        if hosts and any(host_matches(host, allowed) for allowed in hosts):
            return kind
    return Link.Kind.WEBSITE


def primary_link(links, email: str = "") -> str | None:
    """The one link the website shows: by LINK_ORDER among public links, else a mailto:."""
    by_kind = {link.kind: link.url for link in links if not link.is_private}
    for kind in LINK_ORDER:
        if kind in by_kind:
            return by_kind[kind]
    return f"mailto:{email}" if email else None


def coordinate(value: Decimal) -> float:
    return float(value)


def chapter_name(group) -> str:
    """The group's name on the website's map and in its communities' `parent_name`."""
    return group.map_name or website_country_name(group.country)


def chapter_record(group) -> dict:
    """A national group as a record of national-chapters.json."""
    record = {"name": chapter_name(group)}
    if group.country_local:
        record["country_local"] = group.country_local
    record["lat"] = coordinate(group.latitude)
    record["lon"] = coordinate(group.longitude)
    link = primary_link(group.links.all(), group.public_email)
    if link:
        record["link"] = link
    return record


def community_record(community) -> dict:
    """A community as a record of pauseai-communities.json or adjacent-communities.json."""
    record = {
        "name": community.name,
        "lat": coordinate(community.latitude),
        "lon": coordinate(community.longitude),
    }
    link = primary_link(community.links.all(), community.contact_email)
    if link:
        record["link"] = link
    if community.national_group is not None:
        record["parent_name"] = chapter_name(community.national_group)
    return record


def leader(group) -> str:
    """ "A, B": the leads who are named publicly, national lead first (public_leads, the one
    definition the group's page and the API use too); "No" if none."""
    return ", ".join(lead.public_name for lead in group.public_leads) or "No"


def national_group_record(group, *, image_url: str | None) -> dict:
    """A national group as the website's own /api/national-groups gives it (its
    NationalGroup type): always in English, every link field present ("" when none)."""
    by_kind = {link.kind: link.url for link in group.links.all() if not link.is_private}
    record = {
        "id": group.slug,
        "name": website_country_name(group.country),
        "leader": leader(group),
        "email": group.public_email,
        **{field: by_kind.get(kind, "") for field, kind in GROUP_LINK_FIELDS.items()},
        "public": True,
    }
    if image_url:
        record["image"] = image_url
    return record


def by_name(record: dict) -> tuple:
    """The website sorts by name with localeCompare: case and accents aside."""
    name = unicodedata.normalize("NFKD", record["name"]).casefold()
    return ("".join(c for c in name if not unicodedata.combining(c)), record["name"])


# From the website's files into the registry -------------------------------------


def places() -> dict[str, dict[str, dict]]:
    """{file: {community name: {"country", "city"}}} where the files do not say."""
    table = read("community-places.json")
    table.pop("_about", None)
    return table


def link_fields(link: str | None) -> dict:
    """A record's `link` as the registry keeps it: a link of the right kind, or an address."""
    if not link:
        return {"links": {}, "email": ""}
    if link.startswith("mailto:"):
        return {"links": {}, "email": link.removeprefix("mailto:")}
    url = resolved(link)
    return {"links": {link_kind(url): url}, "email": ""}


def chapter_fields(record: dict) -> dict:
    """A record of national-chapters.json as a national group's fields."""
    code = country_code(record["name"])
    if code is None:
        raise ValueError(f"No country is called {record['name']!r}")
    return {
        "country": code,
        "map_name": "" if record["name"] == website_country_name(code) else record["name"],
        "country_local": record.get("country_local", ""),
        "latitude": Decimal(str(record["lat"])).quantize(Decimal("0.000001")),
        "longitude": Decimal(str(record["lon"])).quantize(Decimal("0.000001")),
        **link_fields(record.get("link")),
    }


def community_fields(record: dict, *, file: str, parent=None) -> dict:
    """A record of a communities file as a community's fields; `parent` is the national
    group its parent_name names, if any."""
    where = places().get(file, {}).get(record["name"], {})
    country = parent.country if parent is not None else where.get("country")
    if not country:
        raise ValueError(f"{file}: say where {record['name']!r} is in community-places.json")
    return {
        "name": record["name"],
        "city": where.get("city", record["name"]),
        "country": country,
        "latitude": Decimal(str(record["lat"])).quantize(Decimal("0.000001")),
        "longitude": Decimal(str(record["lon"])).quantize(Decimal("0.000001")),
        **link_fields(record.get("link")),
    }
