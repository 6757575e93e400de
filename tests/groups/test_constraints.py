"""Rules the database holds, and the clear messages the admin gives before reaching it."""

import pytest
from django.db import IntegrityError, transaction

from groups.models import Link, LocalCommunity, NationalGroup
from tests.factories import LinkFactory, LocalCommunityFactory, NationalGroupFactory

pytestmark = pytest.mark.django_db

ADD_GROUP_URL = "/admin/groups/nationalgroup/add/"
ADD_COMMUNITY_URL = "/admin/groups/localcommunity/add/"


def empty_inlines(*prefixes):
    data = {}
    for prefix in prefixes:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def group_form(**overrides):
    data = {
        "name_en": "PauseAI Belgium",
        "name_nl": "PauseAI België",
        "slug": "belgium",
        "country": "BE",
        "status": "forming",
        "description_en": "",
        "description_nl": "",
        "public_email": "",
        "legal_entity_name": "",
        "legal_entity_registration_number": "",
        "internal_notes": "",
        **empty_inlines(
            "memberships", "links", "communities", "checklist_ticks", "invitations", "edits"
        ),
    }
    data.update(overrides)
    return data


def community_form(**overrides):
    data = {
        "name": "PauseAI Ghent",
        "city": "Ghent",
        "country": "BE",
        "status": "active",
        "latitude": "51.05",
        "longitude": "3.72",
        "contact_email": "",
        **empty_inlines("links"),
    }
    data.update(overrides)
    return data


def field_errors(response, field):
    return response.context["adminform"].form.errors.get(field, [])


def test_database_rejects_a_second_live_group_for_a_country():
    NationalGroupFactory(country="BE", slug="belgium")

    with pytest.raises(IntegrityError), transaction.atomic():
        NationalGroup.objects.create(name_en="PauseAI België", slug="belgie", country="BE")


def test_a_dissolved_group_makes_room_for_a_new_one():
    NationalGroupFactory(country="BE", slug="old-belgium", status="dissolved")

    NationalGroup.objects.create(name_en="PauseAI Belgium", slug="belgium", country="BE")

    assert NationalGroup.objects.filter(country="BE").count() == 2


def test_admin_explains_a_second_group_for_a_country_and_keeps_the_input(oversight_client):
    NationalGroupFactory(country="BE", slug="belgium-first")

    response = oversight_client.post(ADD_GROUP_URL, group_form(slug="belgium-second"))

    assert response.status_code == 200
    assert field_errors(response, "country") == [
        "This country already has a national group that is not dissolved."
    ]
    assert 'value="belgium-second"' in response.content.decode()
    assert NationalGroup.objects.filter(country="BE").count() == 1


def test_admin_creates_a_valid_group(oversight_client):
    response = oversight_client.post(ADD_GROUP_URL, group_form())

    assert response.status_code == 302
    assert NationalGroup.objects.get(slug="belgium").name_nl == "PauseAI België"


def test_database_rejects_out_of_range_coordinates():
    with pytest.raises(IntegrityError), transaction.atomic():
        LocalCommunity.objects.create(
            name="Nowhere", city="Nowhere", country="BE", latitude=95, longitude=3
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        LocalCommunity.objects.create(
            name="Nowhere", city="Nowhere", country="BE", latitude=50, longitude=-181
        )


def test_database_rejects_half_a_coordinate():
    with pytest.raises(IntegrityError), transaction.atomic():
        LocalCommunity.objects.create(name="Half", city="Half", country="BE", latitude=50)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("latitude", "95", "Ensure this value is less than or equal to 90."),
        ("latitude", "-90.5", "Ensure this value is greater than or equal to -90."),
        ("longitude", "181", "Ensure this value is less than or equal to 180."),
        ("longitude", "-200", "Ensure this value is greater than or equal to -180."),
    ],
)
def test_admin_explains_out_of_range_coordinates(oversight_client, field, value, message):
    response = oversight_client.post(ADD_COMMUNITY_URL, community_form(**{field: value}))

    assert response.status_code == 200
    assert message in field_errors(response, field)
    assert 'value="PauseAI Ghent"' in response.content.decode()
    assert not LocalCommunity.objects.exists()


def test_admin_explains_half_a_coordinate(oversight_client):
    response = oversight_client.post(ADD_COMMUNITY_URL, community_form(longitude=""))

    assert response.status_code == 200
    assert "Give both latitude and longitude, or neither." in response.content.decode()


def test_community_must_belong_to_its_own_countrys_group(oversight_client):
    germany = NationalGroupFactory(country="DE")

    response = oversight_client.post(
        ADD_COMMUNITY_URL, community_form(national_group=str(germany.pk))
    )

    assert response.status_code == 200
    assert field_errors(response, "national_group") == [
        "A community can only belong to the national group of its own country."
    ]


def test_group_with_communities_cannot_be_deleted():
    group = NationalGroupFactory()
    LocalCommunityFactory(national_group=group)

    with pytest.raises(Exception, match="protected"):
        group.delete()


@pytest.mark.parametrize(
    ("kind", "url", "accepted"),
    [
        ("x", "https://x.com/PauseAI", True),
        ("x", "https://twitter.com/PauseAI", True),
        ("x", "https://example.com/PauseAI", False),
        ("instagram", "https://www.instagram.com/pauseai/", True),
        ("instagram", "https://instagram.com.evil.example/pauseai/", False),
        ("whatsapp", "https://chat.whatsapp.com/AbC", True),
        ("discord", "https://discord.gg/pauseai", True),
        ("luma", "https://lu.ma/pauseai", True),
        ("website", "https://pauseia.fr/", True),
        ("website", "javascript:alert(1)", False),
    ],
)
def test_links_must_point_to_their_kinds_site(kind, url, accepted):
    link = Link(national_group=NationalGroupFactory(), kind=kind, url=url)

    try:
        link.full_clean()
    except Exception:
        assert not accepted
    else:
        assert accepted


def test_only_chat_invitations_can_be_private():
    group = NationalGroupFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Link.objects.create(national_group=group, kind="x", url="https://x.com/a", is_private=True)
    Link.objects.create(
        national_group=group, kind="signal", url="https://signal.group/#a", is_private=True
    )


def test_one_link_per_kind_per_group():
    group = NationalGroupFactory()
    LinkFactory(national_group=group, kind="x", url="https://x.com/a")

    with pytest.raises(IntegrityError), transaction.atomic():
        Link.objects.create(national_group=group, kind="x", url="https://x.com/b")


def test_admin_explains_two_links_of_one_kind(oversight_client):
    data = group_form()
    data.update(
        {
            "links-TOTAL_FORMS": "2",
            "links-0-kind": "x",
            "links-0-url": "https://x.com/a",
            "links-1-kind": "x",
            "links-1-url": "https://x.com/b",
        }
    )

    response = oversight_client.post(ADD_GROUP_URL, data)

    assert response.status_code == 200
    assert "Please correct the duplicate data" in response.content.decode()
    assert not NationalGroup.objects.exists()


def test_link_belongs_to_exactly_one_owner():
    with pytest.raises(IntegrityError), transaction.atomic():
        Link.objects.create(kind="website", url="https://example.org/")
