"""The admin's home page: what needs the oversight team today, a coach's own groups first."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from coaching.models import ActivityReport, AgreedAction, CheckIn
from coaching.periods import period_to_report
from groups.models import NationalGroup
from onboarding.models import ChecklistTick, GroupApplication
from tests.admin_home import HOME, change_url, changelist_behind, days_ago, home, tile
from tests.factories import (
    GroupApplicationFactory,
    MicrograntRequestFactory,
    NationalGroupFactory,
    OversightTeamMemberFactory,
    SetupStepFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

EVERY_TILE = [
    "coaching-check-ins-overdue",
    "coaching-reports-due",
    "coaching-reports-overdue",
    "coaching-actions-overdue",
    "coaching-reports-to-discuss",
    "applications-decision",
    "applications-applicant",
    "microgrants-review",
    "microgrants-second-approval",
    "microgrants-letter",
    "microgrants-payment",
    "microgrants-report-submitted",
    "microgrants-report-due",
    "microgrants-report-overdue",
    "microgrants-granted",
    "groups-no-coach",
    "groups-profile",
    "groups-ready",
    "groups-checklist",
]


def untouched_since(group, days):
    NationalGroup.objects.filter(pk=group.pk).update(updated_at=days_ago(days))


# The groups' own tiles ------------------------------------------------------


def test_groups_without_a_coach_include_those_whose_coach_left_the_team(oversight_client):
    no_coach = NationalGroupFactory(coach=None, status="forming")
    coach_left = NationalGroupFactory(coach=OversightTeamMemberFactory(is_active=False))
    NationalGroupFactory(coach=OversightTeamMemberFactory())
    NationalGroupFactory(coach=None, status="dissolved")

    reading = tile(oversight_client, "groups-no-coach")

    assert reading.count == 2
    assert [entry.url for entry in reading.entries] == [
        change_url(no_coach),
        change_url(coach_left),
    ]
    assert [entry.detail for entry in reading.entries] == ["Forming", "Active"]
    assert changelist_behind(oversight_client, reading.url) == (2, {no_coach.pk, coach_left.pk})


def test_active_groups_whose_profile_nobody_touched_in_six_months(oversight_client):
    oldest = NationalGroupFactory(status="active")
    untouched_since(oldest, 400)
    stale = NationalGroupFactory(status="active")
    untouched_since(stale, 200)
    untouched_since(NationalGroupFactory(status="active"), 150)
    untouched_since(NationalGroupFactory(status="inactive"), 400)
    NationalGroupFactory(status="active")

    reading = tile(oversight_client, "groups-profile")

    assert reading.count == 2
    assert [entry.url for entry in reading.entries] == [change_url(oldest), change_url(stale)]
    assert reading.entries[0].detail == "untouched for 1\xa0year"
    assert changelist_behind(oversight_client, reading.url) == (2, {oldest.pk, stale.pk})


# The page -------------------------------------------------------------------


def test_the_home_page_shows_every_tile_to_the_oversight_team_and_keeps_the_app_list(
    oversight_client,
):
    response = oversight_client.get(HOME)
    html = response.content.decode()

    assert [reading.name for reading in response.context["home"].tiles] == EVERY_TILE
    assert response.context["home"].my_tiles == []
    assert "My groups" not in html
    # Django's list of models, below the tiles: nothing the team used is gone.
    assert html.index('class="home-nothing-waiting"') < html.index('class="app-microgrants')
    for changelist in (
        "/admin/groups/nationalgroup/",
        "/admin/onboarding/setupstep/",
        "/admin/microgrants/micrograntrequest/",
    ):
        assert f'href="{changelist}"' in html


def test_a_tile_shows_its_count_links_to_its_changelist_and_highlights_late_items(
    oversight_client,
):
    late = MicrograntRequestFactory(status="submitted", submitted_at=days_ago(8))
    MicrograntRequestFactory(status="submitted", submitted_at=days_ago(1))

    html = oversight_client.get(HOME).content.decode()
    reading = tile(oversight_client, "microgrants-review")

    start = html.index('id="tile-microgrants-review"')
    review_tile = html[start : html.index("</section>", start)]
    assert f'href="{reading.url.replace("&", "&amp;")}"' in review_tile
    assert re.search(r'class="home-tile__count">\s*2\s*<', review_tile)
    assert review_tile.count("home-tile__entry--late") == 1
    assert review_tile.index(change_url(late)) > review_tile.index("home-tile__entry--late")
    # No inline style or script: the Content-Security-Policy allows neither.
    assert "style=" not in html and "<script>" not in html
    assert 'href="/static/css/admin-home.css"' in html


def nothing_waiting_line(html, part="home-nothing-waiting"):
    start = html.index(f'class="{part}"')
    return html[start : html.index("</p>", start)]


def test_the_tiles_with_nothing_waiting_are_one_line_of_their_names_each_a_link(
    oversight_client,
):
    GroupApplicationFactory(status="submitted")

    response = oversight_client.get(HOME)

    html = response.content.decode()
    page = response.context["home"]
    # A tile for what waits, and the year's grants, which are a figure; every other tile
    # is a name in one line.
    shown = [reading.name for section in page.sections for reading in section.waiting]
    assert shown == ["applications-decision", "microgrants-granted"]
    assert [reading.name for reading in page.nothing_waiting] == [
        name for name in EVERY_TILE if name not in shown
    ]
    line = nothing_waiting_line(html)
    assert "Nothing waiting:" in line
    for reading in page.nothing_waiting:
        link = f'<a href="{reading.url.replace("&", "&amp;")}">{reading.title}</a>'
        assert link in line, reading.name
        assert f'id="tile-{reading.name}"' not in html
    assert 'id="tile-applications-decision"' in html
    assert html.count("Nothing waiting") == 1
    # A section with nothing waiting has no heading left.
    assert "<h2" not in html[html.index("National groups") - 40 : html.index("National groups")]


def test_the_home_page_speaks_dutch(oversight_client):
    GroupApplicationFactory(status="submitted", submitted_at=days_ago(3))

    html = oversight_client.get(HOME, headers={"accept-language": "nl"}).content.decode()

    assert "Aanvragen die op een beslissing wachten" in html
    assert "wacht al 3 dagen" in html
    assert "Er wacht niets:" in nothing_waiting_line(html)


def test_staff_see_only_the_tiles_of_what_they_may_view(client):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert home(client).tiles == []

    staff.user_permissions.add(Permission.objects.get(codename="view_micrograntrequest"))
    shown = [reading.name for reading in home(client).tiles]

    assert shown == [name for name in EVERY_TILE if name.startswith("microgrants-")]


# My groups ------------------------------------------------------------------


@pytest.fixture
def coach(oversight_member):
    return OversightTeamMemberFactory(user=oversight_member)


def test_a_coach_sees_their_own_groups_first_with_only_their_items(oversight_client, coach):
    mine = NationalGroupFactory(coach=coach, name_en="PauseAI Belgium")
    also_mine = NationalGroupFactory(coach=coach, status="forming", name_en="PauseAI Ireland")
    theirs = NationalGroupFactory(coach=OversightTeamMemberFactory())
    my_request = MicrograntRequestFactory(status="submitted", group=mine)
    MicrograntRequestFactory(status="submitted", group=theirs)
    MicrograntRequestFactory(status="approved", group=theirs)
    untouched_since(mine, 200)
    untouched_since(theirs, 200)

    response = oversight_client.get(HOME)
    html = response.content.decode()
    page = response.context["home"]
    mine_by_name = {reading.name: reading for reading in page.my_tiles}
    everything = {reading.name: reading for reading in page.tiles}

    assert page.my_groups == [mine, also_mine]
    assert html.index("My groups") < html.index('id="tile-microgrants-review"')
    # In the same order as everyone's; applications have no group yet, and a coach's
    # groups have a coach.
    assert [reading.name for reading in page.my_tiles] == [
        name
        for name in EVERY_TILE
        if name not in ("applications-decision", "applications-applicant", "groups-no-coach")
    ]
    # Below My groups, the rest: the other groups' items.
    assert (mine_by_name["microgrants-review"].count, everything["microgrants-review"].count) == (
        1,
        1,
    )
    assert [entry.url for entry in mine_by_name["microgrants-review"].entries] == [
        change_url(my_request)
    ]
    assert mine_by_name["microgrants-letter"].count == 0
    assert mine_by_name["groups-profile"].count == 1
    for name, reading in mine_by_name.items():
        assert changelist_behind(oversight_client, reading.url)[0] == reading.count, name
    assert changelist_behind(oversight_client, mine_by_name["groups-profile"].url) == (
        1,
        {mine.pk},
    )


def test_a_coach_sees_their_groups_items_in_my_groups_and_not_again_below(oversight_client, coach):
    mine = NationalGroupFactory(coach=coach)
    theirs = NationalGroupFactory(coach=OversightTeamMemberFactory())
    uncoached = NationalGroupFactory(coach=None)
    my_request = MicrograntRequestFactory(status="submitted", group=mine)
    their_request = MicrograntRequestFactory(status="submitted", group=theirs)
    uncoached_request = MicrograntRequestFactory(status="in_review", group=uncoached)
    MicrograntRequestFactory(status="approved", group=mine)

    response = oversight_client.get(HOME)

    html = response.content.decode()
    page = response.context["home"]
    mine_tile = tile(oversight_client, "microgrants-review", mine=True)
    others_tile = tile(oversight_client, "microgrants-review")
    assert [entry.url for entry in mine_tile.entries] == [change_url(my_request)]
    assert [entry.url for entry in others_tile.entries] == [
        change_url(their_request),
        change_url(uncoached_request),
    ]
    assert changelist_behind(oversight_client, others_tile.url) == (
        2,
        {their_request.pk, uncoached_request.pk},
    )
    # Each request is on the page once.
    for request in (my_request, their_request, uncoached_request):
        assert html.count(f'href="{change_url(request)}"') == 1
    # My groups shows their tiles with something in them, and names the others in a line.
    assert [reading.name for reading in page.my_waiting] == [
        "microgrants-review",
        "microgrants-letter",
        "microgrants-granted",
    ]
    my_line = nothing_waiting_line(html, "home-nothing-waiting home-nothing-waiting--mine")
    assert html.index("My groups") < html.index(my_line) < html.index("Everything else")
    for reading in page.my_nothing_waiting:
        assert f'<a href="{reading.url.replace("&", "&amp;")}">' in my_line
        assert "coached_by=me" in reading.url


def test_every_tile_of_my_groups_counts_what_its_changelist_shows(oversight_client, coach):
    # Six groups: the coach's and others', forming and active, to fill the tiles of both.
    fill_registry(coach, 6)

    page = home(oversight_client)

    assert len(page.my_tiles) == 16
    for reading in [*page.my_tiles, *page.tiles]:
        count, _rows = changelist_behind(oversight_client, reading.url)
        assert reading.count == count, reading.name
        assert reading.count > 0 or reading.name == report_tile_empty_today(), reading.name


# Queries --------------------------------------------------------------------


def fill_registry(coach, size):
    """Something for every tile, in `size` groups, two in three of them the coach's, and
    beside each a forming group with its checklist (of one step) done."""
    for index in range(size):
        group = NationalGroupFactory(
            coach=coach if index % 3 != 2 else None,
            status=("forming", "active")[index % 2],
        )
        NationalGroup.objects.filter(pk=group.pk).update(
            created_at=days_ago(60), updated_at=days_ago(200)
        )
        GroupApplicationFactory(country=group.country, status="submitted")
        GroupApplicationFactory(country=group.country, status="more_info_needed")
        ready = NationalGroupFactory(coach=group.coach, status="forming")
        ChecklistTick.objects.create(
            national_group=ready, step=SetupStepFactory(number=1), ticked_by=UserFactory()
        )
        for status in ("submitted", "approved", "letter_accepted", "report_submitted", "closed"):
            MicrograntRequestFactory(group=group, status=status, submitted_at=days_ago(9))
        second = MicrograntRequestFactory(
            group=group, status="in_review", amount_requested=Decimal("1500.00")
        )
        second.approvals.create(approver=UserFactory(), amount=second.amount_requested)
        for ended in (25, 45):
            end = days_ago(ended).date()
            MicrograntRequestFactory(group=group, status="paid", start_date=end, end_date=end)
        fill_coaching(group)


def fill_coaching(group):
    """A check-in whose next date and one of whose actions have passed; for an active
    group, the report of the period before last sent and not discussed, and the last
    period's owed (the group made before it began)."""
    NationalGroup.objects.filter(pk=group.pk).update(created_at=days_ago(300))
    someone = UserFactory()
    check_in = CheckIn.objects.create(
        group=group,
        held_on=days_ago(70).date(),
        coach=someone,
        recorded_by=someone,
        next_check_in_on=days_ago(10).date(),
    )
    AgreedAction.objects.create(
        check_in=check_in, description="Book it", owner=someone, due_on=days_ago(3).date()
    )
    if group.status == "active":
        before_last = period_to_report().previous()
        ActivityReport.objects.create(
            group=group,
            period_start=before_last.start,
            period_end=before_last.end,
            written_by=someone,
            status="submitted",
            submitted_at=days_ago(80),
        )


def report_tile_empty_today() -> str:
    """The one of the two report tiles that is empty whatever the registry holds today:
    the last period's reports are all due, or all overdue."""
    if timezone.localdate() > period_to_report().report_due_by:
        return "coaching-reports-due"
    return "coaching-reports-overdue"


def test_the_home_page_runs_the_same_queries_for_2_and_30_groups(
    oversight_client, coach, django_assert_num_queries
):
    # Session, user, the user's own and group permissions, the coach's groups,
    # one query per tile below My groups (19, the other groups' rows where a tile
    # has a group) and per tile of My groups (16), but the report tile that is empty
    # whatever the registry holds today (report_tile_empty_today), in both: each
    # counts its rows in the query that reads its oldest (COUNT(*) OVER ()); the
    # granted amounts are one aggregate per group and currency. Then the
    # recent actions in the sidebar.
    fill_registry(coach, 2)
    with django_assert_num_queries(39):
        oversight_client.get(HOME)

    fill_registry(coach, 28)
    assert GroupApplication.objects.count() == 60
    with django_assert_num_queries(39):
        oversight_client.get(HOME)
