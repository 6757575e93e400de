"""A local community's own organizers: invited by the group's national or communications
lead (or the oversight team) as co-organizers are, they keep that community's profile,
links and position, and choose whether their name is shown under it."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.utils import timezone

from groups.models import CommunityMembership, GroupEdit, Invitation, Membership
from groups.services import (
    GroupError,
    community_invitation_create,
    community_organizer_remove,
    invitation_accept,
    invitation_create,
    membership_change_role,
    public_name_save,
)
from tests.admin_forms import admin_form_data
from tests.common.test_versioning import form_as_shown
from tests.concurrency import race
from tests.factories import (
    CommunityMembershipFactory,
    InvitationFactory,
    LinkFactory,
    LocalCommunityFactory,
    MembershipFactory,
    NationalGroupFactory,
    UserFactory,
)
from tests.groups.test_self_service import links_data

pytestmark = pytest.mark.django_db

Role = Membership.Role
Kind = GroupEdit.Kind
DASHBOARD = "/en/my/groups/belgium/"


@pytest.fixture
def group():
    return NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")


@pytest.fixture
def ghent(group):
    return LocalCommunityFactory(
        national_group=group, name="PauseAI Ghent", city="Ghent", latitude=51.05, longitude=3.72
    )


@pytest.fixture
def national_lead(group):
    return MembershipFactory(group=group, role=Role.NATIONAL_LEAD, user__username="nora")


@pytest.fixture
def greet(ghent):
    """An organizer of Ghent, with no role in the group."""
    return CommunityMembershipFactory(
        community=ghent, user__username="greet", user__email="greet@example.org"
    )


def community_page(community):
    return f"/en/my/groups/{community.national_group.slug}/communities/{community.pk}/organizers/"


def edit_page(community):
    return f"/en/my/groups/{community.national_group.slug}/communities/{community.pk}/"


def invite(community, email, invited_by, language="en"):
    return community_invitation_create(
        community=community, email=email, invited_by=invited_by, language=language
    )


# Inviting and joining --------------------------------------------------------------


def test_a_lead_invites_an_organizer_who_joins_that_community_and_nothing_else(
    client, group, ghent, national_lead, mailoutbox, django_capture_on_commit_callbacks
):
    bruges = LocalCommunityFactory(national_group=group, name="PauseAI Bruges")
    client.force_login(national_lead.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/nl/my/groups/belgium/communities/{ghent.pk}/organizers/invite/",
            {"email": "Greet@Example.org"},
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.community, invitation.group, invitation.role) == (ghent, group, "")
    [message] = mailoutbox
    assert message.to == ["greet@example.org"]
    # In the language it was sent in, with the link in that language.
    assert "PauseAI Ghent" in message.subject and "PauseAI Ghent" in message.body
    assert f"/nl/invitations/{invitation.token}/" in message.body
    greet = UserFactory(username="greet", email="greet@example.org")
    client.force_login(greet)

    accepted = client.post(f"/en/invitations/{invitation.token}/")

    assert accepted.status_code == 302
    assert accepted["Location"] == community_page(ghent)
    assert CommunityMembership.objects.get(user=greet).community == ghent
    assert not Membership.objects.filter(user=greet).exists()
    assert client.get(edit_page(ghent)).status_code == 200
    assert client.get(edit_page(bruges)).status_code == 404
    assert client.get(DASHBOARD).status_code == 404
    assert [edit.kind for edit in GroupEdit.objects.filter(group=group)] == [
        Kind.COMMUNITY_ORGANIZER_JOINED,
        Kind.COMMUNITY_ORGANIZER_INVITED,
    ]


def test_the_invitation_page_says_which_community_it_is_for(client, ghent, national_lead):
    invitation = invite(ghent, "greet@example.org", national_lead.user)

    html = client.get(f"/en/invitations/{invitation.token}/").content.decode()

    assert "Organize PauseAI Ghent" in html
    assert "to organize the local community PauseAI Ghent of PauseAI Belgium" in html


@pytest.mark.parametrize(
    ("role", "may_invite"),
    [
        (Role.NATIONAL_LEAD, True),
        (Role.COMMUNICATIONS_LEAD, True),
        (Role.ORGANIZING_LEAD, False),
        (Role.MEMBER, False),
    ],
)
def test_only_the_groups_national_and_communications_leads_invite_community_organizers(
    group, ghent, national_lead, role, may_invite
):
    inviter = (
        national_lead if role == Role.NATIONAL_LEAD else MembershipFactory(group=group, role=role)
    )

    if may_invite:
        assert invite(ghent, "greet@example.org", inviter.user).community == ghent
    else:
        with pytest.raises(GroupError, match="national or communications lead"):
            invite(ghent, "greet@example.org", inviter.user)
        assert not Invitation.objects.exists()


def test_the_oversight_team_invites_community_organizers(ghent, oversight_member):
    assert invite(ghent, "greet@example.org", oversight_member).community == ghent


def test_a_community_organizer_invites_nobody(ghent, greet):
    with pytest.raises(GroupError, match="national or communications lead"):
        invite(ghent, "friend@example.org", greet.user)

    assert not Invitation.objects.exists()


def test_a_lead_invites_no_one_to_another_groups_community(ghent):
    other_lead = MembershipFactory(role=Role.NATIONAL_LEAD)

    with pytest.raises(GroupError, match="national or communications lead"):
        invite(ghent, "greet@example.org", other_lead.user)


def test_community_invitations_count_in_the_groups_daily_limit(group, ghent, national_lead):
    for n in range(15):
        invitation_create(
            group=group,
            email=f"co{n}@example.org",
            role="member",
            invited_by=national_lead.user,
            language="en",
        )
    for n in range(5):
        invite(ghent, f"local{n}@example.org", national_lead.user)

    with pytest.raises(GroupError, match="at most 20 invitations a day"):
        invite(ghent, "one-more@example.org", national_lead.user)
    with pytest.raises(GroupError, match="at most 20 invitations a day"):
        invitation_create(
            group=group,
            email="one-more@example.org",
            role="member",
            invited_by=national_lead.user,
            language="en",
        )


def test_an_address_gets_one_invitation_a_day_of_either_kind(group, ghent, national_lead):
    invitation_create(
        group=group,
        email="bob@example.org",
        role="member",
        invited_by=national_lead.user,
        language="en",
    )

    with pytest.raises(GroupError, match="invited less than a day ago"):
        invite(ghent, "Bob@Example.org", national_lead.user)


def test_inviting_an_organizer_or_an_invited_address_again_is_explained(
    client, ghent, greet, national_lead
):
    yesterday = timezone.now() - datetime.timedelta(days=2)
    pending = invite(ghent, "lotte@example.org", national_lead.user)
    Invitation.objects.filter(pk=pending.pk).update(created_at=yesterday)
    client.force_login(national_lead.user)
    url = f"/en/my/groups/belgium/communities/{ghent.pk}/organizers/invite/"

    organizer = client.post(url, {"email": "greet@example.org"})
    invited = client.post(url, {"email": "lotte@example.org"})

    assert organizer.status_code == invited.status_code == 400
    assert "greet@example.org is already an organizer of this community." in (
        organizer.content.decode()
    )
    assert "lotte@example.org has already been invited: send it again" in invited.content.decode()
    assert 'value="lotte@example.org"' in invited.content.decode()
    assert Invitation.objects.count() == 1


def test_a_group_organizer_may_also_organize_a_community(ghent, national_lead):
    member = MembershipFactory(group=ghent.national_group, role=Role.MEMBER)
    invitation = invite(ghent, member.user.email, national_lead.user)

    organizer = invitation_accept(invitation=invitation, user=member.user)

    assert organizer.community == ghent
    member.refresh_from_db()
    assert member.role == Role.MEMBER


def test_an_invitation_whose_sender_lost_the_role_no_longer_makes_an_organizer(
    group, ghent, national_lead
):
    comms = MembershipFactory(group=group, role=Role.COMMUNICATIONS_LEAD)
    invitation = invite(ghent, "greet@example.org", comms.user)
    membership_change_role(membership=comms, role=Role.MEMBER, changed_by=national_lead.user)
    greet = UserFactory(username="greet", email="greet@example.org")

    with pytest.raises(GroupError, match="can no longer invite community organizers"):
        invitation_accept(invitation=invitation, user=greet)

    assert not CommunityMembership.objects.exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_invitation_to_a_community_that_left_the_group_makes_no_organizer(ghent, national_lead):
    invitation = invite(ghent, "greet@example.org", national_lead.user)
    type(ghent).objects.filter(pk=ghent.pk).update(national_group=None)

    with pytest.raises(GroupError, match="no longer part of the group"):
        invitation_accept(
            invitation=invitation, user=UserFactory(username="greet", email="greet@example.org")
        )

    assert not CommunityMembership.objects.exists()


def test_a_community_invitation_is_for_the_invited_address_and_accepted_once(
    client, ghent, national_lead
):
    invitation = invite(ghent, "greet@example.org", national_lead.user)
    client.force_login(UserFactory(username="mallory", email="mallory@example.org"))

    taken = client.post(f"/en/invitations/{invitation.token}/")
    greet = UserFactory(username="greet", email="greet@example.org")
    invitation_accept(invitation=invitation, user=greet)
    client.force_login(greet)
    again = client.post(f"/en/invitations/{invitation.token}/")

    assert taken.status_code == 403
    assert "This invitation was sent to greet@example.org." in taken.content.decode()
    assert again.status_code == 403
    assert "already been accepted" in again.content.decode()
    assert list(CommunityMembership.objects.values_list("user__username", flat=True)) == ["greet"]


def test_the_database_wants_a_role_or_a_community_never_both(group, ghent, national_lead):
    both = {"role": Role.MEMBER, "community": ghent}
    neither = {"role": "", "community": None}
    for fields in (both, neither):
        with pytest.raises(IntegrityError), transaction.atomic():
            Invitation.objects.create(
                group=group, email="x@example.org", invited_by=national_lead.user, **fields
            )

    # One of each kind, pending at once for one address, is fine.
    InvitationFactory(group=group, email="x@example.org")
    InvitationFactory(group=group, email="x@example.org", community=ghent, role="")
    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(group=group, email="X@example.org", community=ghent, role="")


# What they do ----------------------------------------------------------------------


def test_a_community_organizer_changes_its_profile_links_and_position(client, ghent, greet):
    client.force_login(greet.user)

    response = client.post(
        edit_page(ghent),
        {
            "name": "PauseAI Gent",
            "city": "Gent",
            "latitude": "51.054",
            "longitude": "3.717",
            "contact_email": "gent@pauseai.info",
            # Not theirs to change: whether the community is active.
            "status": "inactive",
            **links_data({"kind": "instagram", "url": "https://instagram.com/pauseai_gent"}),
        },
    )

    assert response.status_code == 302
    assert response["Location"] == community_page(ghent)
    ghent.refresh_from_db()
    assert (ghent.name, ghent.city, ghent.contact_email) == (
        "PauseAI Gent",
        "Gent",
        "gent@pauseai.info",
    )
    assert float(ghent.latitude) == pytest.approx(51.054)
    assert ghent.status == "active"
    assert ghent.links.get().url == "https://instagram.com/pauseai_gent"
    edit = GroupEdit.objects.get(group=ghent.national_group)
    assert edit.editor == greet.user
    assert edit.kind == Kind.COMMUNITY_CHANGED
    assert "status" not in edit.details["fields"] and "links" in edit.details["fields"]


def test_the_edit_form_offers_an_organizer_no_status_and_the_group_leads_one(
    client, ghent, greet, national_lead
):
    client.force_login(greet.user)
    organizers_form = client.get(edit_page(ghent)).context["form"]
    client.force_login(national_lead.user)
    leads_form = client.get(edit_page(ghent)).context["form"]

    assert "status" not in organizers_form.fields
    assert "status" in leads_form.fields


def test_a_stale_save_by_a_community_organizer_is_refused_with_what_changed(
    ghent, greet, national_lead
):
    lead, organizer = Client(), Client()
    lead.force_login(national_lead.user)
    organizer.force_login(greet.user)
    leads_form = form_as_shown(lead.get(edit_page(ghent)), "links")
    organizers_form = form_as_shown(organizer.get(edit_page(ghent)), "links")

    saved = lead.post(edit_page(ghent), {**leads_form, "city": "Gent"})
    refused = organizer.post(edit_page(ghent), {**organizers_form, "name": "PauseAI Gent"})

    assert saved.status_code == 302
    assert refused.status_code == 409
    assert "Someone saved this while you were editing it" in refused.content.decode()
    assert refused.context["form"]["name"].value() == "PauseAI Gent"
    ghent.refresh_from_db()
    assert (ghent.name, ghent.city) == ("PauseAI Ghent", "Gent")


def test_a_community_organizer_finds_their_communities_on_their_own_page(client, ghent, greet):
    elsewhere = CommunityMembershipFactory(user=greet.user, community__name="PauseAI Leuven")
    client.force_login(greet.user)

    html = client.get("/en/my/").content.decode()
    page = client.get(community_page(ghent)).content.decode()

    assert f'href="{community_page(ghent)}"' in html
    assert f'href="{community_page(elsewhere.community)}"' in html
    assert "You are not an organizer of a national group yet." in html
    assert f'href="{edit_page(ghent)}"' in page
    assert "greet@example.org" in page
    # The group's own page is not theirs: its name is no link to it.
    assert f'href="{DASHBOARD}"' not in page


def test_the_groups_page_links_each_community_and_keeps_its_invitations_apart(
    client, group, ghent, national_lead
):
    invite(ghent, "greet@example.org", national_lead.user)
    client.force_login(national_lead.user)

    response = client.get(DASHBOARD)

    assert f'href="{community_page(ghent)}"' in response.content.decode()
    assert list(response.context["invitations"]) == []
    assert "greet@example.org" in client.get(community_page(ghent)).content.decode()


def test_a_lead_removes_a_community_organizer_and_it_is_recorded(
    client, ghent, greet, national_lead
):
    client.force_login(national_lead.user)

    response = client.post(
        f"/en/my/groups/belgium/communities/{ghent.pk}/organizers/{greet.pk}/remove/", follow=True
    )

    assert "greet@example.org no longer organizes PauseAI Ghent." in response.content.decode()
    assert not CommunityMembership.objects.exists()
    edit = GroupEdit.objects.get(kind=Kind.COMMUNITY_ORGANIZER_REMOVED)
    assert edit.editor == national_lead.user
    assert (
        edit.summary == "Removed greet@example.org as an organizer of the community PauseAI Ghent"
    )


def test_removing_someone_no_longer_there_is_explained(ghent, greet, national_lead):
    CommunityMembership.objects.filter(pk=greet.pk).delete()

    with pytest.raises(GroupError, match="no longer an organizer of the community"):
        community_organizer_remove(organizer=greet, removed_by=national_lead.user)


def test_a_community_organizer_removes_nobody_even_through_the_service(ghent, greet):
    other = CommunityMembershipFactory(community=ghent)

    with pytest.raises(GroupError, match="national or communications lead"):
        community_organizer_remove(organizer=other, removed_by=greet.user)

    assert CommunityMembership.objects.filter(pk=other.pk).exists()


# Their name in public --------------------------------------------------------------


def choose(client, organizer, *, name, shown):
    client.force_login(organizer.user)
    data = {"public_name": name}
    if shown:
        data["public_name_shown"] = "on"
    community = organizer.community
    return client.post(
        f"/en/my/groups/{community.national_group.slug}/communities/{community.pk}/public-name/",
        data,
    )


def test_an_organizer_is_named_under_the_community_only_once_they_choose(client, ghent, greet):
    visitor = Client()
    greet.public_name = "Greet G."
    greet.save()
    assert "Greet G." not in visitor.get("/en/national-groups/belgium/").content.decode()

    response = choose(client, greet, name="Greet G.", shown=True)

    assert response.status_code == 302
    assert "Greet G." in visitor.get("/en/national-groups/belgium/").content.decode()
    page = client.get(community_page(ghent)).content.decode()
    assert "Your name appears under the community on the group's public page" in page

    choose(client, greet, name="Greet G.", shown=False)

    assert "Greet G." not in visitor.get("/en/national-groups/belgium/").content.decode()
    assert [edit.summary for edit in GroupEdit.objects.order_by("pk")] == [
        "greet@example.org, organizer of PauseAI Ghent: public name “Greet G.”, shown",
        "greet@example.org, organizer of PauseAI Ghent: public name “Greet G.”, hidden",
    ]


def test_only_the_person_chooses_their_name(ghent, greet, national_lead):
    with pytest.raises(GroupError, match="Only the person themselves"):
        public_name_save(
            membership=greet, public_name="Hacked", shown=True, editor=national_lead.user
        )

    greet.refresh_from_db()
    assert (greet.public_name, greet.public_name_shown) == ("", False)


def test_a_bad_name_is_explained_and_kept(client, ghent, greet):
    response = choose(client, greet, name="Greet\u202eG", shown=True)

    assert response.status_code == 400
    form = response.context["public_name_form"]
    assert "Remove the invisible control characters" in " ".join(form.errors["public_name"])
    assert form["public_name"].value() == "Greet\u202eG"
    greet.refresh_from_db()
    assert greet.public_name == ""


def test_the_row_and_the_queryset_agree_on_who_is_named(ghent):
    for name in ("", "Named"):
        for shown in (True, False):
            CommunityMembershipFactory(community=ghent, public_name=name, public_name_shown=shown)

    named = set(CommunityMembership.objects.named_publicly())

    for organizer in CommunityMembership.objects.all():
        assert organizer.is_named_publicly is (organizer in named), organizer
    assert len(named) == 1


# The record ------------------------------------------------------------------------


def test_the_groups_changes_say_community_organizers_in_the_readers_language(
    client, group, ghent, national_lead
):
    invitation = invite(ghent, "greet@example.org", national_lead.user)
    greet = invitation_accept(
        invitation=invitation, user=UserFactory(username="greet", email="greet@example.org")
    )
    community_organizer_remove(organizer=greet, removed_by=national_lead.user)
    client.force_login(national_lead.user)

    english = client.get("/en/my/groups/belgium/").content.decode()
    dutch = client.get("/nl/my/groups/belgium/").content.decode()

    assert "Invited greet@example.org to organize the community PauseAI Ghent" in english
    assert "greet@example.org joined as an organizer of the community PauseAI Ghent" in english
    assert "Removed greet@example.org as an organizer of the community PauseAI Ghent" in english
    assert "greet@example.org uitgenodigd om de gemeenschap PauseAI Ghent te organiseren" in dutch


# The oversight team in the admin ---------------------------------------------------


def test_the_oversight_team_sees_and_removes_a_community_organizer_in_the_admin(
    oversight_client, oversight_member, ghent, greet
):
    LinkFactory(community=ghent, kind="x", url="https://x.com/pauseai_ghent")
    url = f"/admin/groups/localcommunity/{ghent.pk}/change/"
    page = oversight_client.get(url)
    assert "greet@example.org" in page.content.decode()
    data = admin_form_data(page)
    [prefix] = [key[: -len("-public_name")] for key in data if key.endswith("-public_name")]
    # Nobody is added here: they join by invitation.
    assert data["organizers-MAX_NUM_FORMS"] == "0"

    response = oversight_client.post(url, {**data, f"{prefix}-DELETE": "on"})

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert not CommunityMembership.objects.exists()
    edit = GroupEdit.objects.get(kind=Kind.COMMUNITY_ORGANIZER_REMOVED)
    assert edit.editor == oversight_member
    assert ghent.links.get().url == "https://x.com/pauseai_ghent"


def test_the_oversight_team_hides_a_community_organizers_name_in_the_admin(
    oversight_client, ghent, greet
):
    CommunityMembership.objects.filter(pk=greet.pk).update(
        public_name="Rude Name", public_name_shown=True
    )
    url = f"/admin/groups/localcommunity/{ghent.pk}/change/"
    data = admin_form_data(oversight_client.get(url))
    [prefix] = [key[: -len("-public_name")] for key in data if key.endswith("-public_name")]
    data.pop(f"{prefix}-public_name_shown")

    response = oversight_client.post(url, data)

    assert response.status_code == 302
    greet.refresh_from_db()
    assert not greet.public_name_shown
    assert "Rude Name" not in Client().get("/en/national-groups/belgium/").content.decode()


@pytest.mark.parametrize("extra", [1, 25])
def test_the_community_page_runs_the_same_queries_however_many_organizers(
    client, ghent, greet, django_assert_num_queries, extra
):
    LinkFactory(community=ghent, kind="x", url="https://x.com/pauseai_ghent")
    lead = MembershipFactory(group=ghent.national_group, role=Role.NATIONAL_LEAD).user
    for _index in range(extra):
        CommunityMembershipFactory(community=ghent)
        InvitationFactory(group=ghent.national_group, community=ghent, role="", invited_by=lead)
    client.force_login(greet.user)

    # session, user, the group, the community, the user's place among its organizers,
    # their role in the group (none: not staff, so not asked about the oversight team),
    # its links, its organizers with their accounts, its invitations with their senders.
    with django_assert_num_queries(9):
        response = client.get(community_page(ghent))

    assert response.content.decode().count('class="organizer"') == extra + 1


# At once, and in the history (PostgreSQL) --------------------------------------------


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and triggers need PostgreSQL (CI runs it)"
)


@pytest.mark.django_db(transaction=True)
@postgresql_only
def test_two_leads_inviting_one_address_to_a_community_at_once_send_one_invitation():
    group = NationalGroupFactory()
    community = LocalCommunityFactory(national_group=group)
    first = MembershipFactory(group=group, role=Role.NATIONAL_LEAD).user
    second = MembershipFactory(group=group, role=Role.COMMUNICATIONS_LEAD).user

    outcomes = race(
        lambda: invite(community, "greet@example.org", first),
        lambda: invite(community, "greet@example.org", second),
        refusal=GroupError,
    )

    assert outcomes[0] == "done"
    assert outcomes[1].startswith("refused:")
    assert Invitation.objects.filter(community=community).count() == 1


@postgresql_only
def test_joining_and_leaving_a_community_are_in_the_history(ghent, national_lead):
    invitation = invite(ghent, "greet@example.org", national_lead.user)
    organizer = invitation_accept(
        invitation=invitation, user=UserFactory(username="greet", email="greet@example.org")
    )
    community_organizer_remove(organizer=organizer, removed_by=national_lead.user)

    changes = CommunityMembership.changes.field.model.objects.filter(pgh_obj_id=organizer.pk)
    assert list(changes.order_by("pgh_id").values_list("pgh_label", flat=True)) == [
        "insert",
        "delete",
    ]
