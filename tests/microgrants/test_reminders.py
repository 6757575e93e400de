"""The daily reminders: decisions waiting for the oversight team, reports due from requesters."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import formats, timezone, translation

from tests.factories import MicrograntRequestFactory, UserFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def ended(days_ago):
    """A project that ended `days_ago` days ago; its report is due 30 days after that."""
    end = timezone.localdate() - datetime.timedelta(days=days_ago)
    return {"start_date": end - datetime.timedelta(days=10), "end_date": end}


def send_reminders():
    output = StringIO()
    call_command("send_microgrant_reminders", stdout=output)
    return output.getvalue().strip()


def test_oversight_team_hears_of_requests_waiting_more_than_a_week(oversight_member, mailoutbox):
    UserFactory(username="not-in-the-team", is_staff=True)
    MicrograntRequestFactory(
        status="submitted", title="Eight days waiting", submitted_at=days_ago(8)
    )
    MicrograntRequestFactory(
        status="in_review", title="In review for ten days", submitted_at=days_ago(10)
    )
    MicrograntRequestFactory(status="submitted", title="Six days waiting", submitted_at=days_ago(6))
    MicrograntRequestFactory(
        status="more_info_needed", title="Waiting for the requester", submitted_at=days_ago(20)
    )
    MicrograntRequestFactory(
        status="rejected", title="Rejected long ago", submitted_at=days_ago(40)
    )
    MicrograntRequestFactory(
        status="withdrawn", title="Withdrawn long ago", submitted_at=days_ago(40)
    )
    MicrograntRequestFactory(
        status="closed", title="Closed long ago", submitted_at=days_ago(90), **ended(60)
    )

    summary = send_reminders()

    (reminder,) = mailoutbox
    assert reminder.to == [oversight_member.email]
    assert reminder.subject == "2 microgrant requests are waiting for a decision"
    assert "“In review for ten days”" in reminder.body and "waiting 10 days" in reminder.body
    assert "“Eight days waiting”" in reminder.body and "waiting 8 days" in reminder.body
    assert reminder.body.index("In review for ten days") < reminder.body.index("Eight days")
    assert "/admin/microgrants/micrograntrequest/" in reminder.body
    for quiet in ("Six days", "Waiting for the requester", "Rejected", "Withdrawn", "Closed"):
        assert quiet not in reminder.body
    assert summary == (
        "Sent 1 reminder: 1 to the oversight team (2 requests waiting for a decision), "
        "0 to requesters (reports due or overdue)."
    )


def test_requesters_hear_of_reports_due_within_a_week_or_overdue(mailoutbox):
    due_in_a_week = MicrograntRequestFactory(
        status="letter_accepted", title="Due in a week", **ended(23)
    )
    overdue = MicrograntRequestFactory(status="paid", title="Overdue", language="nl", **ended(40))
    MicrograntRequestFactory(status="paid", title="Due in eight days", **ended(22))
    MicrograntRequestFactory(status="approved", title="Letter not accepted", **ended(40))
    MicrograntRequestFactory(status="report_submitted", title="Report sent", **ended(40))
    MicrograntRequestFactory(status="closed", title="Closed", **ended(100))
    MicrograntRequestFactory(status="rejected", title="Rejected", **ended(100))
    MicrograntRequestFactory(status="withdrawn", title="Withdrawn", **ended(100))

    summary = send_reminders()

    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [due_in_a_week.requested_by.email, overdue.requested_by.email]
    )
    soon = next(mail for mail in mailoutbox if mail.to == [due_in_a_week.requested_by.email])
    late = next(mail for mail in mailoutbox if mail.to == [overdue.requested_by.email])
    assert soon.subject == "Your report on “Due in a week” is due soon"
    with translation.override("en"):
        english_due_date = formats.date_format(due_in_a_week.report_due_on, "DATE_FORMAT")
    assert english_due_date in soon.body
    assert f"/en/my/groups/{due_in_a_week.group.slug}/microgrants/{due_in_a_week.pk}/" in (
        soon.body
    )
    assert late.subject == "Je verslag over “Overdue” is te laat"  # in the request's language
    with translation.override("nl"):
        dutch_due_date = formats.date_format(overdue.report_due_on, "DATE_FORMAT")
    assert dutch_due_date in late.body  # in the request's language
    assert f"/nl/my/groups/{overdue.group.slug}/microgrants/{overdue.pk}/" in late.body
    assert summary == (
        "Sent 2 reminders: 0 to the oversight team (0 requests waiting for a decision), "
        "2 to requesters (reports due or overdue)."
    )


def test_nothing_to_remind_sends_nothing(oversight_member, mailoutbox):
    MicrograntRequestFactory(status="submitted", submitted_at=days_ago(2))
    MicrograntRequestFactory(status="paid", **ended(5))
    MicrograntRequestFactory(status="closed", **ended(100))

    summary = send_reminders()

    assert mailoutbox == []
    assert summary.startswith("Sent 0 reminders:")
