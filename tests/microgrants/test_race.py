"""Two reviewers, or two browser tabs, acting on one request at once: exactly one wins."""

from decimal import Decimal

import pytest
from django.db import connection

from microgrants.models import MicrograntRequest
from microgrants.services import (
    MicrograntError,
    microgrant_approve,
    microgrant_start_review,
    microgrant_submit,
)
from tests.concurrency import race
from tests.conftest import make_oversight_member
from tests.factories import MicrograntRequestFactory, NationalGroupFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"
    ),
]


def test_two_reviewers_approving_at_once_approve_once(settings):
    first = make_oversight_member(settings, username="olga")
    second = make_oversight_member(settings, username="rik")
    microgrant = MicrograntRequestFactory()
    microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)
    microgrant_start_review(microgrant=microgrant, reviewer=first)

    outcomes = race(
        lambda: microgrant_approve(microgrant=microgrant, reviewer=first),
        lambda: microgrant_approve(microgrant=microgrant, reviewer=second),
        refusal=MicrograntError,
    )

    assert outcomes[0] == "done"
    assert outcomes[1].startswith("refused: This request is approved")
    assert microgrant.events.filter(to_status="approved").count() == 1
    assert MicrograntRequest.objects.get(pk=microgrant.pk).approvals.count() == 1


def test_submitting_from_two_tabs_submits_once():
    microgrant = MicrograntRequestFactory()

    outcomes = race(
        lambda: microgrant_submit(microgrant=microgrant, user=microgrant.requested_by),
        lambda: microgrant_submit(microgrant=microgrant, user=microgrant.requested_by),
        refusal=MicrograntError,
    )

    assert outcomes[0] == "done"
    assert outcomes[1].startswith("refused: This request is submitted")
    assert microgrant.events.filter(to_status="submitted").count() == 1


def euros_submitted(group) -> Decimal:
    counted = MicrograntRequest.objects.filter(group=group, submitted_at__isnull=False)
    return sum((microgrant.amount_requested for microgrant in counted), Decimal(0))


def test_eight_requests_submitted_at_once_never_pass_the_yearly_cap(settings):
    settings.MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR = 6000
    group = NationalGroupFactory()
    microgrants = [
        MicrograntRequestFactory(group=group, amount_requested=Decimal("2000.00")) for _ in range(8)
    ]

    outcomes = race(
        *(
            lambda microgrant=microgrant: microgrant_submit(
                microgrant=microgrant, user=microgrant.requested_by
            )
            for microgrant in microgrants
        ),
        refusal=MicrograntError,
    )

    assert outcomes.count("done") == 3
    assert all("at most €6,000 a calendar year" in outcome for outcome in outcomes[3:])
    assert euros_submitted(group) == Decimal("6000.00")


def test_approvals_at_once_recheck_the_cap_under_the_groups_lock(settings):
    """Four requests went in under a higher cap; approved at once, what is granted still
    fits the cap the oversight team lowered meanwhile."""
    settings.MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR = 8000
    reviewers = [make_oversight_member(settings, username=f"reviewer{n}") for n in range(4)]
    group = NationalGroupFactory()
    microgrants = [
        MicrograntRequestFactory(group=group, amount_requested=Decimal("900.00")) for _ in range(4)
    ]
    for microgrant, reviewer in zip(microgrants, reviewers, strict=True):
        microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)
        microgrant_start_review(microgrant=microgrant, reviewer=reviewer)
    settings.MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR = 2000

    outcomes = race(
        *(
            lambda microgrant=microgrant, reviewer=reviewer: microgrant_approve(
                microgrant=microgrant, reviewer=reviewer
            )
            for microgrant, reviewer in zip(microgrants, reviewers, strict=True)
        ),
        refusal=MicrograntError,
    )

    approved = MicrograntRequest.objects.filter(group=group, status="approved")
    assert outcomes.count("done") == approved.count() == 2
    assert sum(microgrant.amount_approved for microgrant in approved) == Decimal("1800.00")
    assert all("at most €2,000 a calendar year" in outcome for outcome in outcomes[2:])
