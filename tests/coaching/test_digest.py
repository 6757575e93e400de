"""The coach's weekly digest: to each coach, in their language, what waits in their groups
this week (check-ins, agreed actions, activity and microgrant reports, quiet groups);
nothing to a coach with nothing due, and nothing on another weekday."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccountLanguage
from coaching.periods import period_to_report
from groups.models import NationalGroup
from tests.coaching.factories import ActivityReportFactory, AgreedActionFactory, CheckInFactory
from tests.factories import (
    MicrograntRequestFactory,
    NationalGroupFactory,
    OversightTeamMemberFactory,
)

pytestmark = pytest.mark.django_db

Status = NationalGroup.Status


@pytest.fixture(autouse=True)
def digest_day_is_today(settings):
    settings.COACH_DIGEST_WEEKDAY = timezone.localdate().weekday()


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def made_days_ago(group, days: int, *, changed_since: bool = True) -> None:
    """The group was made `days` ago; its profile changed today, unless not since."""
    made = timezone.now() - datetime.timedelta(days=days)
    NationalGroup.objects.filter(pk=group.pk).update(
        created_at=made, updated_at=timezone.now() if changed_since else made
    )


def check_in_due(group, days: int):
    """A check-in held six weeks ago whose next one is `days` from today."""
    return CheckInFactory(group=group, held_on=in_days(-42), next_check_in_on=in_days(days))


def report_overdue_since_yesterday(settings) -> None:
    """The last period's activity report was due yesterday, whatever today is."""
    ended = (timezone.localdate() - period_to_report().end).days
    settings.ACTIVITY_REPORT_DUE_WITHIN_DAYS = ended - 1


def report_due_in_a_week(settings) -> None:
    ended = (timezone.localdate() - period_to_report().end).days
    settings.ACTIVITY_REPORT_DUE_WITHIN_DAYS = ended + 7


def microgrant_report_overdue(group, *, days: int, title: str):
    """A paid microgrant whose report was due `days` ago (30 days after the project)."""
    end = in_days(-30 - days)
    return MicrograntRequestFactory(
        group=group,
        status="paid",
        title=title,
        start_date=end - datetime.timedelta(days=10),
        end_date=end,
    )


def send_digests(*options):
    output = StringIO()
    call_command("send_coach_digests", *options, stdout=output)
    return output.getvalue().strip()


def group_admin_url(group) -> str:
    return reverse("admin:groups_nationalgroup_change", args=[group.pk])


def test_a_coach_gets_one_mail_naming_everything_due_in_their_groups(settings, mailoutbox):
    carla = OversightTeamMemberFactory(user__email="carla@example.org")
    report_overdue_since_yesterday(settings)
    # Made today: no report owed for a period before it.
    overdue_check_in = NationalGroupFactory(name_en="Forming Land", status=Status.FORMING)
    overdue_check_in.coach = carla
    overdue_check_in.save()
    check_in_due(overdue_check_in, -10)
    with_actions = NationalGroupFactory(name_en="Action Land", coach=carla)
    agreed_at = check_in_due(with_actions, 30)
    AgreedActionFactory(check_in=agreed_at, description="Book the hall", due_on=in_days(3))
    AgreedActionFactory(check_in=agreed_at, description="Write the flyer", due_on=in_days(-5))
    AgreedActionFactory(check_in=agreed_at, description="Plan the autumn", due_on=in_days(20))
    AgreedActionFactory(
        check_in=agreed_at,
        description="Already done",
        due_on=in_days(-5),
        done_at=timezone.now(),
        done_by=carla.user,
    )
    owing_reports = NationalGroupFactory(name_en="Reporting Land", coach=carla)
    check_in_due(owing_reports, 30)
    made_days_ago(owing_reports, 400)
    # A draft is not sent: the report is still owed.
    ActivityReportFactory(group=owing_reports)
    microgrant_report_overdue(owing_reports, days=12, title="Launch event")
    quiet = NationalGroupFactory(name_en="Quiet Land", status=Status.FORMING, coach=carla)
    check_in_due(quiet, 30)
    made_days_ago(quiet, 90, changed_since=False)
    # Not Carla's: another coach's, nobody's, and a dissolved group of hers.
    someone_elses = NationalGroupFactory(name_en="Elsewhere", coach=OversightTeamMemberFactory())
    check_in_due(someone_elses, -3)
    check_in_due(NationalGroupFactory(name_en="Uncoached Land"), -3)
    dissolved = NationalGroupFactory(name_en="Gone Land", status=Status.DISSOLVED, coach=carla)
    check_in_due(dissolved, -3)

    summary = send_digests()

    (digest,) = [message for message in mailoutbox if message.to == ["carla@example.org"]]
    assert digest.subject == "Your groups this week: 6 things to look at"
    body = digest.body
    assert "Check-ins due this week or overdue" in body
    assert "Forming Land: due on" in body and "10 days overdue (last one on" in body
    assert "Agreed actions due this week or overdue" in body
    assert "Action Land: “Book the hall”" in body
    assert "Action Land: “Write the flyer”" in body and "5 days overdue" in body
    assert body.index("Write the flyer") < body.index("Book the hall")
    assert "Plan the autumn" not in body and "Already done" not in body
    assert "Activity reports for" in body and "Reporting Land: 1 day overdue" in body
    assert "Microgrant reports overdue" in body
    assert "Reporting Land: “Launch event”" in body and "12 days overdue" in body
    assert "Quiet groups" in body
    assert "Quiet Land: nothing has moved for 90 days" in body
    for group in (overdue_check_in, owing_reports, quiet):
        assert group_admin_url(group) in body
    # An action links to the check-in it was agreed at, where it is ticked or changed.
    assert f"/admin/coaching/checkin/{agreed_at.pk}/change/" in body
    for not_hers in ("Elsewhere", "Uncoached Land", "Gone Land"):
        assert not_hers not in body
    assert summary == "Sent the weekly digest to 2 coaches (0 coaches with nothing due)."


