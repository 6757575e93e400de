"""Every text people type has a length limit, which its form says and the model holds;
the database holds it too for the texts the public reads. A description of 2.4 million
characters made the group's page and the API 2.4 MB in every language."""

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction

from groups.models import NationalGroup
from onboarding.models import SetupStep, SetupSubStep
from tests.factories import (
    MembershipFactory,
    NationalGroupFactory,
    SetupStepFactory,
    SetupSubStepFactory,
)
from tests.groups.test_self_service import links_data

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
PROFILE = "/en/my/groups/belgium/profile/"

# The free texts and their limits, in characters.
TEXT_LIMITS = {
    "groups.NationalGroup": {"description": 5_000, "internal_notes": 10_000},
    "groups.OversightTeamMember": {"bio": 2_000},
    "onboarding.SetupStep": {"body": 10_000},
    "onboarding.SetupSubStep": {"text": 5_000},
    "onboarding.GroupApplication": {
        "plans": 10_000,
        "co_organizer_emails": 3_000,
        "existing_presence": 5_000,
    },
    "onboarding.ApplicationEvent": {"note": 5_000},
    "microgrants.MicrograntRequest": {
        "description": 5_000,
        "deliverables": 5_000,
        "payee_details": 1_000,
        "report_done": 10_000,
        "report_numbers": 5_000,
        "report_learnings": 10_000,
    },
    "microgrants.MicrograntEvent": {"note": 5_000},
}
TRANSLATED = {"groups.NationalGroup": ["description"], "groups.OversightTeamMember": ["bio"]}
TRANSLATED |= {"onboarding.SetupStep": ["body"], "onboarding.SetupSubStep": ["text"]}


def limited_fields():
    for label, limits in TEXT_LIMITS.items():
        for name, limit in limits.items():
            yield label, name, limit
            for code in LANGUAGE_CODES if name in TRANSLATED.get(label, ()) else ():
                yield label, f"{name}_{code}", limit


@pytest.mark.parametrize(("label", "name", "limit"), list(limited_fields()))
def test_a_free_text_refuses_one_character_over_its_limit_and_says_so(label, name, limit):
    model = apps.get_model(label)
    field = model._meta.get_field(name)

    field.clean("a" * limit, model())
    with pytest.raises(ValidationError):
        field.clean("a" * (limit + 1), model())
    assert field.max_length == limit
    assert f"At most {limit:,} characters." in str(field.help_text)
    assert field.formfield().widget.attrs["maxlength"] == str(limit)


def typed_text_fields():
    """Every text field of the registry's own models that someone types into: not the
    history's copies, nor what the registry writes itself (editable=False)."""
    for app_label in ("groups", "onboarding", "microgrants"):
        for model in apps.get_app_config(app_label).get_models():
            if hasattr(model, "pgh_tracked_model"):
                continue
            for field in model._meta.get_fields():
                if isinstance(field, models.CharField | models.TextField) and field.editable:
                    yield model, field


@pytest.mark.parametrize(
    ("model", "field"),
    list(typed_text_fields()),
    ids=lambda item: getattr(item, "name", getattr(item, "__name__", str(item))),
)
def test_every_text_typed_into_the_registry_has_a_limit(model, field):
    assert field.max_length is not None


def test_every_text_typed_into_a_form_without_a_model_has_a_limit_it_states():
    from microgrants import forms as microgrant_forms
    from microgrants import review_buttons
    from onboarding import admin as onboarding_admin
    from onboarding import forms as onboarding_forms

    plain_forms = [
        microgrant_forms.LetterAcceptanceForm,
        microgrant_forms.ReportForm,
        review_buttons.MicrograntReviewForm,
        onboarding_forms.ApplicationAnswerForm,
        onboarding_forms.ChecklistItemForm,
        onboarding_admin.ApplicationReviewForm,
    ]
    fields = {
        f"{form_class.__name__}.{name}": field
        for form_class in plain_forms
        for name, field in form_class.base_fields.items()
        if type(field) is forms.CharField and not field.widget.is_hidden
    }
    assert len(fields) >= 8
    for name, field in fields.items():
        assert field.max_length is not None, name
        if isinstance(field.widget, forms.Textarea):
            assert f"At most {field.max_length:,} characters." in str(field.help_text), name


