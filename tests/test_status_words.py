"""Statuses are said as the noun they describe needs them: in French an application (la
candidature) and a microgrant request (la demande) are « approuvée », a group (le groupe)
« actif », a community (la communauté) « active »; inside a German sentence a status keeps
its capitals („In Prüfung“), where English, Dutch and French write it in lower case."""

import pytest
from django.utils import translation

from groups.models import LocalCommunity, NationalGroup
from microgrants.models import MicrograntRequest
from onboarding.models import GroupApplication
from onboarding.services import OnboardingError, application_approve, application_withdraw
from tests.conftest import make_oversight_member
from tests.factories import GroupApplicationFactory, LocalCommunityFactory, UserFactory

pytestmark = pytest.mark.django_db


def labels(statuses, language):
    with translation.override(language):
        return {status.value: str(status.label) for status in statuses}


def test_each_status_agrees_in_french_with_the_noun_it_describes():
    application = labels(GroupApplication.Status, "fr")
    request = labels(MicrograntRequest.Status, "fr")
    group = labels(NationalGroup.Status, "fr")
    community = labels(LocalCommunity.Status, "fr")

    assert (application["submitted"], application["approved"]) == ("Déposée", "Approuvée")
    assert (application["rejected"], application["withdrawn"]) == ("Refusée", "Retirée")
    assert (request["approved"], request["paid"], request["closed"]) == (
        "Approuvée",
        "Payée",
        "Clôturée",
    )
    assert (group["active"], group["inactive"], group["dissolved"]) == (
        "Actif",
        "Inactif",
        "Dissous",
    )
    assert (community["active"], community["inactive"]) == ("Active", "Inactive")


def test_german_says_an_application_accepted_and_a_microgrant_granted():
    assert labels(GroupApplication.Status, "de")["approved"] == "Angenommen"
    assert labels(MicrograntRequest.Status, "de")["approved"] == "Bewilligt"


def test_the_french_directories_offer_each_status_in_its_nouns_gender(client):
    LocalCommunityFactory(city="Lyon", country="FR")

    communities = client.get("/fr/communities/").content.decode()
    groups = client.get("/fr/national-groups/").content.decode()

    assert '<option value="" selected>Active</option>' in communities
    assert '<option value="inactive">Inactive</option>' in communities
    assert '<option value="active">Actif</option>' in groups
    assert '<option value="inactive">Inactif</option>' in groups


def test_the_french_applicant_reads_her_withdrawn_application_as_retiree(client):
    applicant = UserFactory()
    application = GroupApplicationFactory(applicant=applicant)
    application_withdraw(application=application, applicant=applicant)
    client.force_login(applicant)

    html = client.get("/fr/my/").content.decode()

    assert '<strong class="application__status">Retirée</strong>' in html


def test_a_refusal_in_german_keeps_the_statuses_capitals(settings):
    reviewer = make_oversight_member(settings)
    applicant = UserFactory()
    application = GroupApplicationFactory(applicant=applicant)
    application_withdraw(application=application, applicant=applicant)

    with translation.override("de"), pytest.raises(OnboardingError) as refusal:
        application_approve(application=application, reviewer=reviewer)

    assert "„Zurückgezogen“" in str(refusal.value)
    assert "„Angenommen“" in str(refusal.value)


def test_a_refusal_in_french_says_the_statuses_in_lower_case(settings):
    reviewer = make_oversight_member(settings)
    applicant = UserFactory()
    application = GroupApplicationFactory(applicant=applicant)
    application_withdraw(application=application, applicant=applicant)

    with translation.override("fr"), pytest.raises(OnboardingError) as refusal:
        application_approve(application=application, reviewer=reviewer)

    assert "est retirée" in str(refusal.value)
    assert "devenir approuvée" in str(refusal.value)
