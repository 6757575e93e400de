import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import translation

from groups.models import Link, NationalGroup
from onboarding.markdown import render_markdown
from onboarding.models import SetupStep, SetupSubStep
from tests.admin_forms import admin_form_data
from tests.factories import SetupStepFactory, SetupSubStepFactory

pytestmark = pytest.mark.django_db


def test_markdown_keeps_formatting_and_links():
    html = render_markdown("Make a `#project` in **Discord**: [guide](https://pauseai.info/x)")

    assert "<code>#project</code>" in html
    assert "<strong>Discord</strong>" in html
    assert 'href="https://pauseai.info/x"' in html
    assert 'rel="noopener noreferrer"' in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="#" onclick="alert(1)">x</a>',
    ],
)
def test_markdown_drops_scripts_and_handlers(hostile):
    html = render_markdown(hostile)

    assert "<script" not in html
    assert "onerror" not in html
    assert "onclick" not in html
    assert "javascript:" not in html


def test_nested_lists_render_as_nested_lists():
    html = render_markdown("Three ways:\n\n1. One\n2. Two\n    1. Two and a half\n")

    assert html.count("<ol>") == 2


def test_load_content_creates_the_seed_once():
    call_command("load_content", verbosity=0)
    call_command("load_content", verbosity=0)

    # The seed page's four, and the website's national chapters (two of them the same).
    assert set(NationalGroup.objects.values_list("country", flat=True)) == {
        "US", "GB", "FR", "NO", "NL", "RS", "CA", "RO", "KE", "ES", "AU", "DE", "CZ", "PL",
        "NG", "SE", "IT",
    }  # fmt: skip
    assert set(NationalGroup.objects.values_list("status", flat=True)) == {"active"}
    assert NationalGroup.objects.get(country="FR").name_en == "PauseIA"
    assert Link.objects.get(national_group__country="NO", kind="website").url == (
        "https://pauseai.no/"
    )
    assert list(SetupStep.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6, 7]
    for step in SetupStep.objects.all():
        for language in ("nl", "fr", "de"):
            assert getattr(step, f"title_{language}")
            assert bool(step.body_en) == bool(getattr(step, f"body_{language}"))
    for language in ("nl", "fr", "de"):
        assert SetupSubStep.objects.filter(**{f"text_{language}": ""}).count() == 0


def test_load_content_gives_the_groups_and_the_guide_in_french_and_german():
    call_command("load_content", verbosity=0)

    united_states = NationalGroup.objects.get(country="US")
    assert united_states.name_fr == "PauseAI États-Unis"
    assert united_states.description_de == "Die nationale PauseAI-Gruppe der Vereinigten Staaten."
    assert NationalGroup.objects.get(country="FR").name_de == "PauseIA"
    # A chapter of the website only: named after its country in each language.
    germany = NationalGroup.objects.get(country="DE")
    assert (germany.name_fr, germany.name_de) == ("PauseAI Allemagne", "PauseAI Deutschland")
    assert germany.description_de == "Die nationale PauseAI-Gruppe (Deutschland)."
    step = SetupStep.objects.get(number=2)
    assert step.title_fr == "Contacter l'équipe de supervision"
    assert step.title_de == "Das Aufsichtsteam kontaktieren"
    # The HTML is stored in every language, as for English and Dutch.
    assert "<code>countryname@pauseai.info</code>" in step.body_rendered_fr
    assert "<code>countryname@pauseai.info</code>" in step.body_rendered_de
    for language in ("fr", "de"):
        assert not SetupSubStep.objects.filter(**{f"text_rendered_{language}": ""}).exists()
    launch = SetupSubStep.objects.get(step__number=6, number=3)
    assert "<li>Maxime l'a fait pour PauseIA FR.</li>" in launch.text_rendered_fr
    assert "<li>Maxime hat das für PauseIA FR gemacht.</li>" in launch.text_rendered_de


def without_french_and_german():
    """The content as a site loaded it before French and German were added."""
    NationalGroup.objects.update(name_fr="", name_de="", description_fr="", description_de="")
    SetupStep.objects.update(
        title_fr="", title_de="", body_fr="", body_de="", body_rendered_fr="", body_rendered_de=""
    )
    SetupSubStep.objects.update(text_fr="", text_de="", text_rendered_fr="", text_rendered_de="")


