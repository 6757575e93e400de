"""Public names: each organizer chooses whether and how their name appears publicly; a
national lead's is shown unless they hide it, other leads choose to show theirs, members
are never named. The group page, the API and the website feed all follow
Membership.objects.public_leads()."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client

import groups.migrations
from groups.models import GroupEdit, Membership
from groups.services import (
    GroupError,
    invitation_accept,
    membership_change_role,
    public_name_save,
)
from onboarding.services import application_approve, application_start_review
from tests.admin_forms import admin_form_data
from tests.factories import (
    GroupApplicationFactory,
    InvitationFactory,
    MembershipFactory,
    NationalGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Role = Membership.Role
DASHBOARD = "/en/my/groups/belgium/"
PUBLIC_NAME = "/en/my/groups/belgium/public-name/"
SHOWN = "Your name appears on the group's public page as “{}”."
NOT_SHOWN = "Your name is not shown publicly."


@pytest.fixture
def group():
    return NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")


@pytest.fixture
def national_lead(group):
    return MembershipFactory(group=group, role=Role.NATIONAL_LEAD, public_name="Nora Lead")


def named_publicly(group) -> list[str]:
    return [lead.public_name for lead in group.memberships.public_leads()]


def public_views(group) -> dict[str, str]:
    """What a visitor reads: the group page, the API's leaders, the website feed's body."""
    visitor = Client()
    [record] = [
        record
        for record in visitor.get("/api/v1/national-groups/").json()
        if record["slug"] == group.slug
    ]
    return {
        "page": visitor.get(group.get_absolute_url()).content.decode(),
        "api": ", ".join(leader["name"] for leader in record["leaders"]),
        "website": visitor.get("/api/v1/pauseai-website/national-groups/").content.decode(),
    }


def named_on(group, name) -> set[str]:
    return {where for where, text in public_views(group).items() if name in text}


def migration_named(name):
    """A groups migration by its name, whatever number the merge gave it."""
    [path] = Path(groups.migrations.__file__).parent.glob(f"[0-9][0-9][0-9][0-9]_{name}.py")
    return importlib.import_module(f"groups.migrations.{path.stem}").Migration


def choose(client, membership, *, name, shown):
    client.force_login(membership.user)
    data = {"public_name": name}
    if shown:
        data["public_name_shown"] = "on"
    return client.post(f"/en/my/groups/{membership.group.slug}/public-name/", data)


def test_a_national_leads_name_is_shown_by_default(group, national_lead):
    assert named_publicly(group) == ["Nora Lead"]
    assert named_on(group, "Nora Lead") == {"page", "api", "website"}


def test_a_national_lead_who_hides_their_name_is_named_nowhere(client, group, national_lead):
    response = choose(client, national_lead, name="Nora Lead", shown=False)

    assert response.status_code == 302
    assert named_publicly(group) == []
    assert named_on(group, "Nora Lead") == set()
    assert NOT_SHOWN in client.get(DASHBOARD).content.decode()


def test_a_communications_lead_chooses_to_show_their_name(client, group, national_lead):
    comms = MembershipFactory(group=group, role=Role.COMMUNICATIONS_LEAD, public_name="Cas Comms")
    assert named_on(group, "Cas Comms") == set()
    client.force_login(comms.user)
    assert NOT_SHOWN in client.get(DASHBOARD).content.decode()

    response = choose(client, comms, name="Cas Comms", shown=True)

    assert response.status_code == 302
    assert named_publicly(group) == ["Nora Lead", "Cas Comms"]
    assert named_on(group, "Cas Comms") == {"page", "api", "website"}
    assert SHOWN.format("Cas Comms") in client.get(DASHBOARD).content.decode()


def test_a_member_is_never_named_even_when_they_ask(client, group, national_lead):
    member = MembershipFactory(group=group, role=Role.MEMBER)

    response = choose(client, member, name="Max Member", shown=True)

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.public_name == "Max Member"
    assert named_publicly(group) == ["Nora Lead"]
    assert named_on(group, "Max Member") == set()
    assert "only its leads are named" in client.get(DASHBOARD).content.decode()


def test_the_dashboard_offers_each_role_its_default(client, group, national_lead):
    comms = MembershipFactory(group=group, role=Role.COMMUNICATIONS_LEAD)

    client.force_login(national_lead.user)
    lead_form = client.get(DASHBOARD).context["public_name_form"]
    client.force_login(comms.user)
    comms_form = client.get(DASHBOARD).context["public_name_form"]

    assert lead_form["public_name_shown"].value() is True
    assert lead_form["public_name"].value() == "Nora Lead"
    assert comms_form["public_name_shown"].value() is False


def test_the_founder_is_named_as_soon_as_they_give_a_name(client, oversight_member):
    founder = UserFactory(username="fien", email="fien@example.org")
    application = GroupApplicationFactory(applicant=founder, country="LU")
    application_start_review(application=application, reviewer=oversight_member)
    group = application_approve(application=application, reviewer=oversight_member)
    group.status = "active"
    group.save()
    membership = group.memberships.get(user=founder)
    client.force_login(founder)
    assert (
        client.get(f"/en/my/groups/{group.slug}/")
        .context["public_name_form"]["public_name_shown"]
        .value()
    )

    choose(client, membership, name="Fien Founder", shown=True)

    assert named_publicly(group) == ["Fien Founder"]
    assert named_on(group, "Fien Founder") == {"page", "api", "website"}


@pytest.mark.parametrize(
    ("role", "shown_by_default"),
    [
        (Role.NATIONAL_LEAD, True),
        (Role.COMMUNICATIONS_LEAD, False),
        (Role.ORGANIZING_LEAD, False),
        (Role.MEMBER, False),
    ],
)
def test_an_accepted_invitation_gives_the_roles_default(
    group, national_lead, role, shown_by_default
):
    invitation = InvitationFactory(
        group=group, email="ida@example.org", role=role, invited_by=national_lead.user
    )
    membership = invitation_accept(
        invitation=invitation, user=UserFactory(username="ida", email="ida@example.org")
    )
    membership.public_name = "Ida Invited"
    membership.save()

    assert ("Ida Invited" in named_publicly(group)) is shown_by_default


@pytest.mark.parametrize(
    ("start", "choice", "end", "named"),
    [
        # Promoted to national lead without having chosen: named, as national leads are.
        (Role.COMMUNICATIONS_LEAD, None, Role.NATIONAL_LEAD, True),
        # Someone who hid their name is never published by a promotion.
        (Role.COMMUNICATIONS_LEAD, False, Role.NATIONAL_LEAD, False),
        (Role.MEMBER, False, Role.NATIONAL_LEAD, False),
        # Named only because national leads are: the new role's default applies.
        (Role.NATIONAL_LEAD, None, Role.COMMUNICATIONS_LEAD, False),
        # Chose to be named: still named in the new role.
        (Role.NATIONAL_LEAD, True, Role.ORGANIZING_LEAD, True),
        (Role.MEMBER, True, Role.COMMUNICATIONS_LEAD, True),
        # A member is never named, whatever they chose.
        (Role.NATIONAL_LEAD, True, Role.MEMBER, False),
    ],
)
def test_a_role_change_keeps_the_persons_own_choice(group, start, choice, end, named):
    changed_by = MembershipFactory(group=group, role=Role.NATIONAL_LEAD).user
    person = MembershipFactory(
        group=group, role=start, public_name="Rik Role", public_name_shown=choice
    )

    membership_change_role(membership=person, role=end, changed_by=changed_by)

    assert ("Rik Role" in named_publicly(group)) is named
    assert bool(named_on(group, "Rik Role")) is named


def test_the_row_and_the_queryset_agree_on_who_is_named(group):
    for role in Role:
        for choice in (None, True, False):
            for name in ("", f"{role} {choice}"):
                MembershipFactory(
                    group=group, role=role, public_name=name, public_name_shown=choice
                )

    named = set(group.memberships.public_leads())

    for membership in group.memberships.all():
        assert membership.is_named_publicly is (membership in named), membership


def test_the_change_is_recorded_as_an_edit(client, group, national_lead):
    choose(client, national_lead, name="Nora N.", shown=False)

    edit = GroupEdit.objects.get(group=group)
    assert edit.editor == national_lead.user
    assert "Nora N." in edit.summary and "hidden" in edit.summary


def test_saving_the_same_choice_again_records_nothing(client, group, national_lead):
    choose(client, national_lead, name="Nora Lead", shown=True)
    choose(client, national_lead, name="Nora Lead", shown=True)

    [edit] = GroupEdit.objects.filter(group=group)
    assert "Nora Lead" in edit.summary and "shown" in edit.summary


def test_an_organizer_changes_only_their_own_name(client, group, national_lead):
    other_group = NationalGroupFactory(slug="netherlands", country="NL")
    outsider = MembershipFactory(group=other_group, role=Role.NATIONAL_LEAD)
    member = MembershipFactory(group=group, role=Role.MEMBER)
    client.force_login(member.user)

    # Nothing in the form names whose membership it is: extra fields change no one else.
    client.post(
        PUBLIC_NAME,
        {"public_name": "Hacked", "membership": national_lead.pk, "user": national_lead.user.pk},
    )
    client.force_login(outsider.user)
    elsewhere = client.post(PUBLIC_NAME, {"public_name": "Hacked", "public_name_shown": "on"})

    assert elsewhere.status_code == 404
    national_lead.refresh_from_db()
    assert national_lead.public_name == "Nora Lead"
    assert named_publicly(group) == ["Nora Lead"]


def test_the_service_refuses_to_change_someone_elses_name(group, national_lead):
    comms = MembershipFactory(group=group, role=Role.COMMUNICATIONS_LEAD)

    with pytest.raises(GroupError, match="Only the person themselves"):
        public_name_save(
            membership=national_lead, public_name="Hacked", shown=True, editor=comms.user
        )

    national_lead.refresh_from_db()
    assert (national_lead.public_name, national_lead.public_name_shown) == ("Nora Lead", None)


def test_a_cached_feed_is_refreshed_when_a_lead_hides_their_name(client, group, national_lead):
    visitor = Client()
    urls = ("/api/v1/national-groups/", "/api/v1/pauseai-website/national-groups/")
    etags = {url: visitor.get(url)["ETag"] for url in urls}

    choose(client, national_lead, name="Nora Lead", shown=False)

    for url in urls:
        response = visitor.get(url, HTTP_IF_NONE_MATCH=etags[url])
        assert response.status_code == 200, url
        assert "Nora Lead" not in response.content.decode()


def test_the_oversight_team_has_no_public_name_of_its_own_in_a_group(
    oversight_client, group, national_lead
):
    response = oversight_client.post(PUBLIC_NAME, {"public_name": "Olga"})

    assert response.status_code == 403
    assert named_publicly(group) == ["Nora Lead"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Nora\u202eLead", "Remove the invisible control characters"),
        ("Nora\x07Lead", "Remove the invisible control characters"),
        ("N" * 121, "Ensure this value has at most 120 characters"),
    ],
)
def test_a_bad_name_is_explained_on_the_field_and_kept(client, group, national_lead, name, message):
    response = choose(client, national_lead, name=name, shown=False)

    assert response.status_code == 400
    form = response.context["public_name_form"]
    assert message in " ".join(form.errors["public_name"])
    assert form["public_name"].value() == name
    assert form["public_name_shown"].value() is False
    assert f'value="{name}"' in response.content.decode()
    # The preview still tells what is saved.
    assert SHOWN.format("Nora Lead") in response.content.decode()
    national_lead.refresh_from_db()
    assert national_lead.public_name == "Nora Lead"
    assert national_lead.public_name_shown is None
    assert not GroupEdit.objects.exists()


def test_the_oversight_team_sees_and_sets_the_choice_in_the_admin(
    oversight_client, group, national_lead
):
    url = f"/admin/groups/nationalgroup/{group.pk}/change/"
    data = admin_form_data(oversight_client.get(url))
    [prefix] = [
        key[: -len("-public_name_shown")] for key in data if key.endswith("public_name_shown")
    ]
    assert data[f"{prefix}-public_name_shown"] == "unknown"

    response = oversight_client.post(url, {**data, f"{prefix}-public_name_shown": "false"})

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert named_publicly(group) == []


def test_the_migration_keeps_everyone_named_today_named(group):
    named = [
        MembershipFactory(group=group, role=role, public_name=f"Named {role}")
        for role in Membership.LEAD_ROLES
    ]
    unnamed = MembershipFactory(group=group, role=Role.COMMUNICATIONS_LEAD)
    keep_todays_names = migration_named("public_name_choice").operations[-1]

    keep_todays_names.code(apps, None)

    assert sorted(named_publicly(group)) == sorted(lead.public_name for lead in named)
    unnamed.refresh_from_db()
    assert unnamed.public_name_shown is None


def test_a_ticked_box_without_a_name_says_what_is_missing_not_that_it_is_hidden(client, group):
    lead = MembershipFactory(
        group=group, role=Role.NATIONAL_LEAD, public_name="", user__first_name=""
    )
    client.force_login(lead.user)

    html = client.get(DASHBOARD).content.decode()

    assert client.get(DASHBOARD).context["public_name_form"]["public_name_shown"].value()
    assert NOT_SHOWN not in html
    assert "Write the name to show below" in html


def test_the_full_name_given_at_sign_up_is_offered_as_the_public_name(client, group):
    lead = MembershipFactory(
        group=group, role=Role.NATIONAL_LEAD, public_name="", user__first_name="Nora Example"
    )
    client.force_login(lead.user)

    form = client.get(DASHBOARD).context["public_name_form"]

    assert form["public_name"].value() == "Nora Example"


def test_organizers_are_listed_by_name_and_only_leads_see_addresses(client, group, national_lead):
    member = MembershipFactory(
        group=group, role=Role.MEMBER, user__first_name="Mia Member", user__email="mia@example.org"
    )
    national_lead.user.first_name = "Nora Example"
    national_lead.user.save()

    client.force_login(member.user)
    as_member = client.get(DASHBOARD).content.decode()
    client.force_login(national_lead.user)
    as_lead = client.get(DASHBOARD).content.decode()

    assert "Nora Example" in as_member and national_lead.user.email not in as_member
    assert "Mia Member" in as_lead and "mia@example.org" in as_lead
