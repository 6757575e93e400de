"""Every kind of write is seen on the next public request, in each language.

The public pages and the API are served from the page cache (common/pagecache.py).
Each test warms the cache as a visitor, writes the way the site does (the admin, an
organizer's page, a service, a management command, a bulk update, a bulk insert, a
delete, raw SQL), and asks again as a visitor. The tests commit (transaction=True),
as the site does, so the cached answers are really there between the two requests.
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client

from groups.models import CommunityMembership, Link, LocalCommunity, Membership, NationalGroup
from groups.services import public_name_save
from onboarding.models import SetupStep
from tests.admin_forms import admin_form_data
from tests.factories import (
    CommunityMembershipFactory,
    LocalCommunityFactory,
    MembershipFactory,
    NationalGroupFactory,
    OversightTeamMemberFactory,
    SetupStepFactory,
)
from tests.groups.test_self_service import links_data

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])


@pytest.fixture
def belgium():
    return NationalGroupFactory(
        slug="belgium",
        country="BE",
        name_en="PauseAI Belgium",
        name_nl="PauseAI België",
        description_en="We meet in Ghent.",
        description_nl="We komen samen in Gent.",
    )


@pytest.fixture
def ghent(belgium):
    return LocalCommunityFactory(
        national_group=belgium, name="PauseAI Ghent", city="Ghent", latitude=51.05, longitude=3.72
    )


def visitor_sees(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def warmed(url: str) -> str:
    """The page as a visitor sees it, now in the cache (a second request is served
    from it)."""
    first = visitor_sees(url)
    assert visitor_sees(url) == first
    return first


@LANGUAGES
def test_an_admin_edit_is_seen(language, belgium, oversight_client):
    page = f"/{language}/national-groups/"
    assert f"PauseAI Flanders {language}" not in warmed(page)
    url = f"/admin/groups/nationalgroup/{belgium.pk}/change/"
    data = admin_form_data(oversight_client.get(url))

    response = oversight_client.post(
        url, {**data, f"name_{language}": f"PauseAI Flanders {language}"}
    )

    assert response.status_code == 302
    assert f"PauseAI Flanders {language}" in visitor_sees(page)


@LANGUAGES
def test_an_organizers_profile_edit_is_seen(language, belgium, client):
    page = f"/{language}/national-groups/belgium/"
    assert "Brussels" not in warmed(page)
    client.force_login(MembershipFactory(group=belgium, role="national_lead").user)

    response = client.post(
        "/en/my/groups/belgium/profile/",
        {
            "description_en": "We meet in Ghent and Brussels.",
            "description_nl": "We komen samen in Gent en Brussels.",
            **links_data({"kind": "instagram", "url": "https://instagram.com/pauseai_be"}),
        },
    )

    assert response.status_code == 302
    html = visitor_sees(page)
    assert "Brussels" in html and "instagram.com/pauseai_be" in html


@LANGUAGES
def test_an_organizers_new_community_is_seen(language, belgium, client):
    page = f"/{language}/communities/"
    assert "PauseAI Bruges" not in warmed(page)
    client.force_login(MembershipFactory(group=belgium, role="national_lead").user)

    client.post(
        "/en/my/groups/belgium/communities/add/",
        {"name": "PauseAI Bruges", "city": "Bruges", "status": "active", **links_data()},
    )

    assert "PauseAI Bruges" in visitor_sees(page)


@LANGUAGES
def test_a_service_call_is_seen(language, belgium):
    page = f"/{language}/national-groups/belgium/"
    lead = MembershipFactory(group=belgium, role="national_lead", public_name="")
    assert "Nora Lead" not in warmed(page)

    public_name_save(membership=lead, public_name="Nora Lead", shown=True, editor=lead.user)

    assert "Nora Lead" in visitor_sees(page)


@LANGUAGES
def test_a_community_organizers_name_is_seen(language, ghent, client):
    page = f"/{language}/national-groups/belgium/"
    organizer = CommunityMembershipFactory(community=ghent, public_name="Greet Ghent")
    assert "Greet Ghent" not in warmed(page)

    public_name_save(
        membership=organizer, public_name="Greet Ghent", shown=True, editor=organizer.user
    )

    assert "Greet Ghent" in visitor_sees(page)

    CommunityMembership.objects.filter(pk=organizer.pk).delete()

    assert "Greet Ghent" not in visitor_sees(page)


@LANGUAGES
def test_a_coachs_own_change_is_seen(language, belgium):
    coach = OversightTeamMemberFactory(display_name="Olga Coach", is_public=False)
    NationalGroup.objects.filter(pk=belgium.pk).update(coach=coach)
    page = f"/{language}/national-groups/belgium/"
    assert "Olga Coach" not in warmed(page)

    coach.is_public = True
    coach.save()

    assert "Olga Coach" in visitor_sees(page)


@LANGUAGES
def test_a_management_command_is_seen(language):
    page = f"/{language}/national-groups/"
    # Kenya's group, loaded by the command, in the page's language.
    kenya = {"en": "Kenya", "nl": "Kenia", "fr": "Kenya", "de": "Kenia"}[language]
    assert "Kenya" not in warmed(page) and "Kenia" not in warmed(page)

    call_command("load_content", verbosity=0)

    assert kenya in visitor_sees(page)


@LANGUAGES
def test_a_bulk_update_is_seen(language, ghent):
    page = f"/{language}/communities/"
    geojson = f"/api/v1/communities.geojson?lang={language}"
    assert "PauseAI Gent" not in warmed(page) and "PauseAI Gent" not in warmed(geojson)

    LocalCommunity.objects.filter(pk=ghent.pk).update(name="PauseAI Gent")

    assert "PauseAI Gent" in visitor_sees(page)
    assert "PauseAI Gent" in visitor_sees(geojson)


@LANGUAGES
def test_a_bulk_insert_is_seen(language, belgium):
    page = f"/{language}/national-groups/belgium/"
    assert "youtube.com/@pauseai_be" not in warmed(page)

    Link.objects.bulk_create(
        [Link(national_group=belgium, kind="youtube", url="https://youtube.com/@pauseai_be")]
    )

    assert "youtube.com/@pauseai_be" in visitor_sees(page)


@LANGUAGES
def test_a_delete_is_seen(language, ghent):
    page = f"/{language}/communities/"
    api = f"/api/v1/communities/?lang={language}"
    assert "PauseAI Ghent" in warmed(page) and "PauseAI Ghent" in warmed(api)

    ghent.delete()

    assert "PauseAI Ghent" not in visitor_sees(page)
    assert "PauseAI Ghent" not in visitor_sees(api)


@LANGUAGES
def test_raw_sql_is_seen(language, belgium):
    page = f"/api/v1/national-groups/?lang={language}"
    assert "PauseAI Vlaanderen" not in warmed(page)

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {NationalGroup._meta.db_table} SET name_{language} = %s WHERE id = %s",
            ["PauseAI Vlaanderen", belgium.pk],
        )

    assert "PauseAI Vlaanderen" in visitor_sees(page)


@LANGUAGES
def test_a_setup_guide_edit_is_seen(language):
    step = SetupStepFactory(number=1)
    page = f"/{language}/national-groups/"
    assert "Find co-founders" not in warmed(page)

    setattr(step, f"title_{language}", "Find co-founders")
    step.save()

    assert "Find co-founders" in visitor_sees(page)
    assert SetupStep.objects.count() == 1


def test_a_role_change_is_seen_in_the_websites_feed(belgium):
    feed = "/api/v1/pauseai-website/national-groups/"
    lead = MembershipFactory(
        group=belgium, role="communications_lead", public_name="Cora Lead", public_name_shown=None
    )
    assert "Cora Lead" not in warmed(feed)

    Membership.objects.filter(pk=lead.pk).update(role="national_lead")

    assert "Cora Lead" in visitor_sees(feed)
