import re

import pytest
from django.http import QueryDict
from django.utils import translation

from groups.directory import CommunityFilters
from groups.listing import in_directory_order
from groups.models import Link, LocalCommunity
from tests.factories import COUNTRY_CODES, LinkFactory, LocalCommunityFactory, NationalGroupFactory

pytestmark = pytest.mark.django_db


def communities_page(client, language="en", query=""):
    response = client.get(f"/{language}/communities/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_communities_are_grouped_by_country_and_coordinating_group(client):
    germany = NationalGroupFactory(country="DE", name_en="PauseAI Germany")
    LocalCommunityFactory(national_group=germany, city="Berlin", name="PauseAI Berlin")
    LocalCommunityFactory(national_group=germany, city="Munich", name="PauseAI München")
    LocalCommunityFactory(national_group=None, country="KE", city="Nairobi", name="PauseAI Nairobi")

    html = communities_page(client)
    listing = html[html.index('class="country"') :]
    text = " ".join(re.sub(r"<[^>]+>", " ", listing).split())

    assert html.count('class="community"') == 3
    assert text.index("Germany") < text.index("PauseAI Berlin") < text.index("Kenya")
    assert "Coordinated by PauseAI Germany" in text
    assert "Coordinated by PauseAI Global" in text
    assert text.index("Coordinated by PauseAI Global") < text.index("PauseAI Nairobi")


def test_dutch_visitors_read_the_page_in_dutch(client):
    LocalCommunityFactory(national_group=None, country="DE", city="Berlin")

    html = communities_page(client, "nl")

    assert "Duitsland" in html
    assert "PauseAI Global" in html


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ["Allemagne", "Communautés locales", "Coordonné par PauseAI Global"]),
        ("de", ["Deutschland", "Lokalgruppen", "Koordiniert von PauseAI Global"]),
    ],
)
def test_french_and_german_visitors_read_the_page_in_their_language(client, language, words):
    LocalCommunityFactory(national_group=None, country="DE", city="Berlin")

    html = communities_page(client, language)

    for word in words:
        assert word in html
    assert "Germany" not in html


def test_inactive_communities_are_not_listed(client):
    LocalCommunityFactory(name="PauseAI Ghent", country="BE")
    LocalCommunityFactory(name="PauseAI Liège", country="BE", status=LocalCommunity.Status.INACTIVE)

    html = communities_page(client)

    assert "PauseAI Ghent" in html
    assert "PauseAI Liège" not in html


def test_communities_can_be_filtered_by_country(client):
    LocalCommunityFactory(name="PauseAI Ghent", country="BE")
    LocalCommunityFactory(name="PauseAI Lyon", country="FR")

    html = communities_page(client, query="?country=fr")

    assert "PauseAI Lyon" in html
    assert "PauseAI Ghent" not in html
    # Every country with communities stays on offer in the filter.
    assert 'value="BE"' in html


def test_unknown_country_filter_shows_everything(client):
    LocalCommunityFactory(name="PauseAI Ghent", country="BE")

    assert "PauseAI Ghent" in communities_page(client, query="?country=XX")


def test_private_chat_links_of_communities_are_not_shown(client):
    community = LocalCommunityFactory(country="BE")
    LinkFactory(community=community, kind="telegram", url="https://t.me/public_group")
    LinkFactory(
        community=community, kind="signal", url="https://signal.group/#secret", is_private=True
    )

    html = communities_page(client)

    assert "https://t.me/public_group" in html
    assert "signal.group/#secret" not in html


@pytest.mark.parametrize("group_count", [3, 300])
def test_page_runs_the_same_queries_for_3_or_300_groups(
    client, django_assert_num_queries, group_count
):
    for index in range(group_count):
        live = index < len(COUNTRY_CODES)
        group = NationalGroupFactory(
            country=COUNTRY_CODES[index % len(COUNTRY_CODES)],
            status="active" if live else "dissolved",
        )
        community = LocalCommunityFactory(
            national_group=group if live else None, country=group.country
        )
        LinkFactory(community=community, kind="x", url="https://x.com/pauseai")

    # 1 how many communities each country has (the count too, and the countries the
    # filter offers), 1 the page's communities with their national groups, 1 their
    # public links; the map loads its markers itself.
    with django_assert_num_queries(3):
        response = client.get("/en/communities/")

    html = response.content.decode()
    assert html.count('class="community"') == min(group_count, 50)
    # Each template once, however many communities: the rows' markup is in the page's loop.
    templates = [template.name for template in response.templates]
    assert len(templates) == len(set(templates)), templates


