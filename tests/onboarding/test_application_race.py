"""Two reviewers approve the same application at the same moment: exactly one wins."""

import threading

import pytest
from django.db import connection, connections

from groups.models import NationalGroup
from onboarding.services import OnboardingError, application_approve, application_start_review
from tests.factories import GroupApplicationFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"
    ),
]


def test_two_reviewers_approving_at_once_found_one_group(oversight_member):
    second_reviewer = UserFactory(username="rik", is_staff=True)
    application = GroupApplicationFactory(applicant=UserFactory(username="ann"))
    application_start_review(application=application, reviewer=oversight_member)
    start = threading.Barrier(2)
    outcomes = []

    def approve(reviewer):
        try:
            start.wait()
            application_approve(application=application, reviewer=reviewer)
            outcomes.append("approved")
        except OnboardingError as refusal:
            outcomes.append(f"refused: {refusal}")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=approve, args=(reviewer,))
        for reviewer in (oversight_member, second_reviewer)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes)[0] == "approved"
    assert sorted(outcomes)[1].startswith("refused: This application is approved")
    assert NationalGroup.objects.count() == 1
    application.refresh_from_db()
    assert application.events.filter(to_status="approved").count() == 1
