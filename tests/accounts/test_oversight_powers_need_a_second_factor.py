"""The oversight team's powers on the organizers' pages (every grant's payee details, every
group's private links) need the second factor the admin asks of them: a team member who
has not set one up is, there, like anyone else."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from accounts.team import is_oversight_member
from tests.conftest import OVERSIGHT_TOTP_SECRET, oversight_team_group
from tests.factories import MicrograntRequestFactory, NationalGroupFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unenrolled_member(settings):
    """In the team's permission group, staff, but with no authenticator app yet."""
    user = UserFactory(username="nina", is_staff=True)
    user.groups.add(oversight_team_group(settings))
    return user


def test_a_team_member_without_a_second_factor_does_not_see_a_microgrants_payee_details(
    client, unenrolled_member
):
    group = NationalGroupFactory(slug="belgium")
    microgrant = MicrograntRequestFactory(
        group=group, status="submitted", submitted_at=timezone.now()
    )
    client.force_login(unenrolled_member)

    response = client.get(f"/en/my/groups/belgium/microgrants/{microgrant.pk}/")

    assert response.status_code == 404
    assert microgrant.payee_details not in response.content.decode()


def test_setting_up_the_second_factor_gives_the_powers(unenrolled_member, oversight_member):
    assert not is_oversight_member(unenrolled_member)
    assert is_oversight_member(oversight_member)

    TOTP.activate(unenrolled_member, OVERSIGHT_TOTP_SECRET)

    assert is_oversight_member(unenrolled_member)


def test_a_superuser_without_a_second_factor_has_no_oversight_powers_on_the_site():
    root = UserFactory(username="root", is_staff=True, is_superuser=True)

    assert not is_oversight_member(root)
    TOTP.activate(root, OVERSIGHT_TOTP_SECRET)
    assert is_oversight_member(root)