def test_the_report_form_holds_the_models_limits():
    from microgrants.forms import ReportForm

    for name in ("report_done", "report_numbers", "report_learnings"):
        assert (
            ReportForm.base_fields[name].max_length
            == TEXT_LIMITS["microgrants.MicrograntRequest"][name]
        )


@pytest.fixture
def belgium(client):
    group = NationalGroupFactory(slug="belgium", country="BE", description_en="Short.")
    client.force_login(MembershipFactory(group=group, role="national_lead").user)
    return group


def test_the_profile_form_states_the_limit_in_the_readers_language(client, belgium):
    in_english = client.get(PROFILE).content.decode()
    in_dutch = client.get(PROFILE.replace("/en/", "/nl/")).content.decode()
    in_french = client.get(PROFILE.replace("/en/", "/fr/")).content.decode()

    assert in_english.count('maxlength="5000"') == len(LANGUAGE_CODES)
    assert "At most 5,000 characters." in in_english
    assert "Hoogstens 5.000 tekens." in in_dutch
    assert "5\u202f000 caractères au maximum." in in_french


def test_a_description_over_the_limit_is_refused_and_the_page_stays_as_it_was(client, belgium):
    too_long = client.post(
        PROFILE, {"description_en": "a" * 5_001, "description_nl": "Kort.", **links_data()}
    )
    at_the_limit = client.post(
        PROFILE, {"description_en": "Short.", "description_nl": "b" * 5_000, **links_data()}
    )

    assert too_long.status_code == 400
    assert too_long.context["form"].errors["description_en"]
    assert at_the_limit.status_code == 302
    belgium.refresh_from_db()
    assert belgium.description_en == "Short." and len(belgium.description_nl) == 5_000


# The database holds the limit of what the public reads --------------------------

PUBLIC_TEXTS = [
    (NationalGroupFactory, "description", 5_000),
    (SetupStepFactory, "body", 10_000),
    (SetupSubStepFactory, "text", 5_000),
]


@pytest.mark.parametrize(("factory", "name", "limit"), PUBLIC_TEXTS)
@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_database_refuses_a_public_text_over_its_limit(factory, name, limit, code):
    row = factory()
    rows = type(row).objects.filter(pk=row.pk)

    rows.update(**{f"{name}_{code}": "a" * limit})
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(**{f"{name}_{code}": "a" * (limit + 1)})


@pytest.mark.skipif(connection.vendor != "postgresql", reason="DDL in the test's transaction")
def test_the_migration_shortens_a_public_text_already_over_its_limit():
    """A text saved before the limit would stop the migration that adds the constraint:
    the migration keeps its first characters (the history keeps it whole)."""
    from importlib import import_module
    from pathlib import Path

    import groups.migrations
    import onboarding.migrations

    group = NationalGroupFactory(description_en="Kept.")
    step = SetupStepFactory()
    sub_step = SetupSubStepFactory(step=step)
    constraints = [
        (model, constraint)
        for model in (NationalGroup, SetupStep, SetupSubStep)
        for constraint in model._meta.constraints
        if constraint.name.endswith("_length")
    ]
    # The rows above were made in this transaction: their foreign keys' checks, deferred
    # to its end, would keep PostgreSQL from altering the tables now.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        for model, constraint in constraints:
            editor.remove_constraint(model, constraint)
    NationalGroup.objects.filter(pk=group.pk).update(description_nl="n" * 2_400_000)
    SetupStep.objects.filter(pk=step.pk).update(body_fr="f" * 10_001)
    SetupSubStep.objects.filter(pk=sub_step.pk).update(text_de="d" * 5_001)

    for package in (groups.migrations, onboarding.migrations):
        (path,) = Path(package.__file__).parent.glob("[0-9][0-9][0-9][0-9]_text_limits.py")
        import_module(f"{package.__name__}.{path.stem}").shorten_overlong_texts(apps, None)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        for model, constraint in constraints:
            editor.add_constraint(model, constraint)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    group.refresh_from_db()
    assert group.description_en == "Kept." and group.description_nl == "n" * 5_000
    step.refresh_from_db()
    assert step.body_fr == "f" * 10_000
    assert step.body_rendered_fr == "<p>" + "f" * 10_000 + "</p>"  # the page's HTML too
    assert SetupSubStep.objects.get(pk=sub_step.pk).text_de == "d" * 5_000
