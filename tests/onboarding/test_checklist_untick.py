"""Unticking a checklist step: an organizer takes back their own tick of a step without
sub-steps (on PostgreSQL the row lock once met an outer join and answered 500), and only
the oversight team, asked as everywhere else, takes back the team's ticks."""

import pytest
from django.core.management import call_command

from onboarding.models import ChecklistTick, SetupStep
from onboarding.services import OnboardingError, checklist_tick, checklist_untick
from tests.conftest import make_oversight_member
from tests.factories import MembershipFactory, NationalGroupFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    call_command("load_content", verbosity=0)
    return NationalGroupFactory(slug="belgium", country="BE", status="forming")


@pytest.fixture
def lead(group):
    return MembershipFactory(group=group, role="national_lead").user


def step_without_sub_steps():
    return SetupStep.objects.filter(sub_steps__isnull=True).order_by("number").first()


def test_an_organizer_unticks_a_step_without_sub_steps_from_the_page(client, group, lead):
    step = step_without_sub_steps()
    checklist_tick(national_group=group, step=step, user=lead)
    client.force_login(lead)

    response = client.post("/en/my/groups/belgium/setup/", {"step": step.pk})

    assert response.status_code == 302
    assert not ChecklistTick.objects.filter(national_group=group).exists()


def test_a_sub_steps_tick_is_taken_back_too(group, lead):
    step = SetupStep.objects.filter(sub_steps__isnull=False).first()
    sub_step = step.sub_steps.first()
    checklist_tick(national_group=group, step=step, sub_step=sub_step, user=lead)

    checklist_untick(national_group=group, step=step, sub_step=sub_step, user=lead)

    assert not ChecklistTick.objects.filter(national_group=group).exists()


def test_a_staff_account_outside_the_team_cannot_untick_the_teams_tick(settings, group):
    member = make_oversight_member(settings, username="olga")
    outsider = UserFactory(is_staff=True)
    step = step_without_sub_steps()
    checklist_tick(national_group=group, step=step, user=member)

    with pytest.raises(OnboardingError, match="The oversight team ticked this off"):
        checklist_untick(national_group=group, step=step, user=outsider)
    checklist_untick(national_group=group, step=step, user=member)

    assert not ChecklistTick.objects.filter(national_group=group).exists()


def test_a_tick_by_a_staff_account_outside_the_team_is_no_team_tick(settings, group, lead):
    outsider = UserFactory(is_staff=True)
    step = step_without_sub_steps()
    checklist_tick(national_group=group, step=step, user=outsider)

    checklist_untick(national_group=group, step=step, user=lead)

    assert not ChecklistTick.objects.filter(national_group=group).exists()
