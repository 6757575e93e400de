"""Two reviewers, or two browser tabs, acting on one request at once: exactly one wins."""

import pytest
from django.db import connection

from groups.microgrants import (
    MicrograntError,
    microgrant_approve,
    microgrant_start_review,
    microgrant_submit,
)
from groups.models import MicrograntRequest
from tests.concurrency import race
from tests.conftest import make_oversight_member
from tests.factories import MicrograntRequestFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"
    ),
]


def test_two_reviewers_approving_at_once_approve_once(settings):
    first = make_oversight_member(settings, username="olga")
    second = make_oversight_member(settings, username="rik")
    grant = MicrograntRequestFactory()
    microgrant_submit(grant=grant, user=grant.requested_by)
    microgrant_start_review(grant=grant, reviewer=first)

    outcomes = race(
        lambda: microgrant_approve(grant=grant, reviewer=first),
        lambda: microgrant_approve(grant=grant, reviewer=second),
        refusal=MicrograntError,
    )

    assert outcomes[0] == "done"
    assert outcomes[1].startswith("refused: This request is approved")
    assert grant.events.filter(to_status="approved").count() == 1
    assert MicrograntRequest.objects.get(pk=grant.pk).approvals.count() == 1


def test_submitting_from_two_tabs_submits_once():
    grant = MicrograntRequestFactory()

    outcomes = race(
        lambda: microgrant_submit(grant=grant, user=grant.requested_by),
        lambda: microgrant_submit(grant=grant, user=grant.requested_by),
        refusal=MicrograntError,
    )

    assert outcomes[0] == "done"
    assert outcomes[1].startswith("refused: This request is submitted")
    assert grant.events.filter(to_status="submitted").count() == 1
