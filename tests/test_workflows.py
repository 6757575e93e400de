"""Every status of every workflow, against its one table of moves (common/workflow.py):
whatever waits for the oversight team has a home tile whose changelist shows exactly it,
and the move that brings it there emails the team; whatever waits for the person who
asked is on their /my/ page with the step that moves it; each of the team's moves is a
review button, and the page offers only those its status allows."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.admin_site import OversightAdminSite
from common.workflow import Party
from microgrants import services as microgrant_services
from microgrants.models import MicrograntApproval, MicrograntRequest
from microgrants.review_buttons import DECISIONS
from microgrants.workflow import MICROGRANT
from onboarding import services as application_services
from onboarding.models import ChecklistTick, GroupApplication, SetupStep
from onboarding.workflow import APPLICATION
from tests.admin_home import changelist_behind, days_ago, home
from tests.factories import (
    GroupApplicationFactory,
    MicrograntRequestFactory,
    NationalGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Microgrant = MicrograntRequest.Status
Application = GroupApplication.Status


def tiles_showing(client, row) -> list[str]:
    """The home tiles whose changelist shows this row (and whose count is that list's)."""
    shown = []
    for tile in home(client).tiles:
        count, keys = changelist_behind(client, tile.url)
        assert count == tile.count, tile.name
        if row.pk in keys and tile.url.startswith(
            reverse(f"admin:{row._meta.app_label}_{row._meta.model_name}_changelist")
        ):
            shown.append(tile.name)
    return shown


@pytest.mark.parametrize("status", MICROGRANT.statuses_of(Party.TEAM))
def test_every_microgrant_status_that_waits_for_the_team_has_its_tile(oversight_client, status):
    microgrant = MicrograntRequestFactory(status=status)

    assert tiles_showing(oversight_client, microgrant), f"no tile shows a request {status}"


def test_a_request_with_one_of_two_approvals_has_its_own_tile(oversight_client):
    microgrant = MicrograntRequestFactory(status=Microgrant.IN_REVIEW)
    MicrograntApproval.objects.create(request=microgrant, approver=UserFactory(), amount=1)

    assert tiles_showing(oversight_client, microgrant) == ["microgrants-second-approval"]


@pytest.mark.parametrize("status", APPLICATION.statuses_of(Party.TEAM))
def test_every_application_status_that_waits_for_the_team_has_its_tile(oversight_client, status):
    application = GroupApplicationFactory(status=status)

    assert tiles_showing(oversight_client, application), f"no tile shows an application {status}"


def test_a_forming_group_with_its_checklist_done_waits_for_the_team_on_a_tile(oversight_client):
    call_command("load_content", verbosity=0)
    group = NationalGroupFactory(slug="belgium", country="BE", status="forming")
    lead = UserFactory()
    for step in SetupStep.objects.prefetch_related("sub_steps"):
        for sub_step in step.sub_steps.all() or [None]:
            ChecklistTick.objects.create(
                national_group=group, step=step, sub_step=sub_step, ticked_by=lead
            )

    ChecklistTick.objects.filter(national_group=group).update(ticked_at=days_ago(40))

    # Waiting for the team now, not for the group: not on the stalled checklists' tile.
    assert "groups-ready" in tiles_showing(oversight_client, group)
    assert "groups-checklist" not in tiles_showing(oversight_client, group)


# Entering a status that waits for the team emails the team.

MICROGRANT_ASKER_MOVES = {
    # action: (the status it starts from, the service, its arguments beside microgrant and user)
    "submit": (Microgrant.DRAFT, microgrant_services.microgrant_submit, {}),
    "answer": (Microgrant.MORE_INFO_NEEDED, microgrant_services.microgrant_submit, {}),
    "accept_letter": (
        Microgrant.APPROVED,
        microgrant_services.microgrant_accept_letter,
        {"full_name": "Ann Organizer"},
    ),
    "submit_report": (
        Microgrant.PAID,
        microgrant_services.microgrant_submit_report,
        {"done": "Done", "numbers": "", "learnings": ""},
    ),
}


def test_every_move_of_the_requester_is_one_the_test_makes():
    asker_moves = {
        move.action
        for move in MICROGRANT.moves.values()
        if move.by == Party.ASKER and MICROGRANT.turn(move.target) == Party.TEAM
    }

    assert asker_moves == set(MICROGRANT_ASKER_MOVES)


@pytest.mark.parametrize("action", sorted(MICROGRANT_ASKER_MOVES))
def test_a_requesters_move_into_the_teams_turn_emails_the_team(
    oversight_member, mailoutbox, action
):
    status, service, arguments = MICROGRANT_ASKER_MOVES[action]
    microgrant = MicrograntRequestFactory(status=status)
    if action == "submit_report":
        from microgrants.models import MicrograntFile

        MicrograntFile.objects.create(
            request=microgrant,
            kind="receipt",
            file="microgrants/receipt.pdf",
            original_name="receipt.pdf",
            content_type="application/pdf",
            uploaded_by=microgrant.requested_by,
        )

    service(microgrant=microgrant, user=microgrant.requested_by, **arguments)

    microgrant.refresh_from_db()
    assert microgrant.status == MICROGRANT[action].target
    assert [oversight_member.email] in [message.to for message in mailoutbox]


def test_an_applicants_answer_emails_the_team(oversight_member, mailoutbox):
    application = GroupApplicationFactory(status=Application.MORE_INFO_NEEDED)

    application_services.application_answer(
        application=application, applicant=application.applicant, message="Here it is."
    )

    assert [oversight_member.email] in [message.to for message in mailoutbox]


# What waits for the person who asked is on their /my/ page, with its step.

MY_STEPS = {
    Microgrant.DRAFT: "Submit",
    Microgrant.MORE_INFO_NEEDED: "Submit again",
    Microgrant.APPROVED: "I accept the grant letter",
    Microgrant.PAID: "Send the report",
}


@pytest.mark.parametrize("status", MICROGRANT.statuses_of(Party.ASKER))
def test_every_microgrant_status_that_waits_for_the_requester_is_on_my_page(client, status):
    microgrant = MicrograntRequestFactory(status=status, title="Flyers for the march")
    client.force_login(microgrant.requested_by)

    page = client.get("/en/my/").content.decode()

    assert "Flyers for the march" in page
    step = MICROGRANT.moves_from(status, by=Party.ASKER)
    label = MY_STEPS[status]
    assert label in {str(move.label) for move in step}
    assert f">{label}</a>" in page


@pytest.mark.parametrize("status", APPLICATION.statuses_of(Party.ASKER))
def test_every_application_status_that_waits_for_the_applicant_is_on_my_page(client, status):
    application = GroupApplicationFactory(status=status)
    client.force_login(application.applicant)

    page = client.get("/en/my/").content.decode()

    for move in APPLICATION.moves_from(status, by=Party.ASKER):
        # A button, or a link to the page that asks to confirm (withdrawing).
        assert f">{move.label}</button>" in page or f">{move.label}</a>" in page


# The team's moves are the review buttons.


def test_each_of_the_teams_microgrant_moves_is_a_review_button():
    team_moves = {m.action for m in MICROGRANT.moves.values() if m.by == Party.TEAM}

    assert set(DECISIONS) == team_moves
    for action, decision in DECISIONS.items():
        assert decision.offered_at == MICROGRANT[action].sources


@pytest.mark.parametrize("status", [status for status, _label in Microgrant.choices])
def test_a_requests_admin_page_offers_exactly_the_moves_its_status_allows(oversight_client, status):
    microgrant = MicrograntRequestFactory(status=status)

    page = oversight_client.get(
        reverse("admin:microgrants_micrograntrequest_change", args=[microgrant.pk])
    ).content.decode()

    offered = {action for action in DECISIONS if f'value="{action}"' in page}
    assert offered == {move.action for move in MICROGRANT.moves_from(status, by=Party.TEAM)}


@pytest.mark.parametrize("status", [status for status, _label in Application.choices])
def test_an_applications_admin_page_offers_exactly_the_moves_its_status_allows(
    oversight_client, status
):
    group = NationalGroupFactory() if status == Application.APPROVED else None
    application = GroupApplicationFactory(status=status, national_group=group)

    page = oversight_client.get(
        reverse("admin:onboarding_groupapplication_change", args=[application.pk])
    ).content.decode()

    team_moves = {move.action for move in APPLICATION.moves.values() if move.by == Party.TEAM}
    offered = {action for action in team_moves if f'value="{action}"' in page}
    assert offered == {move.action for move in APPLICATION.moves_from(status, by=Party.TEAM)}


def test_the_admin_site_is_the_one_the_tiles_are_on():
    from django.contrib import admin

    assert isinstance(admin.site, OversightAdminSite)
