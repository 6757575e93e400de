import pytest
from django.core.management import call_command

from groups.models import Link, NationalGroup
from onboarding.markdown import render_markdown
from onboarding.models import SetupStep, SetupSubStep

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
        assert step.title_en and step.title_nl
        assert bool(step.body_en) == bool(step.body_nl)
    assert SetupSubStep.objects.filter(text_nl="").count() == 0


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