def test_a_community_named_after_its_city_does_not_say_the_city_twice(client):
    LocalCommunityFactory(name="Rosario", city="Rosario", country="AR")
    LocalCommunityFactory(name="PauseAI Ghent", city="Ghent", country="BE")

    html = client.get("/en/communities/").content.decode()

    assert html.count('<span class="community__city">') == 1
    assert '<span class="community__city">Ghent</span>' in html


def many_communities(
    count, *, country="BE", kind=LocalCommunity.Kind.PAUSEAI, name_prefix=None, **fields
):
    LocalCommunity.objects.bulk_create(
        LocalCommunity(
            name=f"PauseAI {name_prefix or kind} {index:04}",
            city=f"City {index:04}",
            country=country,
            kind=kind,
            **fields,
        )
        for index in range(count)
    )


def listed_names(html):
    return re.findall(r'<span class="community__name">([^<]+)</span>', html)


def test_the_list_shows_50_communities_a_page_and_the_links_keep_the_filters(client):
    many_communities(120)
    LocalCommunityFactory(name="PauseAI Lyon", city="Lyon", country="FR")

    html = communities_page(client, query="?q=City&country=BE&page=2")

    assert listed_names(html) == [f"PauseAI pauseai {index:04}" for index in range(50, 100)]
    assert 'href="?q=City&amp;country=BE&amp;page=1"' in html
    assert 'href="?q=City&amp;country=BE&amp;page=3"' in html
    assert "Page 2 of 3" in html
    last = communities_page(client, query="?q=City&country=BE&page=3")
    assert len(listed_names(last)) == 20
    assert "page=4" not in last


def test_a_short_list_has_no_page_links(client):
    many_communities(50)

    html = communities_page(client)

    assert len(listed_names(html)) == 50
    assert "page=" not in html


@pytest.mark.parametrize("page", ["3", "0", "-1", "two", "1.5", "9" * 30])
def test_a_page_past_the_end_or_not_a_number_is_not_found(client, page):
    many_communities(60)

    assert client.get(f"/en/communities/?page={page}").status_code == 404


def test_a_country_continued_from_the_previous_page_has_its_headings_again(client):
    belgium = NationalGroupFactory(country="BE", name_en="PauseAI Belgium")
    many_communities(60, national_group=belgium)

    html = communities_page(client, query="?page=2")

    assert len(listed_names(html)) == 10
    assert html.count('<section class="country"') == 1
    assert "Belgium" in html[html.index('<section class="country"') :]
    assert "Coordinated by" in html[html.index('<section class="country"') :]


@pytest.mark.parametrize(
    ("language", "countries"),
    [
        ("en", ["Austria", "Germany", "Kenya"]),
        ("nl", ["Duitsland", "Kenia", "Oostenrijk"]),
        ("fr", ["Allemagne", "Autriche", "Kenya"]),
        ("de", ["Deutschland", "Kenia", "Österreich"]),
    ],
)
def test_countries_follow_their_names_in_the_visitors_language(client, language, countries):
    for country in ("DE", "KE", "AT"):
        LocalCommunityFactory(country=country, city=f"A city in {country}")

    html = communities_page(client, language)

    headings = re.findall(r'<h2 id="country-[A-Z]+">.*?<span>([^<]+)</span>', html)
    assert headings == countries


def test_in_a_country_a_groups_communities_come_first_then_by_city_and_name(client):
    germany = NationalGroupFactory(country="DE", name_en="PauseAI Germany")
    LocalCommunityFactory(country="DE", city="Aachen", name="PauseAI Aachen")
    LocalCommunityFactory(national_group=germany, city="Munich", name="PauseAI München")
    LocalCommunityFactory(national_group=germany, city="Berlin", name="PauseAI Berlin B")
    LocalCommunityFactory(national_group=germany, city="Berlin", name="PauseAI Berlin A")

    html = communities_page(client)

    assert listed_names(html) == [
        "PauseAI Berlin A",
        "PauseAI Berlin B",
        "PauseAI München",
        "PauseAI Aachen",
    ]


