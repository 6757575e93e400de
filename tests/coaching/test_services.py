"""Coaching's services on their own: an action marked done and open again, a report begun,
saved, submitted and discussed, and their refusals."""

import pytest
from django.core import mail

from coaching.models import ActivityReport
from coaching.periods import period_to_report
from coaching.services import (
    CoachingError,
    action_mark_done,
    action_reopen,
    report_discuss,
    report_save_draft,
    report_start,
    report_submit,
)
from common.versioning import EditConflict
from tests.factories import ActivityReportFactory, CheckInFactory

pytestmark = pytest.mark.django_db


def test_an_owner_marks_their_action_done_with_a_note_and_the_coach_hears_of_it(action, owner):
    action_mark_done(action=action, by=owner, note="They answered.")

    action.refresh_from_db()
    assert action.is_done and action.done_by == owner and action.done_note == "They answered."
    assert [message.to for message in mail.outbox] == [["coach@example.org"]]
    assert "Call the MEPs" in mail.outbox[0].body


def test_the_coach_does_not_hear_of_an_action_the_team_marked_done(action, oversight_member):
    action_mark_done(action=action, by=oversight_member)

    assert len(mail.outbox) == 0


def test_an_action_cannot_be_marked_done_twice(action, owner, lead):
    action_mark_done(action=action, by=owner, note="First")

    with pytest.raises(CoachingError, match="already marked done"):
        action_mark_done(action=action, by=lead, note="Second")

    action.refresh_from_db()
    assert action.done_by == owner and action.done_note == "First"


def test_an_action_opened_again_forgets_who_did_it_and_their_note(action, owner):
    action_mark_done(action=action, by=owner, note="Done")

    action_reopen(action=action, by=owner)

    action.refresh_from_db()
    assert (action.done_at, action.done_by, action.done_note) == (None, None, "")


def test_an_open_action_cannot_be_opened_again(action, owner):
    with pytest.raises(CoachingError, match="open already"):
        action_reopen(action=action, by=owner)


def test_beginning_a_report_twice_gives_the_same_draft(group, lead):
    period = period_to_report()

    first = report_start(group=group, period=period, by=lead)
    second = report_start(group=group, period=period, by=lead)

    assert first.pk == second.pk
    assert ActivityReport.objects.count() == 1
    assert (first.status, first.period_start, first.period_end) == (
        "draft",
        period.start,
        period.end,
    )


def test_an_incomplete_report_is_not_submitted_and_says_what_it_lacks(group, lead):
    report = report_start(group=group, period=period_to_report(), by=lead)

    with pytest.raises(CoachingError) as refusal:
        report_submit(report=report, by=lead)

    assert [field for _message, field in refusal.value.problems] == [
        "people_involved",
        "went_well",
        "was_hard",
        "plans",
    ]
    report.refresh_from_db()
    assert report.status == "draft" and report.submitted_at is None
    assert len(mail.outbox) == 0


def test_a_complete_report_is_submitted_and_the_coach_hears_of_it(group, lead):
    report = ActivityReportFactory(group=group, written_by=lead)

    report_submit(report=report, by=lead)

    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_at is not None
    assert [message.to for message in mail.outbox] == [["coach@example.org"]]


def test_a_report_is_not_discussed_at_another_groups_check_in(group, lead, coach):
    report = ActivityReportFactory(group=group, sent=True)
    elsewhere = CheckInFactory(coach=coach.user)

    with pytest.raises(CoachingError, match="its own group"):
        report_discuss(report=report, check_in=elsewhere, actor=coach.user)

    report.refresh_from_db()
    assert report.status == "submitted" and report.discussed_in is None


def test_a_draft_saved_keeps_the_answers_and_replaces_the_activities(group, lead):
    report = report_start(group=group, period=period_to_report(), by=lead)

    report_save_draft(
        report=report,
        answers={"went_well": "The protest."},
        activities=[{"kind": "talk", "count": 2, "description": "At two schools", "link": ""}],
    )
    report_save_draft(
        report=report,
        answers={"went_well": "The protest and the talks."},
        activities=[{"kind": "protest", "count": 1, "description": "Parliament", "link": ""}],
    )

    report.refresh_from_db()
    assert report.went_well == "The protest and the talks."
    assert list(report.activities.values_list("kind", "description")) == [("protest", "Parliament")]


def test_a_sent_report_is_not_saved_as_a_draft_again(group, lead):
    report = ActivityReportFactory(group=group, sent=True)

    with pytest.raises(CoachingError, match="can no longer be changed"):
        report_save_draft(report=report, answers={"went_well": "Changed"}, activities=[])

    report.refresh_from_db()
    assert report.went_well != "Changed"


def test_a_draft_saved_in_another_tab_meanwhile_is_not_overwritten(group, lead):
    report = report_start(group=group, period=period_to_report(), by=lead)
    opened_at_version = report.version
    report_save_draft(report=report, answers={"plans": "From the other tab"}, activities=[])

    with pytest.raises(EditConflict):
        report_save_draft(
            report=report,
            answers={"plans": "From this tab"},
            activities=[],
            version=opened_at_version,
        )

    report.refresh_from_db()
    assert report.plans == "From the other tab"
