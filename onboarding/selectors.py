"""Reads that more than one screen needs: the applications and forming groups waiting
for someone, for the admin's home page and the changelists its tiles link to. Each
narrows the queryset it is given (services push, selectors pull: HackSoft)."""

import datetime

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from groups.models import NationalGroup
from onboarding.models import ChecklistTick, GroupApplication, SetupStep, SetupSubStep

# A forming group's checklist that nobody ticked for this long: time for its coach to ask.
CHECKLIST_STALLED_AFTER = datetime.timedelta(days=30)


def applications_waiting_for_a_decision(
    applications: QuerySet[GroupApplication],
) -> QuerySet[GroupApplication]:
    """Submitted or in review: the oversight team's turn; the longest waiting first."""
    return applications.filter(status__in=GroupApplication.WAITING_ON_THE_TEAM).order_by(
        "submitted_at", "pk"
    )


def applications_waiting_on_the_applicant(
    applications: QuerySet[GroupApplication],
) -> QuerySet[GroupApplication]:
    """Asked for more information, and not answered yet; the longest waiting first.

    updated_at is when the question was asked: an open application changes only by
    its workflow's status changes.
    """
    return applications.filter(status=GroupApplication.Status.MORE_INFO_NEEDED).order_by(
        "updated_at", "pk"
    )


def count_of(rows: QuerySet) -> Subquery:
    """COUNT(*) of `rows` as a scalar subquery, for an outer query to compare with (a
    bare COUNT: no GROUP BY, one row even when there are none)."""
    return Subquery(rows.order_by().annotate(total=Func(F("pk"), function="COUNT")).values("total"))


def checklist_items() -> Subquery:
    """How many items the setup checklist has, in SQL: each step's sub-steps that are
    not advice, or the step itself when it has none (onboarding/checklist.py counts a
    group's progress the same way)."""
    return count_of(SetupSubStep.objects.filter(is_advice=False)) + count_of(
        SetupStep.objects.exclude(sub_steps__is_advice=False)
    )


def with_checklist_progress(groups: QuerySet[NationalGroup]) -> QuerySet:
    """Each group with how many checklist items it ticked, how many there are, whether it
    has ticked them all (`checklist_done`: never without a guide loaded), and
    `checklist_moved_at`: its last tick, or when it was made if it ticked nothing."""
    ticked = (
        ChecklistTick.objects.filter(national_group=OuterRef("pk"))
        .order_by()
        .values("national_group")
        .annotate(count=Count("pk"))
        .values("count")
    )
    last_tick = (
        ChecklistTick.objects.filter(national_group=OuterRef("pk"))
        .order_by("-ticked_at")
        .values("ticked_at")[:1]
    )
    return groups.annotate(
        items_ticked=Coalesce(Subquery(ticked), 0),
        checklist_items=checklist_items(),
        checklist_done=ExpressionWrapper(
            Q(checklist_items__gt=0, items_ticked__gte=F("checklist_items")),
            output_field=BooleanField(),
        ),
        checklist_moved_at=Coalesce(Subquery(last_tick), "created_at"),
    )


def forming_groups_with_their_checklist(groups: QuerySet[NationalGroup]) -> QuerySet:
    """Forming groups, each with its checklist's progress (with_checklist_progress)."""
    return with_checklist_progress(groups.filter(status=NationalGroup.Status.FORMING))


def forming_groups_with_a_stalled_checklist(
    groups: QuerySet[NationalGroup],
) -> QuerySet[NationalGroup]:
    """Forming groups with items still to tick and none ticked in 30 days (a group with
    nothing ticked: since it was made): the coach's turn to ask; the longest stalled
    first. A checklist all ticked waits on the team instead (below)."""
    return (
        forming_groups_with_their_checklist(groups)
        .filter(
            checklist_done=False,
            checklist_moved_at__lt=timezone.now() - CHECKLIST_STALLED_AFTER,
        )
        .order_by("checklist_moved_at", "pk")
    )


def forming_groups_ready_to_activate(groups: QuerySet[NationalGroup]) -> QuerySet[NationalGroup]:
    """Forming groups whose setup checklist is all ticked: the oversight team's turn, to
    activate them; the longest waiting (since their last tick) first."""
    return (
        forming_groups_with_their_checklist(groups)
        .filter(checklist_done=True)
        .order_by("checklist_moved_at", "pk")
    )
