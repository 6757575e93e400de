"""The onboarding tiles of the admin's home page: applications, and forming groups' checklists."""

import pytest

from groups.models import NationalGroup
from onboarding.models import ChecklistTick, GroupApplication
from tests.admin_home import change_url, changelist_behind, days_ago, tile
from tests.factories import (
    GroupApplicationFactory,
    NationalGroupFactory,
    SetupStepFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def application(status, *, country, days):
    made = GroupApplicationFactory(status=status, country=country, submitted_at=days_ago(days))
    # What the workflow's last status change left (auto_now: set by update()).
    GroupApplication.objects.filter(pk=made.pk).update(updated_at=days_ago(days))
    return made


def test_applications_waiting_for_a_decision_lists_the_oldest_first_with_days_waiting(
    oversight_client,
):
    oldest = application("submitted", country="BE", days=12)
    newer = application("in_review", country="NL", days=3)
    application("more_info_needed", country="DK", days=20)
    application("rejected", country="LU", days=30)
    application("withdrawn", country="FR", days=30)

    reading = tile(oversight_client, "applications-decision")

    assert reading.count == 2
    assert [entry.url for entry in reading.entries] == [change_url(oldest), change_url(newer)]
    assert [entry.detail for entry in reading.entries] == ["12 days waiting", "3 days waiting"]
    assert changelist_behind(oversight_client, reading.url) == (2, {oldest.pk, newer.pk})


def test_applications_waiting_on_the_applicant_lists_the_questions_asked(oversight_client):
    asked = application("more_info_needed", country="DK", days=5)
    application("in_review", country="NL", days=3)

    reading = tile(oversight_client, "applications-applicant")

    assert reading.count == 1
    assert reading.entries[0].label == str(asked)
    assert reading.entries[0].detail == "5 days waiting"
    assert changelist_behind(oversight_client, reading.url) == (1, {asked.pk})


def forming_group(*, created_days_ago, ticked_days_ago=None, status="forming"):
    group = NationalGroupFactory(status=status)
    NationalGroup.objects.filter(pk=group.pk).update(created_at=days_ago(created_days_ago))
    if ticked_days_ago is not None:
        ChecklistTick.objects.create(
            national_group=group,
            step=SetupStepFactory(),
            ticked_by=UserFactory(),
            ticked_at=days_ago(ticked_days_ago),
        )
    return group


def test_forming_groups_whose_checklist_has_not_moved_in_30_days(oversight_client):
    never_ticked = forming_group(created_days_ago=90)
    ticked_long_ago = forming_group(created_days_ago=100, ticked_days_ago=40)
    forming_group(created_days_ago=100, ticked_days_ago=10)  # moving
    forming_group(created_days_ago=5)  # just founded
    forming_group(created_days_ago=100, status="active")

    reading = tile(oversight_client, "groups-checklist")

    assert reading.count == 2
    assert [entry.url for entry in reading.entries] == [
        change_url(never_ticked),
        change_url(ticked_long_ago),
    ]
    assert reading.entries[1].detail == "checklist unchanged for 1\xa0month"
    assert changelist_behind(oversight_client, reading.url) == (
        2,
        {never_ticked.pk, ticked_long_ago.pk},
    )
