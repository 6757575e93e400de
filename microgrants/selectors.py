"""Reads that more than one screen needs: the money in euros, a group's year, the
budget, the reports and decisions that wait. Plain functions, returning querysets or
values (HackSoft: services push, selectors pull)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from common.money import format_money
from groups.models import translated_name_ordering
from microgrants.models import EUR_RATES, REPORT_DUE_AFTER, MicrograntApproval, MicrograntRequest

Status = MicrograntRequest.Status


def in_euros(amount: Decimal, currency: str) -> Decimal:
    return amount * EUR_RATES[currency]


def this_year_in_euros(group, *, exclude=None, granted_only: bool = False) -> Decimal:
    """What the group asked for or was granted this calendar year, in euros: the approved
    amount once there is one, else the amount requested. With granted_only, only what
    was approved. Read it under the group's lock (requesting_group_locked) to hold the cap."""
    year = timezone.localdate().year
    requests = group.microgrant_requests.filter(submitted_at__year=year)
    if granted_only:
        requests = requests.filter(status__in=MicrograntRequest.GRANTED)
    else:
        requests = requests.exclude(status__in=MicrograntRequest.NOT_COUNTED)
    if exclude is not None:
        requests = requests.exclude(pk=exclude.pk)
    totals = requests.values("currency").annotate(
        approved=Sum("amount_approved"),
        requested=Sum("amount_requested", filter=Q(amount_approved__isnull=True)),
    )
    return sum(
        (
            in_euros((row["approved"] or 0) + (row["requested"] or 0), row["currency"])
            for row in totals
        ),
        Decimal(0),
    )


def yearly_cap_problem(group, *, amount_in_euros: Decimal, used: Decimal) -> str | None:
    year_limit = settings.MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR
    if used + amount_in_euros <= year_limit:
        return None
    return _(
        "A group can receive at most %(limit)s a calendar year; %(group)s already "
        "has about %(used)s this year."
    ) % {
        "limit": format_money(year_limit, "EUR"),
        "group": group.name,
        "used": format_money(round(used), "EUR"),
    }


def overdue_report(group) -> MicrograntRequest | None:
    """A granted request of the group whose report is due and not accepted yet."""
    due_before = timezone.localdate() - REPORT_DUE_AFTER
    return group.microgrant_requests.report_pending().filter(end_date__lt=due_before).first()


def approvals_needed(microgrant) -> int:
    above = settings.MICROGRANT_TWO_APPROVALS_ABOVE_EUR
    return 2 if in_euros(microgrant.amount_requested, microgrant.currency) > above else 1


# What the budget counts. Requested: everything submitted and not withdrawn
# (rejected requests were asked for, too). Approved and paid: the approved amount.
REQUESTED = Q(submitted_at__isnull=False) & ~Q(status=Status.WITHDRAWN)


APPROVED = Q(status__in=MicrograntRequest.GRANTED)


PAID = Q(status__in=(Status.PAID, Status.REPORT_SUBMITTED, Status.CLOSED))


BUDGET_AMOUNTS = ("requested", "approved", "paid")


AMOUNT = DecimalField(max_digits=12, decimal_places=2)


ZERO = Decimal("0.00")


def group_total_this_year(amount_field: str, counted: Q):
    """The request's group's total this calendar year in the request's currency.

    A subquery in the changelist's own query, so the page costs the same
    number of queries for 3 requests or 300.
    """
    same_group_and_currency = (
        MicrograntRequest.objects.filter(
            counted,
            group=OuterRef("group"),
            currency=OuterRef("currency"),
            submitted_at__year=timezone.localdate().year,
        )
        .order_by()
        .values("group")
        .annotate(total=Sum(amount_field))
        .values("total")
    )
    return Coalesce(Subquery(same_group_and_currency), Value(ZERO), output_field=AMOUNT)


