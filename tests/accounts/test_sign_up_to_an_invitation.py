"""Someone invited to organize signs up from the invitation and stays on it: the links to
sign up and log in (the page's and the header's) keep ?next=, the confirmation email's
link carries it, and confirming the address lands on the invitation, not on the login
page."""

import re
from html import unescape

import pytest
from django.test import Client

from groups.models import CommunityMembership, Membership
from groups.services import community_invitation_create, invitation_create
from tests.factories import LocalCommunityFactory, MembershipFactory, NationalGroupFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"
INVITATION_LINK = re.compile(r"https?://[^/\s]+(/\w\w/invitations/[-\w]+/)")
CONFIRMATION_LINK = re.compile(r"http://testserver(/\w\w/accounts/confirm-email/[-:\w]+/\S*)")


def hrefs(html: str, text: str) -> list[str]:
    """The addresses of the page's links that read `text`."""
    return [
        unescape(href)
        for href, label in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', html)
        if label.strip() == text
    ]


def link_in(message, pattern) -> str:
    match = pattern.search(message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def group():
    return NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")


@pytest.fixture
def lead(group):
    return MembershipFactory(group=group, role="national_lead").user


def invite_to_community(group, lead):
    ghent = LocalCommunityFactory(national_group=group, name="PauseAI Ghent")
    community_invitation_create(
        community=ghent, email="greet@example.org", invited_by=lead, language="en"
    )


def invite_to_group(group, lead):
    invitation_create(
        group=group, email="greet@example.org", role="member", invited_by=lead, language="en"
    )


def joined(user_email):
    return {
        "group": Membership.objects.filter(user__email=user_email).exists(),
        "community": CommunityMembership.objects.filter(user__email=user_email).exists(),
    }


@pytest.mark.parametrize(
    ("invite", "kind"), [(invite_to_community, "community"), (invite_to_group, "group")]
)
def test_an_invited_person_signs_up_confirms_and_lands_on_the_invitation(
    client, group, lead, mailoutbox, django_capture_on_commit_callbacks, invite, kind
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(group, lead)
    invitation = link_in(mailoutbox.pop(), INVITATION_LINK)

    # The invitation, opened from the email before having an account.
    page = client.get(invitation)
    assert page.status_code == 200
    html = page.content.decode()
    assert "To accept, sign up with greet@example.org" in html
    # The page's own button and the header's link both come back here.
    # The header's link, and the page's, which fills the invited address in.
    assert hrefs(html, "Sign up") == [
        f"/en/accounts/signup/?next={invitation}",
        f"/en/accounts/signup/?next={invitation}&email=greet%40example.org",
    ]
    assert hrefs(html, "Log in") == [f"/en/accounts/login/?next={invitation}"] * 2

    # Sign up from it: the form carries ?next= on.
    signup = client.get(f"/en/accounts/signup/?next={invitation}")
    assert f'name="next" value="{invitation}"' in signup.content.decode()
    response = client.post(
        "/en/accounts/signup/",
        {
            "full_name": "Greet Gent",
            "email": "greet@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": invitation,
        },
    )
    assert response["Location"] == "/en/accounts/confirm-email/"

    # Confirm the address from the email: its link carries ?next= to the button's form.
    confirmation = link_in(mailoutbox.pop(), CONFIRMATION_LINK)
    assert confirmation.endswith(f"?next={invitation.replace('/', '%2F')}")
    confirm_page = client.get(confirmation).content.decode()
    assert f'name="next" value="{invitation}"' in confirm_page
    response = client.post(confirmation.split("?")[0], {"next": invitation})
    assert response.status_code == 302
    assert response["Location"] == invitation

    # On the invitation again; log in from it, and back on it.
    html = client.get(invitation).content.decode()
    assert hrefs(html, "Log in")[0] == f"/en/accounts/login/?next={invitation}"
    response = client.post(
        "/en/accounts/login/",
        {"login": "greet@example.org", "password": PASSWORD, "next": invitation},
    )
    assert response["Location"] == invitation
    assert "Accept the invitation" in client.get(invitation).content.decode()

    response = client.post(invitation)

    assert response.status_code == 302
    assert joined("greet@example.org") == {
        "group": kind == "group",
        "community": kind == "community",
    }


def test_the_confirmation_link_opened_on_another_device_lands_on_the_invitation_too(
    client, group, lead, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_to_community(group, lead)
    invitation = link_in(mailoutbox.pop(), INVITATION_LINK)
    client.post(
        "/en/accounts/signup/",
        {
            "full_name": "Greet Gent",
            "email": "greet@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": invitation,
        },
    )
    confirmation = link_in(mailoutbox.pop(), CONFIRMATION_LINK)
    phone = Client()

    confirm_page = phone.get(confirmation).content.decode()
    [next_field] = re.findall(r'name="next" value="([^"]+)"', confirm_page)
    response = phone.post(confirmation.split("?")[0], {"next": next_field})

    assert response["Location"] == invitation


def test_a_sign_up_from_anywhere_else_confirms_to_the_login_page_as_before(client, mailoutbox):
    client.post(
        "/en/accounts/signup/",
        {
            "full_name": "Ada Lovelace",
            "email": "ada@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    confirmation = link_in(mailoutbox.pop(), CONFIRMATION_LINK)

    assert "?" not in confirmation
    assert client.post(confirmation)["Location"] == "/en/accounts/login/"


@pytest.mark.parametrize(
    ("page", "next_kept"),
    [
        ("/en/accounts/login/?next=/en/my/groups/belgium/", "/en/my/groups/belgium/"),
        ("/en/accounts/signup/?next=/en/apply/", "/en/apply/"),
        # Another site is no place to come back to.
        ("/en/accounts/login/?next=https://evil.example/", None),
        ("/en/accounts/login/?next=//evil.example/", None),
        ("/en/national-groups/", None),
    ],
)
def test_the_headers_links_keep_where_the_visitor_was_headed(client, group, page, next_kept):
    html = client.get(page).content.decode()
    header = html[html.index('class="account-links"') : html.index('class="language-switcher"')]

    expected = f"?next={next_kept}" if next_kept else ""
    assert hrefs(header, "Sign up") == [f"/en/accounts/signup/{expected}"]
    assert hrefs(header, "Log in") == [f"/en/accounts/login/{expected}"]


def test_the_invitation_offers_sign_up_with_the_invited_address_filled_in(
    client, group, lead, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_to_group(group, lead)
    invitation = link_in(mailoutbox.pop(), INVITATION_LINK)

    page = client.get(invitation).content.decode()
    (sign_up,) = [href for href in hrefs(page, "Sign up") if "email=" in href]
    form = client.get(sign_up).content.decode()

    assert 'value="greet@example.org"' in form
    main = page[page.index('id="main"') :]
    assert main.index(">Sign up</a>") < main.index(">Log in</a>")


def test_someone_whose_address_has_an_account_is_offered_to_log_in_first(
    client, group, lead, mailoutbox, django_capture_on_commit_callbacks
):
    """As after confirming the address: the account exists, the visitor is logged out."""
    MembershipFactory(user__email="greet@example.org")  # an account, in another group
    with django_capture_on_commit_callbacks(execute=True):
        invite_to_group(group, lead)
    invitation = link_in(mailoutbox.pop(), INVITATION_LINK)

    page = client.get(invitation).content.decode()

    assert "greet@example.org already has an account" in page
    main = page[page.index('id="main"') :]
    assert ">Sign up</a>" not in main
    assert 'class="button" href="/en/accounts/login/?next=' in main
