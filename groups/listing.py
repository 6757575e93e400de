"""The directory pages' rows: values() rows shaped for their templates, which show them
in their own loops (no include per row), so a long list renders fast."""

import operator
from functools import reduce
from itertools import groupby

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.http import Http404
from django.urls import reverse

from common.rows import in_language_column, value_rows
from groups.directory import active_language, country_in_language
from groups.models import (
    LocalCommunity,
    NationalGroup,
    country_order,
    country_rank,
    in_visitors_order,
    translated_name_ordering,
    visitors_language,
)
from groups.places import place_in
from groups.selectors import public_links_by_owner


class CountryNames(dict):
    """Countries' names in the active language, by code."""

    def __init__(self):
        super().__init__()
        self.language = active_language()

    def __missing__(self, code):
        self[code] = name = country_in_language(code, self.language)[0]
        return name


class CountryLabels(dict):
    """A country's code, name in the active language and flag, once per code, as
    includes/country.html shows them."""

    def __init__(self):
        super().__init__()
        self.language = active_language()

    def __missing__(self, code):
        name, flag = country_in_language(code, self.language)
        self[code] = label = {"code": code, "name": name, "flag": flag}
        return label


# A slug no group has, in the address of a group's page: reversed once, then filled in.
SLUG_PLACEHOLDER = "__slug__"


class GroupUrls:
    """The addresses of groups' pages, in the active language, reversed once for a list."""

    def __init__(self):
        self.pattern = reverse("groups:national_group_detail", kwargs={"slug": SLUG_PLACEHOLDER})

    def __call__(self, slug: str) -> str:
        return self.pattern.replace(SLUG_PLACEHOLDER, slug)


def national_group_items(groups) -> list[dict]:
    """The groups (name, status, country code, slug) with their public links as
    ((kind, url), …), for national_group_entries: two queries."""
    rows = value_rows(groups, "id", "slug", "status", "country", name=in_language_column("name"))
    # The groups again as a subquery, rather than 250 ids as parameters.
    links = public_links_by_owner("national_group", groups.values("pk"))
    for row in rows:
        row["links"] = tuple(links.get(row.pop("id"), {}).items())
    return rows


def community_items(rows) -> list[dict]:
    """Community rows (id, name and city at least) with their public links: one query."""
    links = public_links_by_owner("community", [row["id"] for row in rows])
    for row in rows:
        row["links"] = links.get(row["id"], {})
    return rows


COMMUNITIES_PER_PAGE = 50


def in_directory_order(communities):
    """PauseAI's communities by country (by name, in the visitor's language), then by their
    national group (none last), city and name; then other organisations' communities,
    apart, by country and name. All sorted by the database."""
    adjacent = Q(kind=LocalCommunity.Kind.ADJACENT)
    return communities.order_by(
        Case(When(adjacent, then=Value(1)), default=Value(0), output_field=IntegerField()),
        country_rank(visitors_language()),
        in_visitors_order(translated_name_ordering("national_group__name")).asc(nulls_last=True),
        in_visitors_order(Case(When(adjacent, then=Value("")), default=F("city"))),
        in_visitors_order(F("name")),
        "pk",
    )


def page_number(text: str) -> int:
    """?page=: a whole number from 1 (up to a million pages); anything else is not found."""
    if not text.isdigit() or len(text) > 6 or int(text) < 1:
        raise Http404
    return int(text)


COMMUNITY_COLUMNS = (
    "id",
    "name",
    "city",
    "country",
    "kind",
    "national_group__slug",
    "national_group__status",
)


def community_page(communities, number: int) -> tuple[Page, list[dict], frozenset[str]]:
    """One page of the communities in directory order (Django's Page: which, of how many
    in all), with their public links, and the countries of every row, on this page or
    another: three queries.

    The database sorts only the page's countries' communities, not all of them: how
    many communities each country has (one small query, which is the count too) says
    which countries the page's rows fall in, and how many of their rows come before
    it. The rows are the same as the whole directory's sorted and sliced
    (tests/groups/test_communities_page.py), at a fraction of the sorting."""
    start = (number - 1) * COMMUNITIES_PER_PAGE
    end = start + COMMUNITIES_PER_PAGE
    before, skip, shown, countries = 0, 0, [], set()
    for (kind, _rank), (count, country_codes) in sorted(
        directory_sections(communities).items(), key=lambda section: section_order(*section[0])
    ):
        if before < end and before + count > start:
            if not shown:
                skip = start - before
            shown.append(Q(kind=kind, country__in=country_codes))
        before += count
        countries.update(country_codes)
    if start >= before and number > 1:
        raise Http404
    rows = list(
        in_directory_order(communities.filter(reduce(operator.or_, shown, Q(pk__in=[])))).values(
            *COMMUNITY_COLUMNS, national_group_name=in_language_column("national_group__name")
        )[skip : skip + COMMUNITIES_PER_PAGE]
    )
    # The paginator counts a range as long as the list: it never reads the rows.
    page = Paginator(range(before), COMMUNITIES_PER_PAGE).page(number)
    return page, community_items(rows), frozenset(countries)


def directory_sections(communities) -> dict[tuple[str, int], tuple[int, list[str]]]:
    """{(kind, the country's place in the visitor's language): (how many communities,
    the countries)}: the stretches of the directory order that follow one another.
    Countries the order does not know share place 0, as in country_rank."""
    order = country_order(visitors_language())
    sections: dict[tuple[str, int], tuple[int, list[str]]] = {}
    for row in communities.order_by().values("kind", "country").annotate(count=Count("pk")):
        section = (row["kind"], order.find(f",{row['country']},") + 1)
        count, country_codes = sections.get(section, (0, []))
        sections[section] = (count + row["count"], [*country_codes, row["country"]])
    return sections


def section_order(kind: str, rank: int) -> tuple[bool, int]:
    """PauseAI's communities first, then other organisations'; by country in each."""
    return (kind == LocalCommunity.Kind.ADJACENT, rank)


def coordinator(row, group_url) -> dict | None:
    if row["national_group__slug"] is None:
        return None
    return {
        "name": row["national_group_name"],
        "url": group_url(row["national_group__slug"]),
        "has_public_page": row["national_group__status"] in NationalGroup.PUBLIC_STATUSES,
    }


def communities_by_country(rows) -> list[dict]:
    """PauseAI's communities of a page by country, then by coordinating national group."""
    country_labels, group_url = CountryLabels(), GroupUrls()
    return [
        {
            "country": country_labels[code],
            "by_coordinator": [
                {"national_group": coordinator(members[0], group_url), "communities": members}
                for members in (
                    list(group)
                    for _slug, group in groupby(
                        in_country, key=lambda row: row["national_group__slug"]
                    )
                )
            ],
        }
        for code, in_country in groupby(rows, key=lambda row: row["country"])
    ]


def adjacent_items(rows) -> list[dict]:
    """Other organisations' communities, their cities and countries in the visitor's
    language (their names are the organisations')."""
    country_labels = CountryLabels()
    for row in rows:
        row["city"] = place_in(country_labels.language, row["city"])
        row["country_name"] = country_labels[row["country"]]["name"]
    return rows
