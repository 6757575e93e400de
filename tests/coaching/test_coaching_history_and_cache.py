"""Every coaching change is in the history, attributed as the registry's other changes;
the team's check-ins and actions never touch the public pages' cache, while a report
(whose activities a group may publish) does."""

import datetime

import pytest
from django.utils import timezone

from coaching.models import ActivityReport, AgreedAction, CheckIn, CheckInParticipant
from coaching.periods import period_to_report
from coaching.services import action_mark_done
from common import pagecache
from tests.common.test_history import diff
from tests.factories import MembershipFactory, NationalGroupFactory, UserFactory


@pytest.mark.django_db
def test_a_check_in_recorded_in_the_admin_is_in_the_history_with_who_recorded_it(
    oversight_client, oversight_member
):
    group = NationalGroupFactory(status="active")
    lead = MembershipFactory(group=group, role="national_lead").user
    today = timezone.localdate()

    response = oversight_client.post(
        "/admin/coaching/checkin/add/",
        {
            "group": group.pk,
            "held_on": today.isoformat(),
            "coach": oversight_member.pk,
            "notes": "The lead is tired.",
            "next_check_in_on": "",
            "organizers": [lead.pk],
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-MIN_NUM_FORMS": "0",
            "actions-MAX_NUM_FORMS": "30",
            "actions-0-description": "Book the venue",
            "actions-0-owner": lead.pk,
            "actions-0-due_on": (today + datetime.timedelta(days=7)).isoformat(),
        },
    )

    assert response.status_code == 302
    check_in = CheckIn.objects.get()
    for row in (check_in, check_in.actions.get(), CheckInParticipant.objects.get()):
        change = row.changes.get()
        assert change.pgh_label == "insert"
        assert change.pgh_context.metadata["user"] == oversight_member.pk
        assert change.pgh_context.metadata["email"] == oversight_member.email


@pytest.mark.django_db
def test_an_action_marked_done_is_recorded_with_both_values():
    group = NationalGroupFactory(status="active")
    lead = MembershipFactory(group=group, role="national_lead").user
    check_in = CheckIn.objects.create(
        group=group,
        coach=UserFactory(),
        recorded_by=UserFactory(),
        next_check_in_on=timezone.localdate() + datetime.timedelta(weeks=8),
    )
    action = AgreedAction.objects.create(
        check_in=check_in, description="Book it", owner=lead, due_on=timezone.localdate()
    )

    action_mark_done(action=action, by=lead, note="Booked.")

    change = action.changes.order_by("pgh_id").last()
    assert change.pgh_label == "update"
    assert diff(change)["done_by_id"] == [None, lead.pk]
    assert diff(change)["done_note"] == ["", "Booked."]


@pytest.mark.django_db(transaction=True)
def test_the_teams_check_ins_and_actions_leave_the_cached_pages_and_a_report_renews_them():
    group = NationalGroupFactory(status="active")
    lead = MembershipFactory(group=group, role="national_lead").user
    before = pagecache.current_version()

    check_in = CheckIn.objects.create(
        group=group,
        coach=lead,
        recorded_by=lead,
        next_check_in_on=timezone.localdate() + datetime.timedelta(weeks=8),
        notes="Private",
    )
    CheckInParticipant.objects.create(check_in=check_in, user=lead)
    AgreedAction.objects.create(
        check_in=check_in, description="Book it", owner=lead, due_on=timezone.localdate()
    )
    assert pagecache.current_version() == before

    period = period_to_report()
    ActivityReport.objects.create(
        group=group, period_start=period.start, period_end=period.end, written_by=lead
    )
    assert pagecache.current_version() != before
