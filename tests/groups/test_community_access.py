"""Who may see and do what on a group's and its communities' pages, every person against
every address: a community's own organizers change that community's profile, links and
position, and nothing else of the group; only the group's national and communications
leads (and the oversight team) invite and remove them. Every refusal is a 403 or a 404."""

import pytest

from groups.models import CommunityMembership, LocalCommunity
from microgrants.permissions import may_request
from tests.conftest import make_oversight_member
from tests.factories import (
    CommunityMembershipFactory,
    LocalCommunityFactory,
    MembershipFactory,
    NationalGroupFactory,
    SetupStepFactory,
    UserFactory,
)
from tests.groups.test_self_service import links_data
from tests.microgrants.helpers import request_data

pytestmark = pytest.mark.django_db

PERSONAS = (
    "anonymous",
    "national_lead_of_a",
    "communications_lead_of_a",
    "organizing_lead_of_a",
    "member_of_a",
    "organizer_of_a1",
    "organizer_of_a2",
    "lead_of_b",
    "oversight",
)


@pytest.fixture
def world(settings):
    group_a = NationalGroupFactory(slug="group-a")
    group_b = NationalGroupFactory(slug="group-b")
    a1 = LocalCommunityFactory(national_group=group_a, name="PauseAI Ghent", city="Ghent")
    a2 = LocalCommunityFactory(national_group=group_a, name="PauseAI Bruges", city="Bruges")
    b1 = LocalCommunityFactory(national_group=group_b, name="PauseAI Delft", city="Delft")
    national_lead = MembershipFactory(group=group_a, role="national_lead")
    people = {
        "anonymous": None,
        "national_lead_of_a": national_lead.user,
        "communications_lead_of_a": MembershipFactory(
            group=group_a, role="communications_lead"
        ).user,
        "organizing_lead_of_a": MembershipFactory(group=group_a, role="organizing_lead").user,
        "member_of_a": MembershipFactory(group=group_a, role="member").user,
        "organizer_of_a1": CommunityMembershipFactory(community=a1).user,
        "organizer_of_a2": CommunityMembershipFactory(community=a2).user,
        "lead_of_b": MembershipFactory(group=group_b, role="national_lead").user,
        "oversight": make_oversight_member(settings, username="oversight"),
    }
    return {
        "people": people,
        "a1": a1.pk,
        "community_a1": a1,
        "a2": a2.pk,
        "b1": b1.pk,
        "national_lead": national_lead.pk,
        "member": MembershipFactory(group=group_a, role="member").pk,
        "step": SetupStepFactory(number=1).pk,
    }


def community_data(name="PauseAI Ghent"):
    return {"name": name, "city": "Ghent", "status": "active", **links_data()}


def post_data(kind, persona, world):
    """Fresh data for each person: an invitation's address is each one's own, so that one
    person's invitation does not make the next one's a duplicate."""
    return {
        None: {},
        "community": community_data(f"PauseAI Ghent ({persona})"),
        "profile": {"description_en": "We meet.", **links_data()},
        "invite": {"email": f"invited-by-{persona}@example.org"},
        "group_invite": {"email": f"invited-by-{persona}@example.org", "role": "member"},
        "public_name": {"public_name": "Greet", "public_name_shown": "on"},
        "role": {"role": "organizing_lead"},
        "step": {"step": world["step"], "done": "on"},
        "microgrant": request_data(),
    }[kind]


def outcome(client, person, method, url, data):
    client.logout()
    if person:
        client.force_login(person)
    response = getattr(client, method)(url, data)
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


A = "/en/my/groups/group-a"

