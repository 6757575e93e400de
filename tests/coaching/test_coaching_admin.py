"""The oversight team's coaching in the admin: a check-in recorded with who took part,
two agreed actions and the next date; the group's page listing its check-ins with open
actions on top; the tiles of check-ins and actions overdue, each linking to exactly
those rows; the groups overview, whatever the number of groups, in the same queries."""

import datetime

import pytest
from django.utils import timezone

from coaching.models import ActivityReport, AgreedAction, CheckIn, CheckInParticipant
from coaching.periods import period_to_report
from coaching.services import report_submit
from groups.models import NationalGroup
from tests.conftest import make_oversight_member
from tests.factories import (
    MembershipFactory,
    NationalGroupFactory,
    OversightTeamMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def days_from_today(days: int) -> str:
    return (TODAY() + datetime.timedelta(days=days)).isoformat()


def check_in_form(group, coach, *, organizers=(), actions=(), **fields):
    """The check-in page's form as a person fills it in, with its actions' inline."""
    data = {
        "group": group.pk,
        "held_on": TODAY().isoformat(),
        "coach": coach.pk,
        "notes": "Talked about the march; the lead is tired.",
        "next_check_in_on": "",
        "organizers": [user.pk for user in organizers],
        "actions-TOTAL_FORMS": str(max(len(actions), 2)),
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for index, action in enumerate(actions):
        for key, value in action.items():
            data[f"actions-{index}-{key}"] = value
    return data


@pytest.fixture
def lead(db):
    return UserFactory(first_name="Lea", last_name="Lead")


@pytest.fixture
def group(lead):
    group = NationalGroupFactory(name_en="PauseAI Testland", status="active")
    MembershipFactory(group=group, user=lead, role="national_lead")
    return group


def test_a_coach_records_a_check_in_with_two_agreed_actions_and_the_next_date_at_the_cadence(
    oversight_client, oversight_member, group, lead
):
    response = oversight_client.post(
        "/admin/coaching/checkin/add/",
        check_in_form(
            group,
            oversight_member,
            organizers=[lead],
            actions=[
                {"description": "Book the venue", "owner": lead.pk, "due_on": days_from_today(7)},
                {
                    "description": "Send the flyer design",
                    "owner": oversight_member.pk,
                    "due_on": days_from_today(14),
                },
            ],
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    check_in = CheckIn.objects.get()
    assert check_in.recorded_by == oversight_member
    # Active groups: every 8 weeks unless the coach says otherwise.
    assert check_in.next_check_in_on == TODAY() + datetime.timedelta(weeks=8)
    assert list(check_in.participants.values_list("user", flat=True)) == [lead.pk]
    assert sorted(check_in.actions.values_list("description", flat=True)) == [
        "Book the venue",
        "Send the flyer design",
    ]


def test_a_check_in_refuses_a_stranger_as_an_action_owner_and_keeps_what_was_typed(
    oversight_client, oversight_member, group
):
    stranger = UserFactory(email="stranger@example.org")

    response = oversight_client.post(
        f"/admin/coaching/checkin/add/?group={group.pk}",
        check_in_form(
            group,
            oversight_member,
            organizers=[stranger],
            actions=[
                {
                    "description": "Book the venue",
                    "owner": stranger.pk,
                    "due_on": days_from_today(7),
                }
            ],
        ),
    )

    assert response.status_code == 200
    assert not CheckIn.objects.exists()
    page = response.content.decode()
    assert "Talked about the march" in page
    assert "Book the venue" in page
    form = response.context["adminform"].form
    assert "organizers" in form.errors


def test_the_coach_ticks_an_action_done_on_the_check_in_page(
    oversight_client, oversight_member, group, lead
):
    oversight_client.post(
        "/admin/coaching/checkin/add/",
        check_in_form(
            group,
            oversight_member,
            actions=[
                {"description": "Book the venue", "owner": lead.pk, "due_on": days_from_today(7)}
            ],
        ),
    )
    check_in = CheckIn.objects.get()
    action = check_in.actions.get()
    data = check_in_form(group, oversight_member, next_check_in_on=check_in.next_check_in_on)
    data.update(
        {
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "1",
            "actions-0-id": action.pk,
            "actions-0-check_in": check_in.pk,
            "actions-0-description": "Book the venue",
            "actions-0-owner": lead.pk,
            "actions-0-due_on": days_from_today(7),
            "actions-0-done": "on",
            "actions-0-done_note": "Booked by phone.",
        }
    )

    response = oversight_client.post(f"/admin/coaching/checkin/{check_in.pk}/change/", data)

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.done_by == oversight_member
    assert action.done_note == "Booked by phone."


def test_the_groups_page_lists_its_check_ins_newest_first_with_open_actions_on_top(
    oversight_client, oversight_member, group, lead
):
    older = CheckIn.objects.create(
        group=group,
        held_on=TODAY() - datetime.timedelta(days=60),
        coach=oversight_member,
        recorded_by=oversight_member,
        next_check_in_on=TODAY() - datetime.timedelta(days=4),
        notes="Secret team note",
    )
    newer = CheckIn.objects.create(
        group=group,
        held_on=TODAY() - datetime.timedelta(days=5),
        coach=oversight_member,
        recorded_by=oversight_member,
        next_check_in_on=TODAY() + datetime.timedelta(days=50),
    )
    AgreedAction.objects.create(
        check_in=older,
        description="Overdue thing",
        owner=lead,
        due_on=TODAY() - datetime.timedelta(days=3),
    )
    AgreedAction.objects.create(
        check_in=newer,
        description="Finished thing",
        owner=lead,
        due_on=TODAY(),
        done_at=timezone.now(),
        done_by=lead,
    )

    page = oversight_client.get(f"/admin/groups/nationalgroup/{group.pk}/change/").content.decode()

    assert page.index("<h3>Open actions</h3>") < page.index("Overdue thing")
    assert page.index("Overdue thing") < page.index("<h3>Check-ins</h3>")
    assert "Finished thing" not in page
    assert page.index(f"/admin/coaching/checkin/{newer.pk}/change/") < page.index(
        f"/admin/coaching/checkin/{older.pk}/change/"
    )
    assert "overdue since" in page
    assert f"/admin/coaching/checkin/add/?group={group.pk}" in page


def test_the_home_page_shows_check_ins_and_actions_overdue_linking_to_exactly_those(
    oversight_client, oversight_member, group, lead
):
    other = NationalGroupFactory(status="active")
    CheckIn.objects.create(
        group=group,
        held_on=TODAY() - datetime.timedelta(days=60),
        coach=oversight_member,
        recorded_by=oversight_member,
        next_check_in_on=TODAY() - datetime.timedelta(days=4),
    )
    on_time = CheckIn.objects.create(
        group=other,
        held_on=TODAY() - datetime.timedelta(days=2),
        coach=oversight_member,
        recorded_by=oversight_member,
        next_check_in_on=TODAY() + datetime.timedelta(days=30),
    )
    AgreedAction.objects.create(
        check_in=on_time,
        description="Late action",
        owner=lead,
        due_on=TODAY() - datetime.timedelta(days=1),
    )
    AgreedAction.objects.create(
        check_in=on_time,
        description="Future action",
        owner=lead,
        due_on=TODAY() + datetime.timedelta(days=1),
    )

    home = oversight_client.get("/admin/")
    tiles = {tile.name: tile for tile in home.context["home"].tiles}

    check_ins = tiles["coaching-check-ins-overdue"]
    assert check_ins.count == 1
    assert [entry.label for entry in check_ins.entries] == [str(group)]
    assert "4 days overdue" in check_ins.entries[0].detail
    listed = oversight_client.get(check_ins.url)
    assert [row.pk for row in listed.context["cl"].result_list] == [group.pk]

    actions = tiles["coaching-actions-overdue"]
    assert actions.count == 1
    listed = oversight_client.get(actions.url)
    assert [row.description for row in listed.context["cl"].result_list] == ["Late action"]


def test_a_report_discussed_at_a_check_in_is_marked_so(
    oversight_client, oversight_member, group, lead
):
    period = period_to_report()
    report = ActivityReport.objects.create(
        group=group,
        period_start=period.start,
        period_end=period.end,
        written_by=lead,
        people_involved=12,
        went_well="A good march",
        was_hard="Rain",
        plans="More marches",
    )
    report_submit(report=report, by=lead)

    response = oversight_client.post(
        "/admin/coaching/checkin/add/",
        check_in_form(group, oversight_member, reports_discussed=[report.pk]),
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ActivityReport.Status.DISCUSSED
    assert report.discussed_in == CheckIn.objects.get()
    assert [event.to_status for event in report.events.all()] == ["submitted", "discussed"]


def make_groups(count: int, coach) -> None:
    for _ in range(count):
        group = NationalGroupFactory(coach=coach, status="active")
        member = MembershipFactory(group=group)
        check_in = CheckIn.objects.create(
            group=group,
            held_on=TODAY() - datetime.timedelta(days=10),
            coach=coach.user,
            recorded_by=coach.user,
            next_check_in_on=TODAY() + datetime.timedelta(days=10),
        )
        CheckInParticipant.objects.create(check_in=check_in, user=member.user)
        AgreedAction.objects.create(
            check_in=check_in, description="Do it", owner=member.user, due_on=TODAY()
        )


def test_the_groups_overview_runs_the_same_queries_for_2_and_30_groups(
    oversight_client, oversight_member, django_assert_num_queries
):
    coach = OversightTeamMemberFactory(user=oversight_member)
    # Session, user, the user's permissions (own, group's), the coach filter's choices,
    # the count, and the page of groups with every signal in the one query
    # (coaching.selectors.with_health).
    make_groups(2, coach)
    with django_assert_num_queries(7) as first:
        response = oversight_client.get("/admin/coaching/grouphealth/")
    assert len(response.context["cl"].result_list) == 2

    make_groups(28, coach)
    with django_assert_num_queries(len(first.captured_queries)):
        response = oversight_client.get("/admin/coaching/grouphealth/?o=2")
    assert len(response.context["cl"].result_list) == 30
    assert "1 open" in response.content.decode()


def test_the_overview_sorts_by_every_signal_and_filters_by_coach_and_need(
    oversight_client, oversight_member
):
    coach = OversightTeamMemberFactory(user=oversight_member)
    make_groups(3, coach)
    for column in range(3, 3 + 8):
        assert oversight_client.get(f"/admin/coaching/grouphealth/?o={column}").status_code == 200
    for need in ("check_in_overdue", "check_in_this_week", "report_due", "report_overdue", "quiet"):
        assert (
            oversight_client.get(f"/admin/coaching/grouphealth/?coaching={need}").status_code == 200
        )
    assert (
        len(
            oversight_client.get(f"/admin/coaching/grouphealth/?coach__id__exact={coach.pk}")
            .context["cl"]
            .result_list
        )
        == 3
    )


def test_a_team_member_without_coaching_permissions_cannot_record_check_ins(
    client, settings, group
):
    from django.contrib.auth.models import Group

    outsider = make_oversight_member(settings, username="nopower")
    team = Group.objects.get(name=settings.OVERSIGHT_TEAM_GROUP)
    team.permissions.remove(*team.permissions.filter(content_type__app_label="coaching"))
    from tests.conftest import log_in_with_second_factor

    log_in_with_second_factor(client, outsider)
    assert client.get("/admin/coaching/checkin/add/").status_code == 403


@pytest.mark.parametrize(
    ("changelist", "queries"),
    [
        ("/admin/coaching/checkin/", 10),
        ("/admin/coaching/agreedaction/", 7),
        ("/admin/coaching/activityreport/", 8),
    ],
)
def test_the_coaching_changelists_run_the_same_queries_for_2_and_20_groups(
    oversight_client, oversight_member, changelist, queries, django_assert_num_queries
):
    def fill(count):
        coach = OversightTeamMemberFactory()
        make_groups(count, coach)
        period = period_to_report()
        for group in NationalGroup.objects.filter(activity_reports__isnull=True):
            lead = group.memberships.first().user
            report = ActivityReport.objects.create(
                group=group,
                period_start=period.start,
                period_end=period.end,
                written_by=lead,
                people_involved=3,
                went_well="Yes",
                was_hard="No",
                plans="More",
            )
            report_submit(report=report, by=lead)

    # Session, user, the user's permissions (own, group's), the count, the page of rows
    # with what they name (select_related); and the filters' choices: the coaches (of
    # check-ins), the groups (of reports); for check-ins, the date hierarchy's years and
    # the count of all of them beside the filtered count.
    fill(2)
    with django_assert_num_queries(queries):
        oversight_client.get(changelist)
    fill(18)
    with django_assert_num_queries(queries):
        response = oversight_client.get(changelist)
    assert len(response.context["cl"].result_list) >= 20
