"""Visitors read the site in their own language and can switch on any page."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

from tests.factories import NationalGroupFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("accept_language", "prefix"), [("nl-NL,nl;q=0.9", "/nl/"), ("", "/en/")])
def test_home_redirects_to_the_browsers_language(client, accept_language, prefix):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == prefix


def test_unsupported_language_falls_back_to_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ja")

    assert response["Location"] == "/en/"


def test_language_switch_keeps_the_visitor_on_the_same_page(client):
    response = client.post(
        "/i18n/setlang/",
        {"language": "nl", "next": "/en/communities/?country=BE"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/nl/communities/?country=BE"


def test_every_page_offers_the_language_switcher(client):
    """Links to the same page, search included, in each language: no form, so no CSRF
    token in a public page (common/templatetags/languages.py)."""
    for url in ("/en/", "/en/national-groups/", "/en/communities/?country=BE"):
        html = client.get(url).content.decode()
        for code, _name in settings.LANGUAGES:
            page = url.replace("/en/", f"/{code}/", 1).replace("&", "&amp;")
            assert f'href="{page}" hreflang="{code}"' in html, url
        assert "csrfmiddlewaretoken" not in html, url


def test_unknown_page_is_a_404_in_the_sites_look(client):
    response = client.get("/nl/does-not-exist/")

    assert response.status_code == 404
    assert "PauseAI" in response.content.decode()


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_every_interface_text_is_translated(language):
    catalog_path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    with catalog_path.open("rb") as catalog_file:
        catalog = read_po(catalog_file)

    untranslated = [message.id for message in catalog if message.id and not message.string]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]

    assert untranslated == []
    assert fuzzy == []


def test_the_site_speaks_english_dutch_french_and_german():
    assert [code for code, _name in settings.LANGUAGES] == ["en", "nl", "fr", "de"]
    assert settings.LANGUAGE_CODE == "en"


@pytest.mark.parametrize(
    ("accept_language", "prefix"), [("fr-FR,fr;q=0.9", "/fr/"), ("de", "/de/")]
)
def test_french_and_german_browsers_are_sent_to_their_language(client, accept_language, prefix):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response["Location"] == prefix


PUBLIC_PAGES = [
    "",
    "national-groups/",
    "national-groups/belgium/",
    "communities/",
    "microgrants/",
    "accounts/login/",
    "accounts/signup/",
]


@pytest.mark.parametrize("language", ["fr", "de"])
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_every_public_page_answers_in_french_and_german(client, language, page):
    NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")

    response = client.get(f"/{language}/{page}")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    # The page's own words are translated, not left in English.
    assert {"fr": "Groupes nationaux", "de": "Nationale Gruppen"}[language] in html


def test_make_makemessages_refreshes_the_catalog_of_every_language():
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text(encoding="utf-8")
    [locales] = re.findall(r"^LOCALES := (.*)$", makefile, re.MULTILINE)

    assert locales.split() == [code for code, _name in settings.LANGUAGES if code != "en"]
    assert "$(addprefix --locale=,$(LOCALES))" in makefile


def test_the_switcher_names_each_language_in_itself_with_a_capital(client):
    html = client.get("/de/").content.decode()

    names = re.findall(r'<a href="[^"]*" hreflang="\w+" lang="\w+"[^>]*>([^<]+)</a>', html)
    assert names == ["English", "Nederlands", "Français", "Deutsch"]