# (method, url, what is posted, expected outcome per persona, in the order of PERSONAS)
MATRIX = [
    # The community's own pages.
    ("get", f"{A}/communities/{{a1}}/", None, ("login", 200, 200, 403, 403, 200, 404, 404, 403)),
    (
        "post",
        f"{A}/communities/{{a1}}/",
        "community",
        ("login", 302, 302, 403, 403, 302, 404, 404, 403),
    ),
    ("get", f"{A}/communities/{{a2}}/", None, ("login", 200, 200, 403, 403, 404, 200, 404, 403)),
    (
        "post",
        f"{A}/communities/{{a2}}/",
        "community",
        ("login", 302, 302, 403, 403, 404, 302, 404, 403),
    ),
    (
        "get",
        f"{A}/communities/{{a1}}/organizers/",
        None,
        ("login", 200, 200, 200, 200, 200, 404, 404, 200),
    ),
    (
        "get",
        f"{A}/communities/{{a2}}/organizers/",
        None,
        ("login", 200, 200, 200, 200, 404, 200, 404, 200),
    ),
    (
        "post",
        f"{A}/communities/{{a1}}/organizers/invite/",
        "invite",
        ("login", 302, 302, 403, 403, 403, 404, 404, 302),
    ),
    (
        "get",
        f"{A}/communities/{{a1}}/organizers/invite/",
        None,
        ("login",) + (405,) * 8,
    ),
    (
        "post",
        f"{A}/communities/{{a1}}/organizers/{{target}}/remove/",
        None,
        ("login", 302, 302, 403, 403, 403, 404, 404, 302),
    ),
    (
        "post",
        f"{A}/communities/{{a1}}/public-name/",
        "public_name",
        ("login", 403, 403, 403, 403, 302, 404, 404, 403),
    ),
    # A community asked for under another group's address does not exist there.
    (
        "get",
        f"{A}/communities/{{b1}}/",
        None,
        ("login", 404, 404, 403, 403, 404, 404, 404, 403),
    ),
    (
        "get",
        f"{A}/communities/{{b1}}/organizers/",
        None,
        ("login", 404, 404, 404, 404, 404, 404, 404, 404),
    ),
    (
        "get",
        "/en/my/groups/group-b/communities/{a1}/",
        None,
        ("login", 404, 404, 404, 404, 404, 404, 404, 403),
    ),
    (
        "get",
        "/en/my/groups/group-b/communities/{a1}/organizers/",
        None,
        ("login", 404, 404, 404, 404, 404, 404, 404, 404),
    ),
    (
        "get",
        f"{A}/communities/999999/organizers/",
        None,
        ("login", 404, 404, 404, 404, 404, 404, 404, 404),
    ),
    # Nothing else of the group: its page, profile, communities, people, checklist, grants.
    ("get", f"{A}/", None, ("login", 200, 200, 200, 200, 404, 404, 404, 200)),
    ("get", f"{A}/profile/", None, ("login", 200, 200, 403, 403, 404, 404, 404, 403)),
    ("post", f"{A}/profile/", "profile", ("login", 302, 302, 403, 403, 404, 404, 404, 403)),
    ("get", f"{A}/communities/add/", None, ("login", 200, 200, 403, 403, 404, 404, 404, 403)),
    (
        "post",
        f"{A}/communities/add/",
        "community",
        ("login", 302, 302, 403, 403, 404, 404, 404, 403),
    ),
    (
        "post",
        f"{A}/invitations/",
        "group_invite",
        ("login", 302, 302, 403, 403, 404, 404, 404, 403),
    ),
    (
        "post",
        f"{A}/public-name/",
        "public_name",
        ("login", 302, 302, 302, 302, 404, 404, 404, 403),
    ),
    (
        "post",
        f"{A}/organizers/{{member}}/role/",
        "role",
        ("login", 302, 302, 403, 403, 404, 404, 404, 403),
    ),
    (
        "post",
        f"{A}/organizers/{{national_lead}}/remove/",
        None,
        ("login", 302, 403, 403, 403, 404, 404, 404, 403),
    ),
    ("get", f"{A}/setup/", None, ("login", 200, 200, 200, 200, 404, 404, 404, 200)),
    ("post", f"{A}/setup/", "step", ("login", 302, 302, 302, 302, 404, 404, 404, 403)),
    ("get", f"{A}/microgrants/", None, ("login", 200, 200, 200, 200, 404, 404, 404, 200)),
    ("get", f"{A}/microgrants/new/", None, ("login", 200, 200, 200, 200, 404, 404, 404, 403)),
    (
        "post",
        f"{A}/microgrants/new/",
        "microgrant",
        ("login", 302, 302, 302, 302, 404, 404, 404, 403),
    ),
    # Their own page and the public ones.
    ("get", "/en/my/", None, ("login",) + (200,) * 8),
    ("get", "/en/national-groups/group-a/", None, (200,) * 9),
]


