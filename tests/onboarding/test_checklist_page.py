"""The setup checklist as organizers use it: ticking keeps them where they were, the
box itself ticks, advice is read, not ticked, and the guide says where to find the
Discord and the oversight team (issue 19 §3)."""

import pytest
from django.core.management import call_command

from groups.models import NationalGroup
from onboarding.checklist import setup_progress
from onboarding.models import ChecklistTick, SetupStep, SetupSubStep
from onboarding.selectors import forming_groups_ready_to_activate
from onboarding.services import OnboardingError, checklist_tick
from tests.factories import MembershipFactory, NationalGroupFactory

pytestmark = pytest.mark.django_db

SETUP = "/en/my/groups/belgium/setup/"


@pytest.fixture
def group():
    call_command("load_content", verbosity=0)
    return NationalGroupFactory(slug="belgium", country="BE", status="forming")


@pytest.fixture
def lead(client, group):
    user = MembershipFactory(group=group, role="national_lead").user
    client.force_login(user)
    return user


def buffer_advice():
    return SetupSubStep.objects.get(text_en__startswith="Consider a tool like Buffer")


def test_ticking_comes_back_to_the_item_ticked(client, group, lead):
    sub_step = SetupSubStep.objects.filter(is_advice=False).order_by("step__number").last()

    response = client.post(SETUP, {"step": sub_step.step_id, "sub_step": sub_step.pk, "done": "on"})

    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}#item-{sub_step.step_id}-{sub_step.pk}"
    html = client.get(SETUP).content.decode()
    assert f'id="item-{sub_step.step_id}-{sub_step.pk}"' in html


def test_the_box_of_an_item_is_a_button_that_ticks_it(client, group, lead):
    html = client.get(SETUP).content.decode()
    first_form = html[html.index('class="checklist-form"') : html.index("</form>")]

    assert '<button type="submit" class="checklist-box"' in first_form


def test_advice_is_text_not_a_tickable_item(client, group, lead):
    advice = buffer_advice()
    html = client.get(SETUP).content.decode()
    item = html[html.index("Consider a tool like Buffer") :].split("</li>")[0]

    assert advice.is_advice
    assert "checklist-form" not in item
    with pytest.raises(OnboardingError):
        checklist_tick(national_group=group, step=advice.step, sub_step=advice, user=lead)


def test_a_step_whose_sub_steps_are_all_advice_is_ticked_as_a_whole(group, lead):
    social_media = buffer_advice().step
    assert not social_media.sub_steps.filter(is_advice=False).exists()

    checklist_tick(national_group=group, step=social_media, user=lead)

    assert ChecklistTick.objects.get().sub_step is None


def test_the_checklist_is_done_without_ticking_advice(group, lead):
    for step in SetupStep.objects.prefetch_related("sub_steps"):
        items = [sub for sub in step.sub_steps.all() if not sub.is_advice] or [None]
        for sub_step in items:
            checklist_tick(national_group=group, step=step, sub_step=sub_step, user=lead)

    progress = setup_progress([group.pk])[group.pk]
    assert progress.done == progress.total == SetupStep.objects.count()
    assert list(forming_groups_ready_to_activate(NationalGroup.objects.all())) == [group]


@pytest.mark.parametrize("language", ["en", "fr", "nl", "de"])
def test_the_guide_links_the_discord_and_says_how_to_reach_the_oversight_team(
    client, group, lead, settings, language
):
    settings.OVERSIGHT_TEAM_EMAIL = "oversight@pauseai.info"

    html = client.get(f"/{language}/my/groups/belgium/setup/").content.decode()
    step_one = html[html.index('id="step-1"') : html.index('id="step-2"')]
    step_two = html[html.index('id="step-2"') : html.index('id="step-3"')]

    assert 'href="https://discord.gg/' in step_one
    assert {
        "en": "Copy Message Link",
        "fr": "Copier le lien du message",
        "nl": "Berichtlink kopiëren",
        "de": "Nachrichtenlink kopieren",
    }[language] in step_one
    assert 'href="mailto:oversight@pauseai.info"' in step_two


def test_the_apply_form_links_the_discord_and_says_how_to_copy_the_posts_link(client, settings):
    client.force_login(MembershipFactory().user)

    html = client.get("/fr/apply/").content.decode()

    assert f'href="{settings.PAUSEAI_DISCORD_URL}"' in html
    assert "Copier le lien du message" in html