def budget_table(*, year: int | None = None) -> list[dict]:
    """Requested, approved and paid per year, group and currency: one aggregate query."""
    requests = MicrograntRequest.objects.filter(submitted_at__isnull=False)
    if year is not None:
        requests = requests.filter(submitted_at__year=year)
    return list(
        requests.annotate(
            year=ExtractYear("submitted_at"),
            # Wrapped: each translated column has its own field class, which
            # Coalesce would otherwise refuse to mix.
            group_name=Cast(translated_name_ordering("group__name"), CharField()),
        )
        .values("year", "group_id", "group_name", "currency")
        .annotate(
            requested=Sum("amount_requested", filter=REQUESTED, default=ZERO),
            approved=Sum("amount_approved", filter=APPROVED, default=ZERO),
            paid=Sum("amount_approved", filter=PAID, default=ZERO),
        )
        .order_by("-year", "group_name", "currency")
    )


def budget_totals(rows: list[dict]) -> list[dict]:
    """The rows added up per year and currency; amounts in different currencies never mix."""
    totals = {}
    for row in rows:
        key = (row["year"], row["currency"])
        total = totals.setdefault(
            key,
            {"year": row["year"], "currency": row["currency"], **dict.fromkeys(BUDGET_AMOUNTS, 0)},
        )
        for amount in BUDGET_AMOUNTS:
            total[amount] += row[amount]
    return list(totals.values())


# A request waiting longer than this for a decision goes in the team's reminder.
DECISION_REMINDER_AFTER = datetime.timedelta(days=7)


# Requesters hear of their report this long before it is due, and daily once overdue.
REPORT_REMINDER_BEFORE = datetime.timedelta(days=7)


def waiting_for_a_decision():
    """Submitted or in review for more than a week: the team's turn, not the requester's."""
    return (
        MicrograntRequest.objects.filter(
            status__in=MicrograntRequest.WAITING_ON_THE_TEAM,
            submitted_at__lt=timezone.now() - DECISION_REMINDER_AFTER,
        )
        .select_related("group")
        .order_by("submitted_at")
    )


def reports_due():
    """Granted, the report not sent yet, and due within a week or overdue."""
    due_by = timezone.localdate() + REPORT_REMINDER_BEFORE
    return (
        MicrograntRequest.objects.filter(
            status__in=MicrograntRequest.REPORT_TO_SEND,
            end_date__lte=due_by - REPORT_DUE_AFTER,
        )
        .select_related("group", "requested_by")
        .order_by("end_date")
    )


# What waits for someone, for the admin's home page and the changelists its tiles link
# to. Each narrows the requests it is given, the longest waiting first.


def requests_waiting_for_review(requests: QuerySet[MicrograntRequest]) -> QuerySet:
    """Submitted or in review, and nobody approved yet: the oversight team's turn."""
    approved_once = MicrograntApproval.objects.filter(request=OuterRef("pk"))
    return (
        requests.filter(status__in=MicrograntRequest.WAITING_ON_THE_TEAM)
        .exclude(Exists(approved_once))
        .select_related("group")
        .order_by("submitted_at", "pk")
    )


def requests_waiting_for_a_second_approval(requests: QuerySet[MicrograntRequest]) -> QuerySet:
    """In review with an approval: a request that needs one is approved with it, so these
    need a second oversight member's; waiting since the first, as `first_approved_at`."""
    first_approval = (
        MicrograntApproval.objects.filter(request=OuterRef("pk"))
        .order_by("created_at")
        .values("created_at")[:1]
    )
    return (
        requests.filter(status=Status.IN_REVIEW)
        .annotate(first_approved_at=Subquery(first_approval))
        .filter(first_approved_at__isnull=False)
        .select_related("group")
        .order_by("first_approved_at", "pk")
    )


def letters_not_accepted(requests: QuerySet[MicrograntRequest]) -> QuerySet:
    """Approved, and the requester has not accepted the grant letter yet. updated_at is
    when it was approved: a granted request changes only by its workflow's steps."""
    return (
        requests.filter(status=Status.APPROVED).select_related("group").order_by("updated_at", "pk")
    )