@pytest.mark.parametrize(("method", "url", "posted", "expected"), MATRIX)
def test_each_person_gets_exactly_what_they_may(client, world, method, url, posted, expected):
    outcomes = {}
    for persona in PERSONAS:
        # Someone to remove, made again for each person: the first removal would leave
        # nobody for the next one.
        target = CommunityMembershipFactory(community=world["community_a1"]).pk
        values = {key: value for key, value in world.items() if key != "people"}
        address = url.format(**values, target=target)
        outcomes[persona] = outcome(
            client, world["people"][persona], method, address, post_data(posted, persona, world)
        )

    assert outcomes == dict(zip(PERSONAS, expected, strict=True))


def test_a_community_organizer_may_not_ask_for_microgrants_even_through_the_rule(world):
    group = LocalCommunity.objects.get(pk=world["a1"]).national_group
    organizer = world["people"]["organizer_of_a1"]

    assert not may_request(organizer, group)
    assert may_request(world["people"]["member_of_a"], group)


def test_the_community_page_offers_each_person_only_what_they_may(client, world):
    """The buttons follow the same rules as the addresses behind them."""
    page = f"{A}/communities/{world['a1']}/organizers/"
    edit = f"{A}/communities/{world['a1']}/"
    invite = f"{A}/communities/{world['a1']}/organizers/invite/"
    remove = "/remove/"
    public_name = f"{A}/communities/{world['a1']}/public-name/"

    def offered(persona):
        client.force_login(world["people"][persona])
        html = client.get(page).content.decode()
        return {
            link
            for link, part in (
                ("edit", f'href="{edit}"'),
                ("invite", f'action="{invite}"'),
                ("remove", remove),
                ("public_name", f'action="{public_name}"'),
            )
            if part in html
        }

    assert offered("national_lead_of_a") == {"edit", "invite", "remove"}
    assert offered("member_of_a") == set()
    assert offered("organizer_of_a1") == {"edit", "public_name"}
    assert offered("oversight") == {"invite", "remove"}


def test_a_removed_community_organizer_no_longer_reaches_the_community(client, world):
    organizer = world["people"]["organizer_of_a1"]
    CommunityMembership.objects.filter(user=organizer).delete()
    client.force_login(organizer)

    assert client.get(f"{A}/communities/{world['a1']}/").status_code == 404
    assert client.get(f"{A}/communities/{world['a1']}/organizers/").status_code == 404


def test_an_organizer_sees_the_communitys_private_links_but_not_the_groups(client, world):
    community = LocalCommunity.objects.get(pk=world["a1"])
    community.links.create(kind="signal", url="https://signal.group/#ghent", is_private=True)
    community.national_group.links.create(
        kind="whatsapp", url="https://chat.whatsapp.com/Group", is_private=True
    )
    client.force_login(world["people"]["organizer_of_a1"])

    community_page = client.get(f"{A}/communities/{community.pk}/organizers/").content.decode()
    group_page = client.get("/en/national-groups/group-a/").content.decode()

    assert "signal.group/#ghent" in community_page
    assert "chat.whatsapp.com/Group" not in group_page
    assert "signal.group/#ghent" not in group_page


def test_a_stranger_with_an_account_reaches_nothing(client, world):
    client.force_login(UserFactory(username="stranger"))

    assert client.get(f"{A}/communities/{world['a1']}/").status_code == 404
    assert client.get(f"{A}/communities/{world['a1']}/organizers/").status_code == 404
