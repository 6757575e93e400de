"""What is not public is kept by no cache: an organizer's pages, grants, accounts, the
admin, and whatever else was not marked public (common/middleware.py)."""

import pytest
from django.test import Client

from tests.factories import MembershipFactory, MicrograntRequestFactory, NationalGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer_client(client):
    group = NationalGroupFactory(slug="belgium", country="BE")
    membership = MembershipFactory(group=group, role="national_lead")
    client.force_login(membership.user)
    client.microgrant = MicrograntRequestFactory(group=group, requested_by=membership.user)
    return client


def no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_an_organizers_pages_are_never_stored(organizer_client):
    microgrant = organizer_client.microgrant
    for url in (
        "/en/my/",
        "/en/my/groups/belgium/",
        "/en/my/groups/belgium/profile/",
        "/en/my/groups/belgium/microgrants/",
        f"/en/my/groups/belgium/microgrants/{microgrant.pk}/",
        "/en/accounts/email/",
        # Public pages, seen logged in: the header names the account.
        "/en/national-groups/belgium/",
    ):
        response = organizer_client.get(url)
        assert response.status_code == 200, url
        assert no_store(response), (url, response.get("Cache-Control"))


def test_login_pages_and_redirects_are_never_stored():
    client = Client()
    for url in ("/en/accounts/login/", "/admin/login/", "/en/my/", "/admin/"):
        assert no_store(client.get(url)), url


@pytest.mark.django_db(transaction=True)
def test_public_pages_stay_public():
    """(Committed, as the page cache serves only what is.)"""
    NationalGroupFactory(slug="belgium", country="BE")
    for url in ("/en/national-groups/", "/en/national-groups/belgium/", "/api/v1/national-groups/"):
        response = Client().get(url)
        assert "public" in response["Cache-Control"] and not no_store(response), url