def test_other_organisations_communities_follow_pauseais_across_the_pages(client):
    many_communities(45)
    many_communities(10, country="NL", kind=LocalCommunity.Kind.ADJACENT)

    first = communities_page(client)
    second = communities_page(client, query="?page=2")

    assert len(listed_names(first)) == 50
    apart = first[first.index('class="adjacent-communities"') :]
    assert re.findall(r"PauseAI adjacent \d+", apart) == [
        f"PauseAI adjacent {index:04}" for index in range(5)
    ]
    assert 'class="adjacent-communities"' in second
    assert '<section class="country"' not in second
    assert len(re.findall(r"PauseAI adjacent \d+", second)) == 5


def test_the_page_stays_under_100_kb_at_5000_communities(client):
    groups = NationalGroupFactory.create_batch(50)
    LocalCommunity.objects.bulk_create(
        LocalCommunity(
            name=f"PauseAI Community {index}",
            city=f"City {index}",
            country=groups[index % 50].country,
            national_group=groups[index % 50],
            latitude=index % 90,
            longitude=index % 180,
        )
        for index in range(5000)
    )
    Link.objects.bulk_create(
        Link(community=community, kind="x", url=f"https://x.com/pauseai_{community.pk}")
        for community in LocalCommunity.objects.all()
    )

    response = client.get("/en/communities/")

    assert response.status_code == 200
    assert len(response.content) <= 100_000, len(response.content)


@pytest.mark.parametrize("language", ["en", "nl", "fr", "de"])
def test_the_pages_together_are_the_whole_directory_in_order(client, language):
    """Each page's rows are read from the few countries it shows (listing.community_page):
    page after page, they are every community once, in the order the database gives the
    whole directory, however the countries fall across the pages."""
    germany = NationalGroupFactory(country="DE", name_en="PauseAI Germany")
    for country, count in (("DE", 37), ("AT", 64), ("KE", 3), ("NL", 48), ("ZA", 1)):
        many_communities(count, country=country, name_prefix=country)
    many_communities(12, country="DE", national_group=germany, name_prefix="DE-group")
    for country, count in (("BE", 30), ("AT", 2)):
        many_communities(
            count, country=country, kind=LocalCommunity.Kind.ADJACENT, name_prefix=f"x-{country}"
        )
    with translation.override(language):
        whole = in_directory_order(CommunityFilters(QueryDict()).communities())
        expected = list(whole.values_list("name", flat=True))

    listed = []
    for page in range(1, 5):
        listed += listed_names(communities_page(client, language, f"?page={page}"))

    assert client.get(f"/{language}/communities/?page=5").status_code == 404
    assert len(expected) == 197
    assert listed == expected
    countries = {
        "en": ["AT", "DE", "KE", "NL", "ZA"],
        "nl": ["DE", "KE", "NL", "AT", "ZA"],
        # Afrique du Sud, Allemagne, Autriche, Kenya, Pays-Bas
        "fr": ["ZA", "DE", "AT", "KE", "NL"],
        # Deutschland, Kenia, Niederlande, Österreich (Ö beside O), Südafrika
        "de": ["DE", "KE", "NL", "AT", "ZA"],
    }
    pauseai = [name.split()[1] for name in listed if not name.startswith("PauseAI x-")]
    assert list(dict.fromkeys(name.split("-")[0] for name in pauseai)) == countries[language]


def test_the_status_filter_offers_each_status_once(client):
    LocalCommunityFactory(name="PauseAI Ghent", country="BE")

    html = communities_page(client, query="?status=inactive")

    status_filter = html[
        html.index('id="status-filter"') : html.index("</select>", html.index('id="status-filter"'))
    ]
    options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]+)</option>', status_filter)
    assert [(value, label) for value, _selected, label in options] == [
        ("", "Active"),
        ("inactive", "Inactive"),
    ]
    assert [value for value, selected, _label in options if selected] == ["inactive"]
    groups = client.get("/en/national-groups/").content.decode()
    assert groups.count('<option value="active">Active</option>') == 1
