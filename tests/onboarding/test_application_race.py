"""Two reviewers approve the same application at the same moment: exactly one wins."""

import pytest
from django.db import connection

from groups.models import NationalGroup
from onboarding.services import OnboardingError, application_approve, application_start_review
from tests.concurrency import race
from tests.conftest import make_oversight_member
from tests.factories import GroupApplicationFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"
    ),
]


def test_two_reviewers_approving_at_once_found_one_group(oversight_member, settings):
    second_reviewer = make_oversight_member(settings, username="rik")
    application = GroupApplicationFactory(applicant=UserFactory(username="ann"))
    application_start_review(application=application, reviewer=oversight_member)

    outcomes = race(
        lambda: application_approve(application=application, reviewer=oversight_member),
        lambda: application_approve(application=application, reviewer=second_reviewer),
        refusal=OnboardingError,
    )

    assert outcomes[0] == "done"
    assert outcomes[1].startswith("refused: This application is approved")
    assert NationalGroup.objects.count() == 1
    application.refresh_from_db()
    assert application.events.filter(to_status="approved").count() == 1
