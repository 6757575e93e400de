"""The directory's rows built in Python: a national group's entry on the groups page
({{ groups|national_group_entries }}), a community's on the communities page
({{ communities|community_entries }}), any row's public links ({{ row.links|link_list }})
and the country filter's 250 options ({% country_options choices selected %}).

The same markup repeats on every row of a directory page, where an include or a loop of
template nodes per row is what made the pages slow: 250 groups with their links are a
few milliseconds of string joins here, and several times that as template nodes.
Every value is escaped as {{ }} does (Django's escape() is html.escape(), called here
directly: its lazy-string wrapper costs more than the escaping, thousands of times a page)."""

from functools import cache
from html import escape

from django import template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from groups.directory import active_language
from groups.models import Link, link_handle

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
    if not links:
        return ""
    items = "".join(
        f'<li><a href="{escape(url)}" rel="noopener">'
        f'<span class="links__kind">{labels[kind]}</span>'
        + (
            ""
            if kind == "website"
            else f' <span class="links__handle">{escape(link_handle(kind, url))}</span>'
        )
        + "</a></li>"
        for kind, url in links.items()
    )
    return f'<ul class="links">{items}</ul>'


@register.filter
def national_group_entries(groups: list[dict]) -> SafeString:
    """The groups as groups.listing.national_group_items gives them, one <li> each: the
    country with its flag, the group's name unless it is the country's, the inactive
    badge, the links."""
    inactive_badge = f'<span class="badge badge--inactive">{escape(gettext("Inactive"))}</span>'
    labels = link_labels(active_language())
    return mark_safe(
        "".join(national_group_entry(group, inactive_badge, labels) for group in groups)
    )


def national_group_entry(group: dict, inactive_badge: str, labels: dict[str, str]) -> str:
    inactive = group["status"] == "inactive"
    country = group["country"]
    flag = (
        f'<img class="flag" src="{escape(country["flag"])}" alt="" width="16" height="11">'
        if country["flag"]
        else ""
    )
    country_name = f'<span class="country-name">{flag}<span>{escape(country["name"])}</span></span>'
    url = escape(group["url"])
    if group["name"] == country["name"]:
        names = f'<a class="national-group__country" href="{url}">{country_name}</a>'
    else:
        names = (
            f'<span class="national-group__country">{country_name}</span>'
            f'<a class="national-group__name" href="{url}">{escape(group["name"])}</a>'
        )
    return (
        f'<li class="national-group{" national-group--inactive" if inactive else ""}">'
        f'<div class="national-group__names">{names}{inactive_badge if inactive else ""}</div>'
        f"{links_html(group['links'], labels)}</li>"
    )


@register.filter
def community_entries(communities: list[dict]) -> SafeString:
    """The communities as groups.listing.community_page gives them, one <li> each, as
    the communities page's template wrote them, spaces included: the name, the city
    unless the name says it already (the website names most communities after their
    city), the links."""
    labels = link_labels(active_language())
    return mark_safe("".join(community_entry(community, labels) for community in communities))


def community_entry(community: dict, labels: dict[str, str]) -> str:
    name, city = community["name"], community["city"]
    city = "" if city == name else f'<span class="community__city">{escape(city)}</span>'
    return (
        '\n            <li class="community">'
        '\n              <div class="community__names">'
        f'\n                <span class="community__name">{escape(name)}</span>'
        "\n                "
        f"\n                {city}"
        "\n              </div>"
        f"\n              {links_html(community['links'], labels)}"
        "\n            </li>"
        "\n          "
    )


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