def test_load_content_adds_french_and_german_to_what_it_loaded_before():
    call_command("load_content", verbosity=0)
    without_french_and_german()

    call_command("load_content", verbosity=0)

    norway = NationalGroup.objects.get(country="NO")
    assert (norway.name_fr, norway.name_de) == ("PauseAI Norvège", "PauseAI Norwegen")
    assert norway.version == 1
    assert NationalGroup.objects.get(country="DE").name_fr == "PauseAI Allemagne"
    step = SetupStep.objects.get(number=6)
    assert step.title_de == "Mitgliedergewinnung"
    assert "<strong>Recrutement</strong>" in step.body_rendered_fr
    assert step.sub_steps.get(number=2).text_rendered_de == (
        "<p>Nutze Networking-Veranstaltungen.</p>"
    )


def test_load_content_translates_only_what_nobody_has_changed():
    """A translation of the seed is one of what is there only while the English is the
    seed's: an edited group or step keeps its English in French and German too."""
    call_command("load_content", verbosity=0)
    without_french_and_german()
    norway = NationalGroup.objects.get(country="NO")
    norway.description_en = "Norway's own words."
    norway.save()
    SetupStep.objects.filter(number=1).update(title_en="Start in Discord")
    SetupSubStep.objects.filter(step__number=4, number=2).update(text_en="Pick Signal.")

    call_command("load_content", verbosity=0)

    norway.refresh_from_db()
    assert (norway.name_fr, norway.description_fr) == ("", "")
    assert SetupStep.objects.get(number=1).title_fr == ""
    assert SetupStep.objects.get(number=4).title_fr == ""
    assert SetupStep.objects.get(number=5).title_fr == "Créer des comptes sur les réseaux sociaux"
    with translation.override("fr"):
        assert SetupStep.objects.get(number=1).title == "Start in Discord"


def test_load_content_never_overwrites_a_translation():
    call_command("load_content", verbosity=0)
    SetupStep.objects.filter(number=1).update(title_de="Ein Projekt auf Discord")
    SetupSubStep.objects.filter(step__number=4, number=1).update(text_fr="")

    call_command("load_content", verbosity=0)

    assert SetupStep.objects.get(number=1).title_de == "Ein Projekt auf Discord"
    # The step has French words: an emptied one stays empty (English shows instead).
    assert SetupSubStep.objects.get(step__number=4, number=1).text_fr == ""


def test_load_content_keeps_what_the_oversight_team_changed():
    call_command("load_content", verbosity=0)
    NationalGroup.objects.filter(country="NO").update(status="inactive")
    SetupStep.objects.filter(number=1).update(title_en="Start in Discord")

    call_command("load_content", verbosity=0)

    assert NationalGroup.objects.get(country="NO").status == "inactive"
    assert SetupStep.objects.get(number=1).title_en == "Start in Discord"


def test_load_content_skips_a_country_that_already_has_a_group():
    NationalGroup.objects.create(name_en="PauseAI Norge", slug="norge", country="NO")

    call_command("load_content", verbosity=0)

    assert NationalGroup.objects.filter(country="NO").count() == 1
    assert NationalGroup.objects.get(country="NO").slug == "norge"
    assert NationalGroup.objects.count() == 17


def refuse_to_render_markdown(monkeypatch):
    """From here on rendering Markdown fails: what is shown must be what was stored."""

    def refuse(text):
        raise AssertionError(f"Markdown rendered while showing a page: {text!r}")

    monkeypatch.setattr("onboarding.models.render_markdown", refuse)


def test_the_guide_is_rendered_in_every_language_when_saved():
    step = SetupStepFactory(body_en="Do **this**.", body_nl="Doe **dit**.")
    sub_step = SetupSubStepFactory(step=step, text_en="A `#project`.", text_nl="Een `#project`.")

    step.refresh_from_db()
    sub_step.refresh_from_db()

    assert step.body_rendered_en == "<p>Do <strong>this</strong>.</p>"
    assert step.body_rendered_nl == "<p>Doe <strong>dit</strong>.</p>"
    assert sub_step.text_rendered_en == "<p>A <code>#project</code>.</p>"
    assert sub_step.text_rendered_nl == "<p>Een <code>#project</code>.</p>"


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "<strong>this</strong>"), ("nl", "<strong>dit</strong>")],
)
def test_the_guide_pages_show_the_stored_html_without_rendering_markdown(
    client, monkeypatch, language, shown
):
    step = SetupStepFactory(body_en="Do **this**.", body_nl="Doe **dit**.")
    SetupSubStepFactory(step=step, text_en="Part <script>x</script>", text_nl="Deel")
    refuse_to_render_markdown(monkeypatch)

    html = client.get(f"/{language}/national-groups/").content.decode()

    assert shown in html
    assert "<script>x" not in html


