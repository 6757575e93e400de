import re
from collections import Counter
from html import unescape as html_unescape

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from groups.models import Link, NationalGroup
from onboarding.models import SetupStep, SetupSubStep
from tests.factories import COUNTRY_CODES, LinkFactory, NationalGroupFactory, SetupSubStepFactory

pytestmark = pytest.mark.django_db


def national_groups_page(client, language):
    with translation.override(language):
        url = reverse("groups:national_group_list")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html):
    """The page's visible text, with tags dropped and white space folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def real_content():
    call_command("load_content", verbosity=0)


def test_dutch_page_shows_the_whole_seed_page(client, real_content):
    html = national_groups_page(client, "nl")
    text = text_of(html)

    for heading in (
        "PauseAI Nationale Groepen",
        "Relatie met PauseAI Global",
        "Huidige Nationale PauseAI Groepen",
        "Hoe een PauseAI Nationale Groep op te zetten",
    ):
        assert heading in text
    for country in ("Verenigde Staten", "Verenigd Koninkrijk", "Frankrijk", "Noorwegen"):
        assert country in text
    # The seed page's four groups and the website's chapters, one per country.
    assert html.count('class="national-group"') == NationalGroup.objects.count() == 17
    assert html.count('class="setup-step"') == 7
    assert html.count('class="sub-step"') == SetupSubStep.objects.count()
    for step in SetupStep.objects.all():
        assert step.title_nl in text
    # The seed's details survive, down to the deepest sub-steps and their links.
    assert "countryname@pauseai.info" in text
    assert "Maxime deed dit voor PauseIA FR." in text
    assert 'href="https://www.figma.com/design/iQ4PHQTi1vAVmT9Lckazqt/' in html
    assert 'href="https://drive.google.com/drive/u/1/folders/' in html
    assert 'href="https://pauseai.info/organizing-a-protest"' in html
    for link in ("https://x.com/PauseAIus", "https://x.com/PauseAI_UK", "https://x.com/pause_ia"):
        assert f'href="{link}"' in html
    assert 'href="https://pauseia.fr/"' in html
    assert 'href="https://pauseai.no/"' in html


def test_english_page_shows_the_same_content_in_english(client, real_content):
    html = national_groups_page(client, "en")
    text = text_of(html)

    for heading in (
        "Relationship with PauseAI Global",
        "Current PauseAI National Groups",
        "How to set up a PauseAI National Group",
    ):
        assert heading in text
    for country in ("United States", "United Kingdom", "France", "Norway"):
        assert country in text
    assert html.count('class="setup-step"') == 7
    assert html.count('class="sub-step"') == SetupSubStep.objects.count()
    for step in SetupStep.objects.all():
        assert step.title_en in text
        assert step.title_nl not in text or step.title_nl == step.title_en
    assert "Lanceringsevenement" not in text
    assert "countryname@pauseai.info" in text


@pytest.mark.parametrize(
    ("language", "headings", "countries", "launch"),
    [
        (
            "fr",
            [
                "Groupes nationaux PauseAI",
                "Relation avec PauseAI Global",
                "Groupes nationaux PauseAI actuels",
                "Comment créer un groupe national PauseAI",
            ],
            ["États-Unis", "Royaume-Uni", "France", "Norvège"],
            "Maxime l'a fait pour PauseIA FR.",
        ),
        (
            "de",
            [
                "Nationale PauseAI-Gruppen",
                "Beziehung zu PauseAI Global",
                "Aktuelle nationale PauseAI-Gruppen",
                "So gründest du eine nationale PauseAI-Gruppe",
            ],
            ["Vereinigte Staaten", "Vereinigtes Königreich", "Frankreich", "Norwegen"],
            "Maxime hat das für PauseIA FR gemacht.",
        ),
    ],
)
def test_french_and_german_pages_show_the_whole_seed_page_translated(
    client, real_content, language, headings, countries, launch
):
    html = national_groups_page(client, language)
    text = html_unescape(text_of(html))

    for heading in headings:
        assert heading in text
    for country in countries:
        assert country in text
    assert html.count('class="setup-step"') == 7
    assert html.count('class="sub-step"') == SetupSubStep.objects.count()
    for step in SetupStep.objects.all():
        assert getattr(step, f"title_{language}") in text
    assert launch in text
    assert "Lanceringsevenement" not in text and "Launch event" not in text
    # The seed's links and names survive the translation.
    assert "countryname@pauseai.info" in text
    assert 'href="https://www.figma.com/design/iQ4PHQTi1vAVmT9Lckazqt/' in html
    assert 'href="https://pauseai.info/organizing-a-protest"' in html
    assert 'href="https://pauseia.fr/"' in html


def test_directory_lists_active_groups_and_inactive_ones_apart(client):
    active = NationalGroupFactory(name_en="PauseAI Active", status=NationalGroup.Status.ACTIVE)
    for status in ("forming", "inactive", "dissolved"):
        NationalGroupFactory(name_en=f"PauseAI {status}", status=status)

    html = national_groups_page(client, "en")

    assert html.count('class="national-group"') == 1
    assert active.name_en in html
    inactive_section = html[html.index('id="inactive-national-groups"') :]
    assert html.count('class="national-group national-group--inactive"') == 1
    assert "PauseAI inactive" in inactive_section
    assert "PauseAI Active" not in inactive_section
    for status in ("forming", "dissolved"):
        assert f"PauseAI {status}" not in html


def listed_countries(html):
    """The countries of the page's group entries, in the page's order."""
    return [
        html_unescape(name)
        for name in re.findall(r'<span class="country-name">.*?<span>([^<]+)</span>', html)
    ]


@pytest.mark.parametrize(
    ("language", "countries"),
    [
        ("en", ["France", "Germany", "Netherlands", "United States of America"]),
        ("fr", ["Allemagne", "États-Unis d'Amérique", "France", "Pays-Bas"]),
        ("de", ["Deutschland", "Frankreich", "Niederlande", "Vereinigte Staaten von Amerika"]),
        ("nl", ["Duitsland", "Frankrijk", "Nederland", "Verenigde Staten van Amerika"]),
    ],
)
def test_groups_are_listed_by_their_countrys_name_in_the_visitors_language(
    client, language, countries
):
    """France under F in French, whatever the groups call themselves (PauseIA France)."""
    NationalGroupFactory(country="US", name_en="PauseAI US")
    NationalGroupFactory(country="FR", name_en="PauseIA France")
    NationalGroupFactory(country="NL", name_en="PauseAI Nederland")
    NationalGroupFactory(country="DE", name_en="PauseAI Deutschland")

    assert listed_countries(national_groups_page(client, language)) == countries


@pytest.mark.parametrize(
    ("language", "countries"),
    [
        ("fr", ["Espagne", "États-Unis d'Amérique", "Éthiopie", "Fidji"]),
        ("de", ["Oman", "Österreich", "Pakistan"]),
    ],
)
def test_countries_sort_as_the_visitors_language_sorts_letters(client, language, countries):
    """É beside E in French, Ö beside O in German: not every accented name after Z."""
    for code in ("FJ", "ET", "US", "ES", "AT", "PK", "OM"):
        NationalGroupFactory(country=code)

    listed = listed_countries(national_groups_page(client, language))

    assert [country for country in listed if country in countries] == countries


def test_inactive_groups_are_listed_apart_by_country_too(client):
    NationalGroupFactory(country="SE", name_en="PauseAI Sverige", status="inactive")
    NationalGroupFactory(country="BE", name_en="PauseAI Belgium", status="inactive")
    NationalGroupFactory(country="CA", name_en="PauseAI Canada")

    html = national_groups_page(client, "fr")

    assert listed_countries(html) == ["Canada", "Belgique", "Suède"]


def test_private_chat_links_never_reach_the_directory(client):
    group = NationalGroupFactory()
    LinkFactory(national_group=group, kind="whatsapp", url="https://chat.whatsapp.com/public")
    LinkFactory(
        national_group=group, kind="signal", url="https://signal.group/#hidden", is_private=True
    )

    html = national_groups_page(client, "en")

    assert "https://chat.whatsapp.com/public" in html
    assert "signal.group/#hidden" not in html


def test_what_organizers_typed_is_shown_as_text_never_as_markup(client):
    """The entries are built in Python (groups/templatetags/directory.py), not by the
    template: every value is escaped all the same."""
    group = NationalGroupFactory(name_en='PauseAI <b onclick="x()">Bold</b> & co', country="BE")
    LinkFactory(national_group=group, kind="x", url='https://x.com/pause"><script>x()</script>')
    LinkFactory(national_group=group, kind="website", url="https://example.org/?a=1&b=2")

    html = national_groups_page(client, "en")

    assert "<b onclick" not in html and "<script>x()" not in html
    assert "PauseAI &lt;b onclick=&quot;x()&quot;&gt;Bold&lt;/b&gt; &amp; co" in html
    assert 'href="https://x.com/pause&quot;&gt;&lt;script&gt;x()&lt;/script&gt;"' in html
    assert 'href="https://example.org/?a=1&amp;b=2"' in html


@pytest.mark.parametrize("group_count", [3, 300])
def test_page_runs_the_same_queries_for_3_or_300_groups(
    client, django_assert_num_queries, group_count
):
    # One country has at most one live group, so past the number of countries
    # the rest are dissolved groups, which the page must skip at no cost.
    for index in range(group_count):
        live = index < len(COUNTRY_CODES)
        group = NationalGroupFactory(
            country=COUNTRY_CODES[index % len(COUNTRY_CODES)],
            status=NationalGroup.Status.ACTIVE if live else NationalGroup.Status.DISSOLVED,
        )
        LinkFactory(national_group=group, kind="x", url="https://x.com/pauseai")
        LinkFactory(national_group=group, kind="website")
    for number in range(1, 8):
        SetupSubStepFactory(step__number=number, number=1)
        SetupSubStepFactory(step__number=number, number=2)

    # 1 groups, 1 their public links, 1 the setup guide's steps with their sub-steps;
    # the countries for the filter are the listed groups' (a search asks for them
    # apart: test_directory_search.py).
    with django_assert_num_queries(3):
        response = client.get("/en/national-groups/")

    html = response.content.decode()
    assert html.count('class="national-group"') == min(group_count, len(COUNTRY_CODES))
    # Each template once, however many groups (the rows' markup is in the page's loop);
    # the way to the application twice, under the directory and under the guide.
    templates = Counter(template.name for template in response.templates)
    assert templates.pop("onboarding/includes/start_a_group.html") == 2
    assert set(templates.values()) == {1}, templates


def test_every_change_to_what_a_groups_entry_is_made_of_is_shown(client):
    """Entries are kept by what they are made of (national_group_entry): changes that
    leave the group's own row as it was are on the page all the same, in each language."""
    group = NationalGroupFactory(country="BE", name_en="PauseAI Belgium", name_nl="")
    LinkFactory(national_group=group, kind="x", url="https://x.com/pauseai_be")
    assert "pauseai_be" in national_groups_page(client, "en")
    assert "PauseAI Belgium" in national_groups_page(client, "nl")

    NationalGroup.objects.update(name_nl="PauseAI België", status="inactive")
    Link.objects.update(url="https://x.com/pauseai_belgie")

    dutch, english = national_groups_page(client, "nl"), national_groups_page(client, "en")
    assert "PauseAI België" in dutch and "PauseAI België" not in english
    assert "pauseai_belgie" in english and "pauseai_be<" not in english
    assert 'class="national-group national-group--inactive"' in english
