"""Links are read as a browser reads them, and shown text holds no control or bidi
characters: a link that says Instagram goes to Instagram."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from common.validators import validate_multiline_text, validate_text, validate_visible_text
from groups.models import Link, LocalCommunity
from onboarding.models import GroupApplication
from tests.factories import MembershipFactory, NationalGroupFactory
from tests.groups.test_self_service import links_data

pytestmark = pytest.mark.django_db

PROFILE = "/en/my/groups/belgium/profile/"
RLO = "\u202e"  # right-to-left override: "moc.evil" reads as "live.com"


@pytest.fixture
def lead(client):
    group = NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")
    user = MembershipFactory(group=group, role="national_lead").user
    client.force_login(user)
    return group


def post_link(client, kind, url):
    return client.post(
        PROFILE, {"description_en": "Kept", **links_data({"kind": kind, "url": url})}
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example\\@instagram.com/",
        "https://evil.example\\instagram.com/",
        "https://someone@instagram.com/pauseai",
        "https://someone:secret@instagram.com/pauseai",
        "ftp://instagram.com/pauseai",
        "http://instagram.com/pauseai",
        "javascript:alert(1)//instagram.com",
        "https://instagram.com.evil.example/",
        "https://evil.example#@instagram.com",
        "https://evil.example?@instagram.com",
        "https://evil.example/instagram.com",
        f"https://instagram.com/{RLO}moc.live",
        "https://instagram.com/\tpauseai",
        "https://inst\u0430gram.com/pauseai",  # a Cyrillic a
        "https://instagram.com./pauseai",
    ],
)
def test_an_instagram_link_that_goes_elsewhere_is_refused(client, lead, url):
    response = post_link(client, "instagram", url)

    assert response.status_code == 400
    assert response.context["links"].forms[0].errors["url"]
    assert not lead.links.exists()


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        ("instagram", "https://www.instagram.com/pauseai_be/"),
        ("instagram", "https://instagram.com/pauseai"),
        ("x", "https://x.com/PauseAI_BE"),
        ("discord", "https://discord.gg/abc123"),
        ("website", "https://pauseai.be/"),
        ("website", "http://old-site.example/"),
    ],
)
def test_real_links_are_accepted(client, lead, kind, url):
    response = post_link(client, kind, url)

    assert response.status_code == 302
    assert lead.links.get().url == url


def test_the_refusal_says_where_the_link_must_point_and_keeps_the_input(client, lead):
    response = post_link(client, "instagram", "https://evil.example\\@instagram.com/")

    html = response.content.decode()
    assert "A web address cannot contain a backslash." in html
    assert response.context["form"]["description_en"].value() == "Kept"
    assert "evil.example\\@instagram.com" in html


def test_http_is_refused_for_platforms_with_a_clear_message(client, lead):
    response = post_link(client, "instagram", "http://instagram.com/pauseai")

    assert "Use an https:// address." in response.content.decode()


def test_a_link_in_the_admin_is_held_to_the_same_rule(oversight_client):
    from tests.admin_forms import admin_form_data

    group = NationalGroupFactory()
    url = f"/admin/groups/nationalgroup/{group.pk}/change/"
    data = admin_form_data(oversight_client.get(url))
    data.update(
        {
            "links-TOTAL_FORMS": "1",
            "links-0-kind": "instagram",
            "links-0-url": "https://evil.example\\@instagram.com/",
        }
    )

    response = oversight_client.post(url, data)

    assert response.status_code == 200
    assert not Link.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example\\@discord.com/channels/1/2",
        "https://me@discord.com/channels/1/2",
        "http://discord.com/channels/1/2",
    ],
)
def test_the_applications_chat_link_is_held_to_the_same_rule(client, url):
    client.force_login(MembershipFactory().user)

    response = client.post(
        "/en/apply/",
        {
            "country": "DK",
            "proposed_name": "PauseAI Danmark",
            "discord_project_url": url,
            "plans": "Flyers.",
            "applicant_role": "Lead",
            "agrees_to_strategy": "on",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["discord_project_url"]
    assert not GroupApplication.objects.exists()


# Control and bidi characters ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [f"PauseAI {RLO}tneG", "PauseAI\u2066Ghent", "PauseAI\x07Ghent", "PauseAI\nGhent"],
)
def test_a_community_name_with_control_or_bidi_characters_is_refused(client, lead, text):
    response = client.post(
        "/en/my/groups/belgium/communities/add/",
        {"name": text, "city": "Ghent", "status": "active", **links_data()},
    )

    assert response.status_code == 400
    assert "invisible control characters" in " ".join(response.context["form"].errors["name"])
    assert not LocalCommunity.objects.exists()


def test_a_description_may_have_line_breaks_but_no_overrides(client, lead):
    kept = client.post(PROFILE, {"description_en": "Line one\r\nLine two\tend", **links_data()})
    refused = client.post(PROFILE, {"description_en": f"Line {RLO}one", **links_data()})

    assert kept.status_code == 302
    assert refused.status_code == 400
    assert "invisible control characters" in " ".join(
        refused.context["form"].errors["description_en"]
    )


def test_right_to_left_text_itself_is_welcome():
    validate_text("PauseAI ישראל")
    validate_multiline_text("مجموعة PauseAI\nمصر")


def text_fields():
    for app_label in ("groups", "onboarding"):
        for model in apps.get_app_config(app_label).get_models():
            if hasattr(model, "pgh_tracked_model"):
                continue  # the history copies what was stored; nobody types into it
            for field in model._meta.get_fields():
                if isinstance(field, models.CharField | models.TextField) and not (
                    field.choices or isinstance(field, models.EmailField | models.URLField)
                ):
                    yield model, field


@pytest.mark.parametrize(
    ("model", "field"), list(text_fields()), ids=lambda item: getattr(item, "name", str(item))
)
def test_every_text_field_refuses_control_and_bidi_characters(model, field):
    with pytest.raises(ValidationError):
        field.clean(f"a{RLO}b", model())


def test_text_typed_into_forms_without_a_model_is_held_to_the_same_rule(client, lead):
    from django.utils import timezone

    from microgrants.models import MicrograntRequest
    from tests.factories import MicrograntRequestFactory

    requester = MembershipFactory(group=lead, role="member").user
    microgrant = MicrograntRequestFactory(
        group=lead,
        requested_by=requester,
        status="approved",
        submitted_at=timezone.now(),
        amount_approved="800.00",
    )
    client.force_login(requester)

    response = client.post(
        f"/en/my/groups/belgium/microgrants/{microgrant.pk}/letter/", {"full_name": f"Ann {RLO}Lee"}
    )

    assert response.status_code == 400
    assert "invisible control characters" in " ".join(response.context["form"].errors["full_name"])
    assert MicrograntRequest.objects.get(pk=microgrant.pk).status == "approved"


def test_every_plain_form_text_field_refuses_control_and_bidi_characters():
    from django import forms

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
    text_fields = [
        field
        for form_class in plain_forms
        for field in form_class.base_fields.values()
        if type(field) is forms.CharField and not field.widget.is_hidden
    ]
    assert len(text_fields) >= 8
    for field in text_fields:
        with pytest.raises(ValidationError):
            field.clean(f"a{RLO}b")


# Text with nothing visible ---------------------------------------------------------

NOTHING_VISIBLE = "Type at least one visible character"
# Each shows nothing: a zero-width space and a Hangul filler (which Unicode counts as a
# letter), the other fillers, the braille blank, format characters, combining marks on
# nothing, a tag character, wide spaces.
INVISIBLE_TEXTS = [
    "\u200b\u3164",
    "\u3164\u3164",
    "\u115f\u1160",
    "\uffa0",
    "\u2800\u2800",
    "\u200b\u200c\u200d\u2060\ufeff\u00ad",
    "\u0301\u0308",
    "\u034f\ufe0f",
    "\U000e0041\U000e0042",
    "\u3000\u2003\u00a0",
]


@pytest.mark.parametrize("text", INVISIBLE_TEXTS)
def test_text_with_nothing_visible_is_refused(text):
    with pytest.raises(ValidationError) as refusal:
        validate_visible_text(text)

    assert NOTHING_VISIBLE in str(refusal.value)


@pytest.mark.parametrize(
    "text",
    ["PauseAI België", "한국", "ㅋ", "e\u0301", "हिंदी", "🙂", "PauseAI\u200bGent", "ישראל", "·"],
)
def test_text_with_something_visible_is_accepted(text):
    validate_visible_text(text)


# Every field that names someone or something, as a model holds it (its translations
# too) and as the forms without a model ask for it.
NAME_FIELDS = {
    "groups.NationalGroup": [
        "name",
        *(f"name_{code}" for code in ("en", "nl", "fr", "de")),
        "country_local",
        "map_name",
        "legal_entity_name",
    ],
    "groups.LocalCommunity": ["name", "city"],
    "groups.Membership": ["public_name", "discord_username"],
    "groups.CommunityMembership": ["public_name"],
    "groups.OversightTeamMember": [
        "display_name",
        "title",
        *(f"title_{code}" for code in ("en", "nl", "fr", "de")),
    ],
    "onboarding.SetupStep": ["title", *(f"title_{code}" for code in ("en", "nl", "fr", "de"))],
    "onboarding.GroupApplication": ["proposed_name"],
    "microgrants.MicrograntRequest": ["title", "letter_accepted_name"],
    "microgrants.MicrograntBudgetLine": ["item"],
}


@pytest.mark.parametrize(
    ("model", "field"),
    [(model, field) for model, fields in NAME_FIELDS.items() for field in fields],
)
def test_every_name_refuses_text_with_nothing_visible(model, field):
    model = apps.get_model(model)

    with pytest.raises(ValidationError) as refusal:
        model._meta.get_field(field).clean("\u200b\u3164", model())

    assert NOTHING_VISIBLE in str(refusal.value)


def test_every_full_name_typed_refuses_text_with_nothing_visible():
    from accounts.forms import FullNameForm, SignupForm
    from microgrants.forms import LetterAcceptanceForm

    for form_class in (SignupForm, FullNameForm, LetterAcceptanceForm):
        with pytest.raises(ValidationError):
            form_class.base_fields["full_name"].clean("\u200b\u3164")


def test_a_public_name_with_nothing_visible_is_refused_on_the_page(client, lead):
    membership = lead.memberships.get()

    response = client.post(
        "/en/my/groups/belgium/public-name/",
        {"public_name": "\u200b\u3164", "public_name_shown": "on"},
    )

    assert response.status_code == 400
    assert NOTHING_VISIBLE in " ".join(response.context["public_name_form"].errors["public_name"])
    membership.refresh_from_db()
    assert membership.public_name == ""


def test_a_community_named_with_nothing_visible_is_refused(client, lead):
    response = client.post(
        "/en/my/groups/belgium/communities/add/",
        {"name": "\u3164", "city": "Ghent", "status": "active", **links_data()},
    )

    assert response.status_code == 400
    assert NOTHING_VISIBLE in " ".join(response.context["form"].errors["name"])
    assert not LocalCommunity.objects.exists()


def test_a_group_named_with_nothing_visible_in_the_admin_is_refused(oversight_client):
    from tests.admin_forms import admin_form_data

    group = NationalGroupFactory(name_en="PauseAI Belgium")
    url = f"/admin/groups/nationalgroup/{group.pk}/change/"
    data = {**admin_form_data(oversight_client.get(url)), "name_en": "\u200b\u3164"}

    response = oversight_client.post(url, data)

    assert response.status_code == 200
    assert NOTHING_VISIBLE in " ".join(response.context["adminform"].form.errors["name_en"])
    group.refresh_from_db()
    assert group.name_en == "PauseAI Belgium"


def test_signing_up_with_a_full_name_of_nothing_visible_is_refused(client):
    from django.contrib.auth.models import User

    response = client.post(
        "/en/accounts/signup/",
        {
            "full_name": "\u3164\u200b",
            "email": "ann@example.org",
            "password1": "correct horse battery staple",
            "password2": "correct horse battery staple",
        },
    )

    assert response.status_code == 200
    assert NOTHING_VISIBLE in " ".join(response.context["form"].errors["full_name"])
    assert not User.objects.filter(email="ann@example.org").exists()


def test_the_name_page_refuses_a_full_name_of_nothing_visible(client):
    from tests.factories import UserFactory

    user = UserFactory(first_name="Ann Lee")
    client.force_login(user)

    response = client.post("/en/my/name/", {"full_name": "\u2800"})

    assert response.status_code == 400
    assert NOTHING_VISIBLE in " ".join(response.context["form"].errors["full_name"])
    user.refresh_from_db()
    assert user.first_name == "Ann Lee"
