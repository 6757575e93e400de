"""Coaching's factories: a check-in, an action agreed at one, a group's activity report."""

import datetime

import factory
from django.utils import timezone

from coaching.models import ActivityReport, AgreedAction, CheckIn
from coaching.periods import period_to_report
from tests.factories import NationalGroupFactory, OversightTeamMemberFactory, UserFactory


class CheckInFactory(factory.django.DjangoModelFactory):
    """Held a week ago by a team member; the next one at the group's cadence."""

    class Meta:
        model = CheckIn

    group = factory.SubFactory(NationalGroupFactory)
    held_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    coach = factory.LazyAttribute(lambda _check_in: OversightTeamMemberFactory().user)
    next_check_in_on = factory.LazyAttribute(
        lambda check_in: CheckIn.next_after(check_in.held_on, check_in.group)
    )
    recorded_by = factory.SelfAttribute("coach")


class AgreedActionFactory(factory.django.DjangoModelFactory):
    """Open, due in a month, owned by a new account."""

    class Meta:
        model = AgreedAction

    check_in = factory.SubFactory(CheckInFactory)
    description = "Book a room for the launch"
    owner = factory.SubFactory(UserFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class ActivityReportFactory(factory.django.DjangoModelFactory):
    """A draft for the period groups report on now."""

    class Meta:
        model = ActivityReport

    group = factory.SubFactory(NationalGroupFactory)
    period_start = factory.LazyFunction(lambda: period_to_report().start)
    period_end = factory.LazyFunction(lambda: period_to_report().end)
    written_by = factory.SubFactory(UserFactory)