def test_activity_reports_still_due_are_named_with_their_date(settings, mailoutbox):
    coach = OversightTeamMemberFactory(user__email="coach@example.org")
    report_due_in_a_week(settings)
    group = NationalGroupFactory(name_en="Reporting Land", coach=coach)
    check_in_due(group, 30)
    made_days_ago(group, 400)
    sent = NationalGroupFactory(name_en="Sent Land", coach=coach)
    check_in_due(sent, 30)
    made_days_ago(sent, 400)
    ActivityReportFactory(group=sent, status="submitted", submitted_at=timezone.now())

    send_digests()

    (digest,) = mailoutbox
    assert digest.subject == "Your groups this week: 1 thing to look at"
    assert "not sent yet, due by" in digest.body
    assert "- Reporting Land\n" in digest.body
    assert "Sent Land" not in digest.body


def test_a_coach_with_nothing_due_gets_no_mail(mailoutbox):
    calm = OversightTeamMemberFactory(user__email="calm@example.org")
    group = NationalGroupFactory(coach=calm)
    check_in_due(group, 30)
    AgreedActionFactory(check_in__group=group, due_on=in_days(8))

    summary = send_digests()

    assert mailoutbox == []
    assert summary == "Sent the weekly digest to 0 coaches (1 coach with nothing due)."


def test_inactive_coaches_and_those_without_groups_get_no_mail(mailoutbox):
    for coach in (
        OversightTeamMemberFactory(is_active=False),
        OversightTeamMemberFactory(user__is_active=False),
        OversightTeamMemberFactory(user__email=""),
    ):
        check_in_due(NationalGroupFactory(coach=coach), -3)
    OversightTeamMemberFactory()

    summary = send_digests()

    assert mailoutbox == []
    assert summary == "Sent the weekly digest to 0 coaches (0 coaches with nothing due)."


def test_a_french_coachs_digest_is_in_french(mailoutbox):
    coach = OversightTeamMemberFactory(user__email="claire@example.org")
    AccountLanguage.objects.create(user=coach.user, language="fr")
    group = NationalGroupFactory(name_en="PauseAI Belgium", name_fr="PauseAI Belgique", coach=coach)
    last_year = timezone.localdate().year - 1
    CheckInFactory(
        group=group,
        held_on=datetime.date(last_year, 1, 5),
        next_check_in_on=datetime.date(last_year, 2, 11),
    )

    send_digests()

    (digest,) = mailoutbox
    assert "PauseAI Belgique" in digest.body and "PauseAI Belgium" not in digest.body
    # In Django's own French: the dates.
    assert f"11 février {last_year}" in digest.body
    assert f"5 janvier {last_year}" in digest.body


def test_no_digest_is_sent_on_another_weekday(settings, mailoutbox):
    settings.COACH_DIGEST_WEEKDAY = (timezone.localdate().weekday() + 1) % 7
    coach = OversightTeamMemberFactory()
    check_in_due(NationalGroupFactory(coach=coach), -3)

    summary = send_digests()

    assert mailoutbox == []
    assert summary == "Not the coaches' digest's weekday: no digest sent."


def test_any_day_sends_the_digest_on_another_weekday(settings, mailoutbox):
    settings.COACH_DIGEST_WEEKDAY = (timezone.localdate().weekday() + 1) % 7
    coach = OversightTeamMemberFactory(user__email="coach@example.org")
    check_in_due(NationalGroupFactory(coach=coach), -3)

    send_digests("--any-day")

    (digest,) = mailoutbox
    assert digest.to == ["coach@example.org"]


def coaches_with_something_due(count: int) -> None:
    """Coaches of two groups each, one with its check-in overdue and an action overdue,
    the other quiet, with a microgrant report overdue."""
    for _ in range(count):
        coach = OversightTeamMemberFactory()
        busy = NationalGroupFactory(coach=coach)
        AgreedActionFactory(check_in=check_in_due(busy, -3), due_on=in_days(-1))
        quiet = NationalGroupFactory(coach=coach, status=Status.FORMING)
        made_days_ago(quiet, 90, changed_since=False)
        microgrant_report_overdue(quiet, days=5, title="Flyers")


@pytest.mark.parametrize("coaches", [2, 5])
def test_the_digests_cost_the_same_queries_for_every_coach(
    coaches, settings, django_assert_num_queries
):
    report_overdue_since_yesterday(settings)
    coaches_with_something_due(coaches)

    # 1: the coaches with groups, with their account's language. For each coach, 5 for
    # the digest: check-ins due, actions due, activity reports overdue (the due are not
    # asked for then), microgrant reports overdue, quiet groups; and 1 to queue the mail.
    with django_assert_num_queries(1 + coaches * (5 + 1)):
        send_digests()
