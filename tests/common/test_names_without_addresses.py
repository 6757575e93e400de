"""Names hold no web or email address: a community renamed "your PauseAI payout - confirm
bank details at https://evil.example/pay" would go, as its name, into the invitations
the site sends from noreply@pauseai.info."""

import pytest
from django.core.exceptions import ValidationError

from common.validators import validate_no_address
from groups.models import LocalCommunity, NationalGroup
from onboarding.models import GroupApplication
from tests.factories import LocalCommunityFactory, MembershipFactory, NationalGroupFactory
from tests.groups.test_community_access import community_data

pytestmark = pytest.mark.django_db

PHISHING = "your PauseAI payout - confirm bank details at https://evil.example/pay"


@pytest.mark.parametrize(
    "name",
    [
        PHISHING,
        "PauseAI evil.example/pay",
        "Visit www.evil.example",
        "Write to payouts@evil.example",
        "PauseAI Vienna.at",
        "hxxps://evil",
    ],
)
def test_a_name_with_an_address_is_refused(name):
    with pytest.raises(ValidationError, match="web or email address"):
        validate_no_address(name)


@pytest.mark.parametrize(
    "name",
    [
        "PauseAI St. Louis",
        "PauseAI Berlin e.V.",
        "PauseAI U.S.A.",
        "PauseIA Île-de-France",
        "AI & Us",
    ],
)
def test_ordinary_names_with_dots_are_fine(name):
    validate_no_address(name)


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (NationalGroup, "name_en"),
        (NationalGroup, "name_fr"),
        (LocalCommunity, "name"),
        (GroupApplication, "proposed_name"),
    ],
)
def test_every_name_that_goes_into_mail_refuses_addresses(model, field):
    validators = model._meta.get_field(field).validators

    assert validate_no_address in validators


def test_a_lead_cannot_rename_a_community_into_a_phishing_line(client):
    group = NationalGroupFactory(slug="belgium", country="BE")
    lead = MembershipFactory(group=group, role="national_lead").user
    ghent = LocalCommunityFactory(national_group=group, name="PauseAI Ghent", city="Ghent")
    client.force_login(lead)

    response = client.post(
        f"/en/my/groups/belgium/communities/{ghent.pk}/",
        community_data(name=PHISHING),
    )

    assert response.status_code in (200, 400)
    assert "web or email address" in response.content.decode()
    assert PHISHING in response.content.decode()  # kept in the form
    ghent.refresh_from_db()
    assert ghent.name == "PauseAI Ghent"