def test_the_guide_shows_its_steps_and_sub_steps_in_order_in_the_visitors_language(client):
    second = SetupStepFactory(number=2, title_en="Second", title_nl="Tweede")
    SetupSubStepFactory(step=second, number=2, text_en="Part *two*", text_nl="Deel *twee*")
    SetupSubStepFactory(step=second, number=1, text_en="Part *one*", text_nl="")
    SetupStepFactory(number=1, title_en="First", title_nl="", body_en="Begin.", body_nl="")
    SetupStepFactory(number=3, title_en="Third", title_nl="Derde", body_en="", body_nl="")

    html = client.get("/nl/national-groups/").content.decode()
    guide = html[html.index('<ol class="setup-steps">') :]

    # Untranslated words in English; a step without sub-steps has no list of them.
    assert guide.index("<h3>First</h3>") < guide.index("<p>Begin.</p>")
    assert guide.index("<p>Begin.</p>") < guide.index("<h3>Tweede</h3>")
    assert guide.index("<h3>Tweede</h3>") < guide.index("<p>Part <em>one</em></p>")
    assert guide.index("<p>Part <em>one</em></p>") < guide.index("<p>Deel <em>twee</em></p>")
    assert guide.index("<p>Deel <em>twee</em></p>") < guide.index("<h3>Derde</h3>")
    assert guide.count('class="sub-steps"') == 1
    assert 'class="sub-steps"' not in guide[guide.index('id="step-3"') :]


def test_an_untranslated_text_shows_the_english_html():
    step = SetupStepFactory(body_en="Only **English**.", body_nl="")

    with translation.override("nl"):
        assert step.body_html() == "<p>Only <strong>English</strong>.</p>"


def test_load_content_stores_the_rendered_sub_steps():
    call_command("load_content", verbosity=0)

    assert not SetupSubStep.objects.filter(text_rendered_en="").exists()
    assert not SetupSubStep.objects.filter(text_rendered_nl="").exists()
    sub_step = SetupSubStep.objects.exclude(text_en="").first()
    assert sub_step.text_rendered_en == render_markdown(sub_step.text_en)


def test_an_admin_edit_stores_the_rendered_html(oversight_client):
    step = SetupStepFactory(body_en="Old.", body_nl="Oud.")
    sub_step = SetupSubStepFactory(step=step, text_en="Old part.", text_nl="Oud deel.")
    url = f"/admin/onboarding/setupstep/{step.pk}/change/"
    data = admin_form_data(oversight_client.get(url))
    data.update(
        {
            "body_en": "New **text**.",
            "body_nl": "Nieuwe **tekst**.",
            "body_fr": "Nouveau **texte**.",
            "body_de": "Neuer **Text**.",
            "sub_steps-0-text_en": "New [part](https://pauseai.info).",
            "sub_steps-0-text_de": "Neuer [Teil](https://pauseai.info).",
        }
    )

    response = oversight_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    step.refresh_from_db()
    sub_step.refresh_from_db()
    assert step.body_rendered_en == "<p>New <strong>text</strong>.</p>"
    assert step.body_rendered_nl == "<p>Nieuwe <strong>tekst</strong>.</p>"
    assert step.body_rendered_fr == "<p>Nouveau <strong>texte</strong>.</p>"
    assert step.body_rendered_de == "<p>Neuer <strong>Text</strong>.</p>"
    assert 'href="https://pauseai.info"' in sub_step.text_rendered_en
    assert 'href="https://pauseai.info"' in sub_step.text_rendered_de


def test_the_admin_finds_a_step_by_its_french_or_german_words(oversight_client):
    SetupStepFactory(title_en="Recruitment", title_fr="Recrutement", body_de="Leute **finden**.")
    SetupStepFactory(title_en="Protests", title_fr="Manifestations", body_de="Auf die Straße.")

    french = oversight_client.get("/admin/onboarding/setupstep/?q=recrutement").content.decode()
    german = oversight_client.get("/admin/onboarding/setupstep/?q=finden").content.decode()

    assert "Recruitment" in french and "Protests" not in french
    assert "Recruitment" in german and "Protests" not in german


def test_the_migration_renders_the_rows_that_already_exist():
    step = SetupStepFactory(body_en="Do **this**.", body_nl="Doe **dit**.")
    sub_step = SetupSubStepFactory(step=step, text_en="A part.", text_nl="Een deel.")
    # As the rows were before the migration: Markdown only.
    SetupStep.objects.update(body_rendered_en="", body_rendered_nl="")
    SetupSubStep.objects.update(text_rendered_en="", text_rendered_nl="")
    migration = importlib.import_module("onboarding.migrations.0007_setup_guide_rendered_html")

    migration.render_setup_guide(apps, None)

    step.refresh_from_db()
    sub_step.refresh_from_db()
    assert step.body_rendered_nl == "<p>Doe <strong>dit</strong>.</p>"
    assert sub_step.text_rendered_en == "<p>A part.</p>"
