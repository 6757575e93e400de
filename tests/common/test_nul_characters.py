"""A NUL byte (which PostgreSQL refuses in text) in any query parameter or form field gets
a clear answer, never a 500, and nothing is stored."""

import pytest
from django.core.cache import cache

from groups.models import LocalCommunity, NationalGroup
from onboarding.models import GroupApplication
from tests.factories import MembershipFactory, NationalGroupFactory

pytestmark = pytest.mark.django_db

NUL = "\x00"


@pytest.fixture
def registry():
    group = NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")
    return group


@pytest.mark.parametrize(
    "url",
    [
        "/en/national-groups/?q={nul}",
        "/en/national-groups/?q=Bel{nul}gium&country=BE",
        "/en/national-groups/?country={nul}",
        "/en/national-groups/?status={nul}",
        "/en/communities/?q={nul}",
        "/en/communities/?q={nul}&status=inactive",
        "/en/communities/?country={nul}",
        "/en/national-groups/belgium/?next={nul}",
        "/en/microgrants/?q={nul}",
        "/api/v1/national-groups/?lang={nul}",
        "/api/v1/national-groups/?status={nul}",
        "/api/v1/communities/?lang={nul}",
        "/api/v1/communities.geojson?lang={nul}",
        "/api/v1/pauseai-website/national-groups/?lang={nul}",
        "/en/accounts/login/?next={nul}",
        "/i18n/setlang/?next={nul}",
        "/sitemap.xml?p={nul}",
    ],
)
def test_a_nul_byte_in_a_public_query_is_a_clear_answer(client, registry, url):
    response = client.get(url.format(nul="%00"))

    assert response.status_code in (200, 302, 400, 404)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/groups/nationalgroup/?q={nul}",
        "/admin/groups/nationalgroup/?status={nul}",
        "/admin/groups/nationalgroup/?country={nul}",
        "/admin/groups/nationalgroup/?coach__id__exact={nul}",
        "/admin/groups/nationalgroup/?o={nul}",
        "/admin/groups/localcommunity/?q={nul}",
        "/admin/groups/localcommunity/?national_group__id__exact={nul}",
        "/admin/microgrants/micrograntrequest/?q={nul}",
        "/admin/microgrants/micrograntrequest/?year={nul}",
        "/admin/microgrants/micrograntrequest/budget/?year={nul}",
        "/admin/microgrants/micrograntrequest/budget/csv/?year={nul}",
        "/admin/onboarding/groupapplication/?q={nul}",
        "/admin/onboarding/groupapplication/?status={nul}",
        "/admin/groups/oversightteammember/?q={nul}",
        "/admin/auth/user/?q={nul}",
        "/admin/groups/nationalgroup/autocomplete/?term={nul}",
        "/admin/autocomplete/?term={nul}&app_label=groups&model_name=nationalgroup"
        "&field_name=national_group",
        "/admin/groups/nationalgroup/{nul}/change/",
    ],
)
def test_a_nul_byte_in_an_admin_query_is_a_clear_answer(oversight_client, registry, url):
    response = oversight_client.get(url.format(nul="%00"))

    assert response.status_code in (200, 302, 400, 403, 404)


def test_a_nul_byte_in_every_field_of_the_application_form_is_explained(client):
    client.force_login(MembershipFactory().user)
    fields = {
        "country": "DK",
        "proposed_name": "PauseAI Danmark",
        "discord_project_url": "https://discord.com/channels/1/2/3",
        "plans": "Flyers.",
        "co_organizer_emails": "",
        "existing_presence": "",
        "applicant_role": "Lead",
        "agrees_to_strategy": "on",
    }
    for name in set(fields) - {"agrees_to_strategy"}:  # a ticked box, "on" or anything
        cache.clear()  # five applications an hour: each field gets its own try
        response = client.post("/en/apply/", {**fields, name: fields[name] + NUL})

        assert response.status_code in (200, 400), name
    assert not GroupApplication.objects.exists()


def test_a_nul_byte_in_every_community_field_is_explained(client, registry):
    client.force_login(MembershipFactory(group=registry, role="national_lead").user)
    fields = {
        "name": "PauseAI Ghent",
        "city": "Ghent",
        "status": "active",
        "latitude": "51.05",
        "longitude": "3.72",
        "contact_email": "ghent@pauseai.info",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-kind": "website",
        "links-0-url": "https://ghent.example/",
    }
    for name in fields:
        response = client.post(
            "/en/my/groups/belgium/communities/add/", {**fields, name: fields[name] + NUL}
        )

        assert response.status_code == 400, name
    assert not LocalCommunity.objects.exists()


def test_a_nul_byte_in_the_login_and_invitation_forms_is_explained(client, registry):
    login = client.post("/en/accounts/login/", {"login": f"ann{NUL}@example.org", "password": "x"})
    client.force_login(MembershipFactory(group=registry, role="national_lead").user)
    invitation = client.post(
        "/en/my/groups/belgium/invitations/", {"email": f"bob{NUL}@example.org", "role": "member"}
    )
    search = client.get("/en/national-groups/", {"q": NUL})

    assert login.status_code in (200, 400)
    assert invitation.status_code == 400
    assert search.status_code in (200, 400)
    assert NationalGroup.objects.count() == 1


def test_a_nul_byte_in_the_session_cookie_is_a_400_not_a_500(client):
    client.cookies["sessionid"] = "abcdefgh" + NUL + "ijklmnop"

    assert client.get("/en/").status_code == 400


def test_a_nul_byte_refused_by_the_api_answers_in_json(client):
    response = client.get("/api/v1/communities/?q=%00")

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Query parameters and cookies cannot contain NUL characters."
    }


def test_a_nul_byte_in_an_admin_action_selection_is_not_a_500(oversight_client, registry):
    response = oversight_client.post(
        "/admin/groups/nationalgroup/",
        {"action": "activate", "_selected_action": [NUL], "index": "0"},
    )

    assert response.status_code in (200, 302, 400)


def test_the_refusal_is_the_sites_own_page(client):
    response = client.get("/nl/national-groups/?q=%00")

    assert response.status_code == 400
    assert "<html" in response.content.decode()
    assert "400" in response.content.decode()