def requests_to_pay(requests: QuerySet[MicrograntRequest]) -> QuerySet:
    """Approved and the letter accepted, not paid yet: the oversight team's turn."""
    return (
        requests.filter(status=Status.LETTER_ACCEPTED)
        .select_related("group")
        .order_by("letter_accepted_at", "pk")
    )


def reports_to_read(requests: QuerySet[MicrograntRequest]) -> QuerySet:
    """The report sent in, not accepted or returned yet: the oversight team's turn."""
    return (
        requests.filter(status=Status.REPORT_SUBMITTED)
        .select_related("group")
        .order_by(F("report_submitted_at").asc(nulls_first=True), "pk")
    )


def reports_due_within_a_week(requests: QuerySet[MicrograntRequest]) -> QuerySet:
    """The report still to send, due today or within a week (not overdue yet)."""
    today = timezone.localdate()
    return (
        requests.filter(
            status__in=MicrograntRequest.REPORT_TO_SEND,
            end_date__gte=today - REPORT_DUE_AFTER,
            end_date__lte=today + REPORT_REMINDER_BEFORE - REPORT_DUE_AFTER,
        )
        .select_related("group")
        .order_by("end_date", "pk")
    )


def reports_overdue(requests: QuerySet[MicrograntRequest]) -> QuerySet:
    """The report still to send, and its due date passed (what overdue_report finds)."""
    return (
        requests.filter(
            status__in=MicrograntRequest.REPORT_TO_SEND,
            end_date__lt=timezone.localdate() - REPORT_DUE_AFTER,
        )
        .select_related("group")
        .order_by("end_date", "pk")
    )


def granted_this_year(requests: QuerySet[MicrograntRequest]) -> QuerySet:
    """Granted (approved or later) and submitted this calendar year: what the yearly cap
    holds once approved (this_year_in_euros with granted_only)."""
    return requests.filter(
        status__in=MicrograntRequest.GRANTED, submitted_at__year=timezone.localdate().year
    ).order_by("submitted_at", "pk")


def euros_granted_this_year():
    """For an outer query of groups: each group's approved amounts this year in euros (as
    granted_per_group counts them), a subquery, so a list of any number of groups costs
    one query."""
    in_euros_in_sql = Case(
        *(
            When(currency=code, then=F("amount_approved") * Value(rate))
            for code, rate in EUR_RATES.items()
        ),
        output_field=AMOUNT,
    )
    total = (
        granted_this_year(MicrograntRequest.objects.filter(group=OuterRef("pk")))
        .order_by()
        .values("group")
        .annotate(total=Sum(in_euros_in_sql))
        .values("total")
    )
    return Coalesce(Subquery(total), Value(ZERO), output_field=AMOUNT)


def count_of_reports_overdue():
    """For an outer query of groups: how many of each group's reports are overdue."""
    overdue = (
        reports_overdue(MicrograntRequest.objects.filter(group=OuterRef("pk")))
        .order_by()
        .values("group")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(overdue), Value(0))


@dataclass(frozen=True)
class GroupGranted:
    group_id: int
    group_name: str
    euros: Decimal


def granted_per_group(requests: QuerySet[MicrograntRequest]) -> tuple[int, list[GroupGranted]]:
    """How many the requests are, and their approved amounts per group in euros, the most
    first: one aggregate query per group and currency."""
    rows = (
        requests.annotate(group_name=Cast(translated_name_ordering("group__name"), CharField()))
        .values("group_id", "group_name", "currency")
        .annotate(approved=Sum("amount_approved", default=ZERO), count=Count("pk"))
        .order_by()
    )
    count = 0
    euros: dict[tuple[int, str], Decimal] = {}
    for row in rows:
        count += row["count"]
        key = (row["group_id"], row["group_name"])
        euros[key] = euros.get(key, ZERO) + in_euros(row["approved"], row["currency"])
    groups = [
        GroupGranted(group_id=group_id, group_name=name, euros=amount)
        for (group_id, name), amount in euros.items()
    ]
    return count, sorted(groups, key=lambda group: (-group.euros, group.group_name))
