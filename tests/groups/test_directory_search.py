"""Searching and filtering the directory pages, with addresses that can be shared."""

import re
from html import unescape as html_unescape

import pytest

from tests.api.test_endpoints import bulk_registry
from tests.factories import LocalCommunityFactory, NationalGroupFactory

pytestmark = pytest.mark.django_db


def listed(html, css_class):
    """The names shown in the items of one kind, in page order."""
    items = re.findall(rf'<li class="{css_class}">(.*?)</li>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


@pytest.fixture
def directory():
    germany = NationalGroupFactory(
        country="DE", name_en="PauseAI Germany", name_nl="PauseAI Duitsland"
    )
    NationalGroupFactory(country="FR", name_en="PauseIA", name_nl="PauseIA")
    NationalGroupFactory(country="NO", name_en="PauseAI Norway", status="inactive")
    LocalCommunityFactory(national_group=germany, city="Berlin", name="PauseAI Berlin")
    LocalCommunityFactory(country="KE", city="Nairobi", name="PauseAI Nairobi")
    LocalCommunityFactory(country="KE", city="Mombasa", name="PauseAI Mombasa", status="inactive")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/national-groups/?q=germ", ["PauseAI Germany"]),
        ("/nl/national-groups/?q=duits", ["PauseAI Duitsland"]),  # country or name, in Dutch
        ("/fr/national-groups/?q=allem", ["PauseAI Germany"]),  # the country, in French
        ("/en/national-groups/?q=franc", ["PauseIA"]),  # by country name
        ("/en/national-groups/?country=FR", ["PauseIA"]),
        # By country: France, then Germany.
        ("/en/national-groups/?status=active&q=pause", ["PauseIA", "PauseAI Germany"]),
    ],
)
def test_national_groups_can_be_searched_and_filtered(client, directory, url, expected):
    html = client.get(url).content.decode()

    shown = listed(html, "national-group")
    assert len(shown) == len(expected)
    for name, item in zip(expected, shown, strict=True):
        assert name in item


def test_inactive_groups_are_shown_apart_and_marked(client, directory):
    html = client.get("/en/national-groups/?status=inactive").content.decode()

    assert listed(html, "national-group") == []
    [norway] = listed(html, "national-group national-group--inactive")
    assert "PauseAI Norway" in norway and "Inactive" in norway


def test_the_search_stays_in_the_form_so_the_address_can_be_shared(client, directory):
    html = client.get("/en/national-groups/?q=germ&country=DE&status=active").content.decode()

    assert 'name="q" value="germ"' in html
    assert '<option value="DE" selected>' in html
    assert '<option value="active" selected>' in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/communities/?q=berl", ["PauseAI Berlin"]),
        ("/en/communities/?q=germany", ["PauseAI Berlin"]),  # its national group
        ("/en/communities/?q=keny", ["PauseAI Nairobi"]),  # country, active only
        ("/nl/communities/?q=duitsland", ["PauseAI Berlin"]),
        ("/de/communities/?q=deutschl", ["PauseAI Berlin"]),
        ("/en/communities/?status=inactive", ["PauseAI Mombasa"]),
        ("/en/communities/?country=KE&status=sleeping", ["PauseAI Nairobi"]),
    ],
)
def test_communities_can_be_searched_and_filtered(client, directory, url, expected):
    html = client.get(url).content.decode()

    assert [item.split(" ")[0:2] for item in listed(html, "community")] == [
        name.split(" ") for name in expected
    ]


def test_a_search_without_results_says_so(client, directory):
    html = client.get("/en/communities/?q=atlantis").content.decode()

    assert listed(html, "community") == []
    assert "No local communities found" in html


@pytest.mark.parametrize("size", [(3, 3), (500, 5000)])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # groups, their links, the filter's countries, the setup guide's steps with
        # their sub-steps
        ("/en/national-groups/?q=group&status=active", 4),
        # the page's communities with groups, their number, their links, the
        # filter's countries
        ("/en/communities/?q=city&country=", 4),
    ],
)
def test_searching_runs_the_same_queries_at_any_size(
    client, django_assert_num_queries, size, url, queries
):
    bulk_registry(*size)

    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("language", "countries"),
    [
        ("fr", ["Espagne", "États-Unis d'Amérique", "Finlande"]),
        ("de", ["Norwegen", "Österreich", "Polen"]),
    ],
)
def test_the_country_filter_sorts_accented_names_as_their_language_does(
    client, language, countries
):
    """É beside E in French, Ö beside O in German: not after Z, as a plain sort puts them."""
    for code in {"fr": ("ES", "US", "FI"), "de": ("AT", "NO", "PL")}[language]:
        LocalCommunityFactory(country=code)

    html = client.get(f"/{language}/communities/").content.decode()

    options = re.findall(r'<option value="[A-Z]{2}"[^>]*>([^<]+)</option>', html)
    assert [html_unescape(option) for option in options] == countries
