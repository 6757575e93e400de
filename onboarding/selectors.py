"""Reads that more than one screen needs: the applications and forming groups waiting
for someone, for the admin's home page and the changelists its tiles link to. Each
narrows the queryset it is given (services push, selectors pull: HackSoft)."""

import datetime

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from groups.models import NationalGroup
from onboarding.models import ChecklistTick, GroupApplication

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


def forming_groups_with_a_stalled_checklist(
    groups: QuerySet[NationalGroup],
) -> QuerySet[NationalGroup]:
    """Forming groups whose setup checklist nobody ticked in 30 days (a group with nothing
    ticked: since it was made), as `checklist_moved_at`; the longest stalled first."""
    last_tick = (
        ChecklistTick.objects.filter(national_group=OuterRef("pk"))
        .order_by("-ticked_at")
        .values("ticked_at")[:1]
    )
    return (
        groups.filter(status=NationalGroup.Status.FORMING)
        .annotate(checklist_moved_at=Coalesce(Subquery(last_tick), "created_at"))
        .filter(checklist_moved_at__lt=timezone.now() - CHECKLIST_STALLED_AFTER)
        .order_by("checklist_moved_at", "pk")
    )
