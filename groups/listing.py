"""The directory pages' rows: values() rows shaped for their templates, which show them
in their own loops (no include per row), so a long list renders fast."""

from django.urls import reverse
from django_countries.fields import Country

from common.rows import in_language
from groups.directory import translated
from groups.models import Link, link_handle
from groups.selectors import public_links_by_owner


class CountryNames(dict):
    """A country's name in the active language, looked up once per code."""

    def __missing__(self, code):
        self[code] = name = str(Country(code).name)
        return name


class CountryLabels(dict):
    """A country's code, name in the active language and flag, once per code, as
    includes/country.html shows them."""

    def __missing__(self, code):
        country = Country(code)
        self[code] = label = {"code": code, "name": str(country.name), "flag": country.flag}
        return label


def link_items(links: list[tuple[str, str]]) -> list[dict]:
    """Public links as includes/links.html shows them."""
    labels = dict(Link.Kind.choices)
    return [
        {"kind": kind, "label": labels[kind], "url": url, "handle": link_handle(kind, url)}
        for kind, url in links
    ]


def group_url(slug: str) -> str:
    return reverse("groups:national_group_detail", kwargs={"slug": slug})


def national_group_items(groups) -> list[dict]:
    """The groups with their public links: two queries."""
    rows = list(groups.values("id", "slug", "status", "country", *translated("name")))
    links = public_links_by_owner("national_group", [row["id"] for row in rows])
    countries = CountryLabels()
    return [
        {
            "name": in_language(row, "name"),
            "status": row["status"],
            "country": countries[row["country"]],
            "url": group_url(row["slug"]),
            "links": link_items(links.get(row["id"], [])),
        }
        for row in rows
    ]


def community_items(rows) -> list[dict]:
    """Community rows (id, name and city at least) with their public links: one query."""
    links = public_links_by_owner("community", [row["id"] for row in rows])
    for row in rows:
        row["links"] = link_items(links.get(row["id"], []))
    return rows
