"""Every URL of the onboarding flow, walked as each kind of person, with the exact outcome."""

import pytest

from onboarding.models import GroupApplication
from tests.conftest import make_oversight_member, make_superuser
from tests.factories import (
    GroupApplicationFactory,
    InvitationFactory,
    LocalCommunityFactory,
    MembershipFactory,
    NationalGroupFactory,
    SetupStepFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PERSONAS = (
    "anonymous",
    "verified_user",
    "lead_of_a",
    "member_of_a",
    "organizer_of_b",
    "oversight",
    "superuser",
)


@pytest.fixture
def world(settings):
    group_a = NationalGroupFactory(slug="group-a", status="forming")
    group_b = NationalGroupFactory(slug="group-b")
    oversight = make_oversight_member(settings, username="oversight")
    people = {
        "anonymous": None,
        "verified_user": UserFactory(username="visitor"),
        "lead_of_a": MembershipFactory(group=group_a, role="national_lead").user,
        "member_of_a": MembershipFactory(group=group_a, role="member").user,
        "organizer_of_b": MembershipFactory(group=group_b, role="national_lead").user,
        "oversight": oversight,
        "superuser": make_superuser(username="root"),
    }
    extra_organizer = MembershipFactory(group=group_a, role="member")
    invitation = InvitationFactory(group=group_a, email="invitee@example.org")
    applicant = UserFactory(username="applicant")
    application = GroupApplicationFactory(
        applicant=applicant, country="LU", status="more_info_needed"
    )
    step = SetupStepFactory(number=1)
    return {
        "people": people,
        "application": application.pk,
        "step": step.pk,
        "community_a": LocalCommunityFactory(national_group=group_a).pk,
        "community_b": LocalCommunityFactory(national_group=group_b).pk,
        "extra_organizer": extra_organizer.pk,
        "invitation": invitation.token,
    }


def outcome(client, person, method, url, data=None):
    client.logout()
    if person:
        client.force_login(person)
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


# (method, url, expected outcome per persona, in the order of PERSONAS)
MATRIX = [
    ("get", "/en/apply/", ("login", 200, 200, 200, 200, 200, 200)),
    ("get", "/en/my/", ("login", 200, 200, 200, 200, 200, 200)),
    ("get", "/en/my/groups/group-a/setup/", ("login", 404, 200, 200, 404, 200, 200)),
    ("get", "/en/my/groups/group-b/setup/", ("login", 404, 404, 404, 200, 200, 200)),
    ("get", "/en/my/groups/nowhere/setup/", ("login", 404, 404, 404, 404, 404, 404)),
    ("post", "/en/my/groups/group-a/setup/", ("login", 404, 302, 302, 404, 403, 403)),
    ("post", "/en/my/applications/{application}/answer/", ("login",) + (404,) * 6),
    ("post", "/en/my/applications/{application}/withdraw/", ("login",) + (404,) * 6),
    ("get", "/en/my/applications/{application}/withdraw/", ("login",) + (404,) * 6),
    ("get", "/en/my/groups/group-a/", ("login", 404, 200, 200, 404, 200, 200)),
    ("get", "/en/my/groups/group-a/profile/", ("login", 404, 200, 403, 404, 403, 403)),
    ("post", "/en/my/groups/group-a/profile/", ("login", 404, 400, 403, 404, 403, 403)),
    ("get", "/en/my/groups/group-a/communities/add/", ("login", 404, 200, 403, 404, 403, 403)),
    (
        "get",
        "/en/my/groups/group-a/communities/{community_a}/",
        ("login", 404, 200, 403, 404, 403, 403),
    ),
    (
        "get",
        "/en/my/groups/group-a/communities/{community_b}/",
        ("login", 404, 404, 403, 404, 403, 403),
    ),
    ("post", "/en/my/groups/group-a/invitations/", ("login", 404, 400, 403, 404, 403, 403)),
    (
        "post",
        "/en/my/groups/group-a/organizers/{extra_organizer}/remove/",
        ("login", 404, 302, 403, 404, 403, 403),
    ),
    # Anyone with the link reads the invitation (as its email does), and how to accept it.
    ("get", "/en/invitations/{invitation}/", (200,) * 7),
    ("post", "/en/invitations/{invitation}/", ("login", 403, 403, 403, 403, 403, 403)),
    ("get", "/en/invitations/00000000-0000-0000-0000-000000000000/", (404,) * 7),
]


@pytest.mark.parametrize(("method", "url", "expected"), MATRIX)
def test_each_person_gets_exactly_what_they_may(client, world, method, url, expected):
    url = url.format(**{key: value for key, value in world.items() if key != "people"})
    data = {"step": world["step"], "done": "on", "message": "Hello"}

    outcomes = {
        persona: outcome(client, world["people"][persona], method, url, data)
        for persona in PERSONAS
    }

    assert outcomes == dict(zip(PERSONAS, expected, strict=True))


def test_withdrawing_asks_for_confirmation_first(client, world):
    """On /my/ "Withdraw" leads to a page that asks; nothing changes until it is
    confirmed there (a page, so it works without JavaScript)."""
    application = GroupApplication.objects.get(pk=world["application"])
    client.force_login(application.applicant)
    url = f"/en/my/applications/{application.pk}/withdraw/"

    overview = client.get("/en/my/").content.decode()
    question = client.get(url)

    assert f'<a class="button button--secondary" href="{url}">' in overview
    assert f'action="{url}"' not in overview
    html = question.content.decode()
    assert question.status_code == 200
    assert "Withdraw your application?" in html
    assert f'action="{url}"' in html and 'href="/en/my/"' in html
    application.refresh_from_db()
    assert application.status != "withdrawn"


def test_the_applicant_alone_answers_and_withdraws(client, world):
    application = GroupApplication.objects.get(pk=world["application"])
    client.force_login(application.applicant)

    answered = client.post(f"/en/my/applications/{application.pk}/answer/", {"message": "Yes"})
    withdrawn = client.post(f"/en/my/applications/{application.pk}/withdraw/")

    assert answered.status_code == withdrawn.status_code == 302
    application.refresh_from_db()
    assert application.status == "withdrawn"
