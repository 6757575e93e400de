"""The directory's rows built in Python: a national group's entry on the groups page
({{ groups|national_group_entries }}), a community's on the communities page and a
group's ({{ communities|community_entries }}), any row's public links ({{ row.links|link_list }})
and the country filter's 250 options ({% country_options choices selected %}).

The same markup repeats on every row of a directory page, where an include or a loop of
template nodes per row is what made the pages slow: 250 groups with their links are a
few milliseconds of string joins here, and several times that as template nodes.
Every value is escaped as {{ }} does (Django's escape() is html.escape(), called here
directly: its lazy-string wrapper costs more than the escaping, thousands of times a page)."""

from functools import cache, lru_cache
from html import escape

from django import template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from groups.directory import active_language, country_in_language
from groups.listing import SLUG_PLACEHOLDER, GroupUrls
from groups.models import Link, NationalGroup, chat_service, link_handle
from groups.places import place_in

register = template.Library()


@cache
def link_labels(language: str) -> dict[str, str]:
    """The links' kinds by name in the language, escaped: once per language and process."""
    with translation.override(language):
        return {kind: escape(str(label)) for kind, label in Link.Kind.choices}


@register.filter
def link_list(links: dict[str, str]) -> SafeString:
    """Public links as groups.selectors.public_links_by_owner gives them ({kind: url})."""
    return mark_safe(links_html(links, link_labels(active_language())))


def links_html(links: dict[str, str], labels: dict[str, str]) -> str:
    """Each link as what it reads as (its chat service's name, or its kind's), with the
    account's name where it has one (includes/links.html shows links so too)."""
    if not links:
        return ""
    items = "".join(link_html(kind, url, labels) for kind, url in links.items())
    return f'<ul class="links">{items}</ul>'


def link_html(kind: str, url: str, labels: dict[str, str]) -> str:
    handle = "" if kind == "website" else link_handle(kind, url)
    return (
        f'<li><a href="{escape(url)}" rel="noopener">'
        f'<span class="links__kind">{escape(chat_service(url)) or labels[kind]}</span>'
        + (f' <span class="links__handle">{escape(handle)}</span>' if handle else "")
        + "</a></li>"
    )


@register.filter
def national_group_entries(groups: list[dict]) -> SafeString:
    """The groups as groups.listing.national_group_items gives them, one <li> each: the
    country with its flag, the group's name unless it is the country's, the inactive
    badge, the links."""
    language, page_address = active_language(), GroupUrls().pattern
    return mark_safe(
        "".join(
            national_group_entry(
                group["name"],
                group["status"],
                group["country"],
                group["slug"],
                group["links"],
                language,
                page_address,
            )
            for group in groups
        )
    )


# Entries kept per process: every public group in each of the four languages.
ENTRIES_KEPT = 2_000


@lru_cache(maxsize=ENTRIES_KEPT)
def national_group_entry(
    name: str,
    status: str,
    country_code: str,
    slug: str,
    links: tuple[tuple[str, str], ...],
    language: str,
    page_address: str,
) -> str:
    """A group's entry, kept by all that it is made of: its row, its links, the language
    (active when it is written) and the address of a group's page (GroupUrls.pattern).
    A write changes a group or two: the next groups page writes only theirs."""
    country_name, flag = country_in_language(country_code, language)
    flag = f'<img class="flag" src="{escape(flag)}" alt="" width="16" height="11">' if flag else ""
    country = f'<span class="country-name">{flag}<span>{escape(country_name)}</span></span>'
    url = escape(page_address.replace(SLUG_PLACEHOLDER, slug))
    if name == country_name:
        names = f'<a class="national-group__country" href="{url}">{country}</a>'
    else:
        names = (
            f'<span class="national-group__country">{country}</span>'
            f'<a class="national-group__name" href="{url}">{escape(name)}</a>'
        )
    inactive = status == NationalGroup.Status.INACTIVE
    label = escape(str(NationalGroup.Status.INACTIVE.label))
    badge = f'<span class="badge badge--inactive">{label}</span>' if inactive else ""
    return (
        f'<li class="national-group{" national-group--inactive" if inactive else ""}">'
        f'<div class="national-group__names">{names}{badge}</div>'
        f"{links_html(dict(links), link_labels(language))}</li>"
    )


@register.filter
def community_entries(communities: list[dict]) -> SafeString:
    """The communities as groups.listing.community_page gives them (on a group's page,
    with the organizers named under each), one <li> each, as the communities page's
    template wrote them, spaces included: the name, the city unless the name says it
    already (the website names most communities after their city), the links, and the
    organizers who chose to be named, by their public name only, as the group's leads.
    Places in the visitor's language (groups/places.py)."""
    language = active_language()
    labels = link_labels(language)
    return mark_safe(
        "".join(community_entry(community, labels, language) for community in communities)
    )


def community_entry(community: dict, labels: dict[str, str], language: str) -> str:
    name, city = place_in(language, community["name"]), place_in(language, community["city"])
    city = "" if city == name else f'<span class="community__city">{escape(city)}</span>'
    return (
        '\n            <li class="community">'
        '\n              <div class="community__names">'
        f'\n                <span class="community__name">{escape(name)}</span>'
        "\n                "
        f"\n                {city}"
        "\n              </div>"
        f"\n              {links_html(community['links'], labels)}"
        f"{organizers_html(community.get('organizers', ()), language)}"
        "\n            </li>"
        "\n          "
    )


def organizers_html(names, language: str) -> str:
    if not names:
        return ""
    role = escape(organizer_role(language))
    items = "".join(
        f'<li><span class="people__name">{escape(name)}</span> '
        f'<span class="people__role">{role}</span></li>'
        for name in names
    )
    return f'<ul class="people community__organizers">{items}</ul>'


@cache
def organizer_role(language: str) -> str:
    with translation.override(language):
        return str(_("Community organizer"))


@register.simple_tag
def country_options(choices: list[tuple[str, str]], selected: str) -> SafeString:
    """An <option> per (code, name), the selected one marked."""
    return mark_safe(
        "".join(
            f'<option value="{escape(code)}"{" selected" if code == selected else ""}>'
            f"{escape(name)}</option>"
            for code, name in choices
        )
    )
