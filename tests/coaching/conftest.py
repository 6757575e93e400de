"""The coaching tests' people, groups, check-ins, actions and reports."""

import pytest

from coaching.periods import period_to_report
from tests.conftest import make_oversight_member, make_superuser
from tests.factories import (
    ActivityFactory,
    ActivityReportFactory,
    AgreedActionFactory,
    CheckInFactory,
    CommunityMembershipFactory,
    LocalCommunityFactory,
    MembershipFactory,
    NationalGroupFactory,
    OversightTeamMemberFactory,
)

# What the oversight team wrote for itself, which no organizer's page may show.
TEAM_NOTES = "Private to the team: the national lead seems close to burning out."


@pytest.fixture
def coach(db):
    return OversightTeamMemberFactory(
        user__username="coach", user__email="coach@example.org", user__first_name="Cora Coach"
    )


@pytest.fixture
def group(coach):
    return NationalGroupFactory(slug="group-a", country="BE", name_en="PauseAI A", coach=coach)


@pytest.fixture
def check_in(group, coach):
    return CheckInFactory(group=group, coach=coach.user, notes=TEAM_NOTES)


@pytest.fixture
def lead(group):
    return MembershipFactory(
        group=group, role="national_lead", user__first_name="Lena Lead", user__username="lena"
    ).user


@pytest.fixture
def owner(group):
    """A member of the group who owns an action."""
    return MembershipFactory(
        group=group, role="member", user__first_name="Otto Owner", user__username="otto"
    ).user


@pytest.fixture
def action(check_in, owner):
    return AgreedActionFactory(check_in=check_in, owner=owner, description="Call the MEPs")


@pytest.fixture
def world(settings, coach):
    """Two groups; the personas of the access matrix; an open and a done action of each
    group; and group A's reports: a sent one for the period before, none yet for the
    period owed now."""
    group_a = NationalGroupFactory(slug="group-a", country="BE", coach=coach)
    group_b = NationalGroupFactory(slug="group-b", country="NL")
    owner = MembershipFactory(group=group_a, role="member").user
    community = LocalCommunityFactory(national_group=group_a, country="BE")
    people = {
        "anonymous": None,
        "national_lead": MembershipFactory(group=group_a, role="national_lead").user,
        "communications_lead": MembershipFactory(group=group_a, role="communications_lead").user,
        "organizing_lead": MembershipFactory(group=group_a, role="organizing_lead").user,
        "member": MembershipFactory(group=group_a, role="member").user,
        "owner": owner,
        "community_organizer": CommunityMembershipFactory(community=community).user,
        "organizer_of_b": MembershipFactory(group=group_b, role="national_lead").user,
        "oversight": make_oversight_member(settings, username="oversight"),
        "superuser": make_superuser(username="root"),
    }
    check_in_a = CheckInFactory(group=group_a, coach=coach.user, notes=TEAM_NOTES)
    check_in_b = CheckInFactory(group=group_b, coach=coach.user)
    owed = period_to_report()
    earlier = ActivityReportFactory(group=group_a, period=owed.previous(), sent=True)
    ActivityFactory(report=earlier)
    return {
        "people": people,
        "open": AgreedActionFactory(check_in=check_in_a, owner=owner).pk,
        "done": AgreedActionFactory(check_in=check_in_a, owner=owner, done=True).pk,
        "open_of_b": AgreedActionFactory(check_in=check_in_b).pk,
        "owed": owed.start.isoformat(),
        "earlier": earlier.period_start.isoformat(),
        "older": owed.previous().previous().start.isoformat(),
        "check_in": check_in_a.pk,
        "group": group_a.pk,
    }
