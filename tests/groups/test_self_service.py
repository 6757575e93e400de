"""National and communications leads keep their group's profile, communities and people."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from groups.models import GroupEdit, Invitation, LocalCommunity, Membership
from tests.factories import (
    AgreedActionFactory,
    CheckInFactory,
    InvitationFactory,
    LinkFactory,
    LocalCommunityFactory,
    MembershipFactory,
    NationalGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PROFILE = "/en/my/groups/belgium/profile/"


@pytest.fixture
def group():
    return NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")


@pytest.fixture
def lead(client, group):
    user = MembershipFactory(group=group, role="communications_lead").user
    client.force_login(user)
    return user


def links_data(*rows, initial=0):
    data = {"links-TOTAL_FORMS": str(len(rows)), "links-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data.update({f"links-{index}-{key}": value for key, value in row.items()})
    return data


def png_bytes(size=(10, 10)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, format="PNG")
    return buffer.getvalue()


def test_lead_edits_the_profile_in_both_languages_with_links(client, group, lead):
    response = client.post(
        PROFILE,
        {
            "description_en": "We organise in Ghent and Brussels.",
            "description_nl": "We organiseren in Gent en Brussel.",
            **links_data({"kind": "instagram", "url": "https://instagram.com/pauseai_be"}),
        },
    )

    assert response.status_code == 302
    assert (
        "We organiseren in Gent en Brussel."
        in client.get("/nl/national-groups/belgium/").content.decode()
    )
    assert group.links.get().url == "https://instagram.com/pauseai_be"
    edit = GroupEdit.objects.get(group=group)
    assert edit.editor == lead
    assert edit.details == {"fields": ["description_en", "description_nl", "links"]}


def test_recent_changes_are_said_in_words_in_the_readers_language(client, group, lead):
    """Recorded in English (the organizer edited on /en/), read on /nl/ in Dutch: the
    fields by their names, roles by theirs."""
    client.post(
        PROFILE,
        {"description_nl": "Wij organiseren.", **links_data()},
    )
    client.post(
        "/en/my/groups/belgium/invitations/",
        {"email": "carla@example.org", "role": "member"},
    )

    english = client.get("/en/my/groups/belgium/").content.decode()
    dutch = client.get("/nl/my/groups/belgium/").content.decode()

    assert "Profile: description (Dutch)" in english
    assert "Invited carla@example.org as Member" in english
    assert "Profiel: beschrijving (Nederlands)" in dutch
    assert "carla@example.org uitgenodigd als Lid" in dutch
    assert "description_nl" not in english + dutch


def test_a_link_to_the_wrong_site_is_explained_and_the_input_kept(client, group, lead):
    response = client.post(
        PROFILE,
        {
            "description_en": "Kept text",
            "description_nl": "",
            **links_data({"kind": "x", "url": "https://example.com/pauseai"}),
        },
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "A X link must point to x.com, twitter.com." in html
    assert "Kept text" in html and "https://example.com/pauseai" in html
    assert not group.links.exists()


def test_two_links_of_one_kind_are_refused(client, group, lead):
    response = client.post(
        PROFILE,
        {
            "description_en": "",
            "description_nl": "",
            **links_data(
                {"kind": "x", "url": "https://x.com/a"}, {"kind": "x", "url": "https://x.com/b"}
            ),
        },
    )

    assert response.status_code == 400
    assert "Please correct the duplicate data" in response.content.decode()


def test_a_real_logo_is_accepted(client, group, lead):
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")

    response = client.post(PROFILE, {"logo": logo, **links_data()})

    assert response.status_code == 302
    group.refresh_from_db()
    assert group.logo.name.startswith("groups/logos/logo")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", b"%PDF-1.4 not an image", "Upload a valid image"),
        ("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "Upload a valid image"),
    ],
)
def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(
    client, group, lead, name, content, message
):
    logo = SimpleUploadedFile(name, content, content_type="image/png")

    response = client.post(PROFILE, {"logo": logo, **links_data()})

    assert response.status_code == 400
    assert message in response.content.decode()
    group.refresh_from_db()
    assert not group.logo


def test_a_logo_over_the_size_limit_is_refused(client, group, lead, settings):
    settings.IMAGE_MAX_BYTES = 100
    logo = SimpleUploadedFile("logo.png", png_bytes((200, 200)), content_type="image/png")

    response = client.post(PROFILE, {"logo": logo, **links_data()})

    assert response.status_code == 400
    assert "The file may be at most 100\xa0bytes." in response.content.decode()


def test_lead_adds_edits_and_retires_a_community(client, group, lead):
    added = client.post(
        "/en/my/groups/belgium/communities/add/",
        {"name": "PauseAI Ghent", "city": "Ghent", "status": "active", **links_data()},
    )
    community = LocalCommunity.objects.get(name="PauseAI Ghent")
    retired = client.post(
        f"/en/my/groups/belgium/communities/{community.pk}/",
        {"name": "PauseAI Ghent", "city": "Ghent", "status": "inactive", **links_data()},
    )

    assert added.status_code == retired.status_code == 302
    community.refresh_from_db()
    assert community.country == "BE" and community.national_group == group
    assert community.status == "inactive"
    assert "PauseAI Ghent" not in client.get("/en/communities/").content.decode()
    assert GroupEdit.objects.filter(group=group).count() == 2


def test_community_coordinates_out_of_range_are_explained(client, group, lead):
    response = client.post(
        "/en/my/groups/belgium/communities/add/",
        {
            "name": "PauseAI Ghent",
            "city": "Ghent",
            "status": "active",
            "latitude": "95",
            "longitude": "3.7",
            **links_data(),
        },
    )

    assert response.status_code == 400
    assert "Ensure this value is less than or equal to 90." in response.content.decode()
    assert 'value="PauseAI Ghent"' in response.content.decode()


def test_invitation_is_emailed_and_accepted_by_the_invited_address(
    client, group, lead, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/nl/my/groups/belgium/invitations/", {"email": "Bob@Example.org", "role": "member"}
        )

    invitation = Invitation.objects.get()
    assert mailoutbox[0].to == ["bob@example.org"]
    assert f"/nl/invitations/{invitation.token}/" in mailoutbox[0].body
    bob = UserFactory(username="bob", email="bob@example.org")
    client.force_login(bob)
    assert "PauseAI Belgium" in client.get("/en/my/").content.decode()

    response = client.post(f"/en/invitations/{invitation.token}/")

    assert response.status_code == 302
    assert Membership.objects.get(group=group, user=bob).role == "member"
    invitation.refresh_from_db()
    assert invitation.accepted_by == bob


def test_invitation_for_another_address_cannot_be_taken(client, group):
    invitation = InvitationFactory(group=group, email="bob@example.org")
    client.force_login(UserFactory(username="mallory", email="mallory@example.org"))

    response = client.post(f"/en/invitations/{invitation.token}/")

    assert response.status_code == 403
    assert "This invitation was sent to bob@example.org." in response.content.decode()
    assert not group.memberships.filter(user__username="mallory").exists()


def test_inviting_twice_is_explained_and_the_address_kept(client, group, lead):
    InvitationFactory(group=group, email="bob@example.org")

    response = client.post(
        "/en/my/groups/belgium/invitations/", {"email": "bob@example.org", "role": "member"}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "bob@example.org has already been invited: send it again" in html
    assert 'value="bob@example.org"' in html


def test_the_last_national_lead_cannot_be_removed(client, group, lead):
    national_lead = MembershipFactory(group=group, role="national_lead")
    client.force_login(national_lead.user)

    response = client.post(
        f"/en/my/groups/belgium/organizers/{national_lead.pk}/remove/", follow=True
    )

    assert "A group always keeps at least one national lead." in response.content.decode()
    assert Membership.objects.filter(pk=national_lead.pk).exists()


def test_a_member_is_removed_and_the_removal_recorded(client, group, lead):
    member = MembershipFactory(group=group, role="member")

    client.post(f"/en/my/groups/belgium/organizers/{member.pk}/remove/")

    assert not Membership.objects.filter(pk=member.pk).exists()
    assert "Removed" in GroupEdit.objects.get(group=group).summary


def test_private_chat_link_is_kept_off_the_public_page(client, group, lead):
    LinkFactory(national_group=group, kind="signal", url="https://signal.group/#x", is_private=True)
    group.status = "active"
    group.save()

    dashboard = client.get("/en/my/groups/belgium/").content.decode()
    client.logout()
    public = client.get("/en/national-groups/belgium/").content.decode()

    assert "https://signal.group/#x" in dashboard
    assert "https://signal.group/#x" not in public


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("city", "", "This field is required."),
        ("status", "sleeping", "Select a valid choice."),
        ("latitude", "north", "Enter a number."),
        ("longitude", "-200", "Ensure this value is greater than or equal to -180."),
        ("contact_email", "ghent-at-pauseai", "Enter a valid email address."),
    ],
)
def test_every_community_field_explains_bad_input(client, group, lead, field, value, message):
    data = {
        "name": "PauseAI Ghent",
        "city": "Ghent",
        "status": "active",
        "latitude": "51.05",
        "longitude": "3.72",
        "contact_email": "ghent@pauseai.info",
        **links_data(),
    }

    response = client.post("/en/my/groups/belgium/communities/add/", {**data, field: value})

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not LocalCommunity.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "", "This field is required."),
        ("email", "bob-at-example", "Enter a valid email address."),
        ("role", "boss", "Select a valid choice."),
    ],
)
def test_every_invitation_field_explains_bad_input(client, group, lead, field, value, message):
    data = {"email": "bob@example.org", "role": "member", field: value}

    response = client.post("/en/my/groups/belgium/invitations/", data)

    assert response.status_code == 400
    assert message in " ".join(response.context["invitation_form"].errors[field])
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("extra", [1, 25])
def test_dashboard_runs_the_same_queries_however_big_the_group(
    client, group, lead, django_assert_num_queries, extra
):
    LinkFactory(national_group=group, kind="x", url="https://x.com/pauseai_be")
    check_in = CheckInFactory(group=group)
    for index in range(extra):
        member = MembershipFactory(group=group, role="member")
        InvitationFactory(group=group)
        community = LocalCommunityFactory(national_group=group, country="BE")
        LinkFactory(community=community, kind="x", url=f"https://x.com/c{index}")
        AgreedActionFactory(check_in=check_in, owner=member.user)
        AgreedActionFactory(check_in=check_in, owner=member.user, done=True)

    # session, user, the group, the user's membership (read once: access, role, their
    # public name's form and preview), group links, communities, their links,
    # organizers, invitations, recent edits; and coaching's (coaching/page_sections.py):
    # the actions agreed with the group, with their owners and who marked them done,
    # and its next check-in.
    with django_assert_num_queries(12):
        response = client.get("/en/my/groups/belgium/")

    assert response.status_code == 200
    assert response.content.decode().count('<li class="agreed-action') == 2 * extra


@pytest.mark.parametrize(("language", "label"), [("nl", "Rol"), ("fr", "Rôle"), ("de", "Rolle")])
def test_the_invitation_form_is_in_the_pages_language(client, group, lead, language, label):
    html = client.get(f"/{language}/my/groups/belgium/").content.decode()

    assert re.search(rf'<label for="id_role">{label}\W*</label>', html)
    assert '<label for="id_role">Role' not in html


def test_the_profile_page_carries_none_of_the_teams_own_notes(client, group, lead):
    """The page's snapshot of what it shows (edit_seen) is signed, not encrypted."""
    import base64
    import re
    import zlib

    group.internal_notes = "SECRET NOTE of the oversight team"
    group.save()

    html = client.get(PROFILE).content.decode()
    token = re.search(r'name="edit_seen" value="([^"]+)"', html).group(1)
    payload = token.split(":")[0].lstrip(".")
    data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    readable = zlib.decompress(data).decode() if token.startswith(".") else data.decode()

    assert "SECRET NOTE" not in readable
    assert "description_en" in readable
