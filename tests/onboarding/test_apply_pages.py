"""Applying, following the application, and the setup checklist, through the browser's eyes."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from groups.models import NationalGroup
from onboarding.models import ApplicationEvent, ChecklistTick, GroupApplication, SetupStep
from onboarding.services import checklist_tick
from tests.conftest import make_oversight_member
from tests.factories import (
    AgreedActionFactory,
    CommunityMembershipFactory,
    GroupApplicationFactory,
    InvitationFactory,
    MembershipFactory,
    NationalGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

VALID = {
    "country": "BE",
    "proposed_name": "PauseAI Belgium",
    "discord_project_url": "https://discord.com/channels/1/2/3",
    "plans": "Flyering in Ghent, then a launch event in Brussels.",
    "co_organizer_emails": "bob@example.org\ncarla@example.org",
    "existing_presence": "https://instagram.com/pauseai_be",
    "applicant_role": "National lead",
    "agrees_to_strategy": "on",
}


@pytest.fixture
def applicant(client):
    user = UserFactory(username="ann", email="ann@example.org")
    client.force_login(user)
    return user


def test_applying_records_the_application_in_the_applicants_language(client, applicant):
    response = client.post("/nl/apply/", VALID)

    assert response.status_code == 302
    assert response["Location"] == "/nl/my/"
    application = GroupApplication.objects.get(applicant=applicant)
    assert application.language == "nl"
    assert application.co_organizer_email_list() == ["bob@example.org", "carla@example.org"]
    page = client.get("/nl/my/").content.decode()
    assert "PauseAI Belgium" in page
    assert "Ingediend" in page  # "Submitted", in the applicant's language


@pytest.mark.parametrize(("language", "submitted"), [("fr", "Déposé"), ("de", "Eingereicht")])
def test_applying_in_french_or_german_records_that_language(client, applicant, language, submitted):
    response = client.post(f"/{language}/apply/", VALID)

    assert response["Location"] == f"/{language}/my/"
    application = GroupApplication.objects.get(applicant=applicant)
    assert application.language == language
    application.full_clean()  # the language is one of the field's choices
    assert submitted in client.get(f"/{language}/my/").content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("country", "", "This field is required."),
        ("country", "XX", "Select a valid choice."),
        ("proposed_name", "", "This field is required."),
        ("proposed_name", "x" * 121, "Ensure this value has at most 120 characters"),
        ("discord_project_url", "", "This field is required."),
        ("discord_project_url", "not a url", "Enter a valid URL."),
        ("discord_project_url", "https://example.com/post", "Link to your #project post"),
        ("plans", "", "This field is required."),
        ("co_organizer_emails", "bob@example.org\nnot-an-address", "is not an email address"),
        ("co_organizer_emails", "ann@example.org", "you are already the applicant"),
        ("applicant_role", "", "This field is required."),
        ("agrees_to_strategy", "", "This field is required."),
    ],
)
def test_bad_input_is_explained_on_its_field_and_nothing_is_lost(
    client, applicant, field, value, message
):
    response = client.post("/en/apply/", {**VALID, field: value})

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    html = response.content.decode()
    assert VALID["existing_presence"] in html
    if field != "proposed_name":
        assert 'value="PauseAI Belgium"' in html
    assert not GroupApplication.objects.exists()


def test_a_country_with_a_group_points_to_it(client, applicant):
    NationalGroupFactory(country="BE", name_en="PauseAI België")

    response = client.post("/en/apply/", VALID)

    assert "PauseAI België" in " ".join(response.context["form"].errors["country"])


def test_the_refusal_links_the_existing_groups_page(client, applicant):
    NationalGroupFactory(country="FR", slug="france", name_en="PauseIA <France>")

    html = client.post("/en/apply/", {**VALID, "country": "FR"}).content.decode()

    assert (
        'France already has a national group: <a href="/en/national-groups/france/">'
        "PauseIA &lt;France&gt;</a>. Join it instead of founding a new one."
    ) in html


def test_a_second_open_application_is_refused_with_a_message(client, applicant):
    GroupApplicationFactory(applicant=applicant, country="NL")

    response = client.post("/en/apply/", VALID)

    assert response.status_code == 200
    assert "You already have an open application" in response.content.decode()


def test_unverified_users_are_asked_to_confirm_their_address_first(client):
    client.force_login(UserFactory(username="newbie", verified=False))

    response = client.get("/en/apply/")

    assert response.status_code == 200
    assert "form" not in response.context or response.context.get("form") is None
    assert not GroupApplication.objects.exists()


def test_answering_a_question_keeps_a_too_long_answer_on_the_page(client, applicant):
    application = GroupApplicationFactory(applicant=applicant, status="more_info_needed")

    response = client.post(f"/en/my/applications/{application.pk}/answer/", {"message": "y" * 5001})

    assert response.status_code == 200
    assert "y" * 5001 in response.content.decode()
    application.refresh_from_db()
    assert application.status == "more_info_needed"


def test_organizer_ticks_a_setup_step_with_evidence(client):
    call_command("load_content", verbosity=0)
    group = NationalGroupFactory(slug="belgium", country="BE", status="forming")
    lead = MembershipFactory(group=group).user
    client.force_login(lead)
    step_four = SetupStep.objects.get(number=4)
    first_sub_step = step_four.sub_steps.first()

    response = client.post(
        "/en/my/groups/belgium/setup/",
        {
            "step": step_four.pk,
            "sub_step": first_sub_step.pk,
            "done": "on",
            "evidence": "https://chat.whatsapp.com/abc",
        },
    )

    assert response.status_code == 302
    tick = ChecklistTick.objects.get(national_group=group)
    assert tick.ticked_by == lead
    assert tick.evidence == "https://chat.whatsapp.com/abc"
    page = client.get("/en/my/groups/belgium/setup/").content.decode()
    assert "https://chat.whatsapp.com/abc" in page
    # Step 4's other sub-step is advice: the step is done.
    assert "1 of 7 steps done" in page


def test_a_too_long_note_is_explained_and_kept(client):
    call_command("load_content", verbosity=0)
    group = NationalGroupFactory(slug="belgium", country="BE", status="forming")
    client.force_login(MembershipFactory(group=group).user)
    step_one = SetupStep.objects.get(number=1)

    response = client.post(
        "/en/my/groups/belgium/setup/",
        {"step": step_one.pk, "done": "on", "evidence": "z" * 501},
    )

    assert response.status_code == 400
    assert "z" * 501 in response.content.decode()
    assert not ChecklistTick.objects.exists()


def test_whole_step_cannot_be_ticked_when_it_has_sub_steps(client):
    call_command("load_content", verbosity=0)
    group = NationalGroupFactory(slug="belgium", country="BE", status="forming")
    client.force_login(MembershipFactory(group=group).user)

    response = client.post(
        "/en/my/groups/belgium/setup/",
        {"step": SetupStep.objects.get(number=3).pk, "done": "on"},
        follow=True,
    )

    assert "Tick the sub-steps of this step one by one." in response.content.decode()
    assert not ChecklistTick.objects.exists()


def test_applying_is_rate_limited(client, applicant):
    # Invalid posts count too: a script cannot hammer the form.
    responses = [client.post("/en/apply/", {**VALID, "plans": ""}) for _ in range(6)]

    assert [response.status_code for response in responses] == [200] * 5 + [429]
    assert "Too many attempts" in responses[-1].content.decode()


def test_discord_login_without_an_app_is_a_404(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}

    assert client.post("/en/accounts/discord/login/").status_code == 404
    assert client.get("/en/accounts/discord/login/").status_code == 404


@pytest.mark.parametrize("count", [1, 20])
def test_my_page_runs_the_same_queries_however_much_history(
    client, applicant, django_assert_num_queries, count
):
    for index in range(count):
        application = GroupApplicationFactory(applicant=applicant, status="withdrawn")
        ApplicationEvent.objects.create(
            application=application, actor=applicant, to_status="submitted"
        )
        ApplicationEvent.objects.create(
            application=application,
            actor=applicant,
            from_status="submitted",
            to_status="withdrawn",
        )
        membership = MembershipFactory(user=applicant, group__slug=f"group-{index}-of-{count}")
        CommunityMembershipFactory(user=applicant)
        InvitationFactory(email="ann@example.org")
        # A group of a year ago, which owes its activity report; an action agreed with it.
        NationalGroup.objects.filter(pk=membership.group_id).update(
            created_at=timezone.now() - datetime.timedelta(days=365)
        )
        AgreedActionFactory(check_in__group=membership.group, owner=applicant)

    # session, user, applications, their events with actors, memberships with
    # groups, setup steps, checklist ticks, communities organized with their groups,
    # confirmed addresses, invitations, the microgrants waiting for them; and
    # coaching's (coaching/my_page.py): the actions they own, the reports their groups owe.
    with django_assert_num_queries(13):
        html = client.get("/en/my/").content.decode()

    assert html.count('class="application"') == count
    assert html.count('class="my-group"') == count
    assert html.count('class="my-group my-community"') == count
    assert html.count('class="waiting-item"') == 2 * count


def test_organizers_cannot_untick_what_the_oversight_team_ticked(client, settings):
    call_command("load_content", verbosity=0)
    group = NationalGroupFactory(slug="belgium", country="BE", status="forming")
    lead = MembershipFactory(group=group).user
    reviewer = make_oversight_member(settings, username="olga")
    recruitment = SetupStep.objects.get(number=6)
    by_team, by_lead = recruitment.sub_steps.filter(is_advice=False)[:2]
    checklist_tick(national_group=group, step=recruitment, sub_step=by_team, user=reviewer)
    checklist_tick(national_group=group, step=recruitment, sub_step=by_lead, user=lead)
    client.force_login(lead)

    page = client.get("/en/my/groups/belgium/setup/").content.decode()
    refused = client.post(
        "/en/my/groups/belgium/setup/",
        {"step": recruitment.pk, "sub_step": by_team.pk},
        follow=True,
    )
    allowed = client.post(
        "/en/my/groups/belgium/setup/", {"step": recruitment.pk, "sub_step": by_lead.pk}
    )

    assert page.count(">Untick</button>") == 1
    assert "Ticked by the oversight team" in page
    assert "The oversight team ticked this off" in refused.content.decode()
    assert allowed.status_code == 302
    assert list(
        ChecklistTick.objects.filter(national_group=group).values_list("sub_step", flat=True)
    ) == [by_team.pk]
