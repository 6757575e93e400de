"""The microgrant tests' people, groups and requests."""

import pytest
from django.test import Client
from django.utils import timezone, translation

from tests.conftest import log_in_with_second_factor, make_oversight_member, make_superuser
from tests.factories import (
    MembershipFactory,
    MicrograntRequestFactory,
    NationalGroupFactory,
)
from tests.microgrants.helpers import receipt_for


@pytest.fixture(autouse=True)
def english_again_afterwards():
    """A request to /nl/ leaves Dutch active in the thread; the next test expects English."""
    yield
    translation.deactivate()


@pytest.fixture
def world(settings):
    group_a = NationalGroupFactory(slug="group-a", name_en="PauseAI A")
    group_b = NationalGroupFactory(slug="group-b")
    requester = MembershipFactory(
        group=group_a, role="member", user__first_name="Ann Requester"
    ).user
    people = {
        "anonymous": None,
        "lead_of_a": MembershipFactory(group=group_a, role="national_lead").user,
        "member_of_a": MembershipFactory(group=group_a, role="member").user,
        "requester": requester,
        "organizer_of_b": MembershipFactory(group=group_b, role="national_lead").user,
        "oversight": make_oversight_member(settings, username="oversight"),
        "superuser": make_superuser(username="root"),
    }
    draft = MicrograntRequestFactory(group=group_a, requested_by=requester)
    submitted = MicrograntRequestFactory(
        group=group_a, requested_by=requester, status="submitted", submitted_at=timezone.now()
    )
    approved = MicrograntRequestFactory(group=group_a, requested_by=requester, status="approved")
    paid = MicrograntRequestFactory(group=group_a, requested_by=requester, status="paid")
    return {
        "people": people,
        "draft": draft.pk,
        "draft_line": draft.budget_lines.get().pk,
        "submitted": submitted.pk,
        "approved": approved.pk,
        "paid": paid.pk,
        "receipt": receipt_for(paid).pk,
    }


@pytest.fixture
def group():
    return NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")


@pytest.fixture
def requester(client, group):
    user = MembershipFactory(group=group, role="member").user
    client.force_login(user)
    return user


@pytest.fixture
def second_member(settings):
    return make_oversight_member(settings, username="rik")


@pytest.fixture
def second_client(second_member):
    return log_in_with_second_factor(Client(), second_member)
