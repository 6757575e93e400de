"""The recovery codes page, shown right after the authenticator app is set up: the codes
and their buttons in the page's column, "Generate new codes" (which voids the codes just
shown) set apart from "Download codes", and asking first, on a page of its own that
works without JavaScript."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

from tests.conftest import log_in_with_second_factor, make_oversight_member

pytestmark = pytest.mark.django_db

CODES = "/en/accounts/2fa/recovery-codes/"
GENERATE = "/en/accounts/2fa/recovery-codes/generate/"


@pytest.fixture
def member_client(client, settings):
    member = make_oversight_member(settings, username="olga")
    RecoveryCodes.activate(member)
    return log_in_with_second_factor(client, member), member


def unused_codes(member):
    return Authenticator.objects.get(user=member, type="recovery_codes").wrap().get_unused_codes()


def between(html, start, end):
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def test_the_codes_and_their_buttons_sit_in_the_pages_column(member_client):
    client, member = member_client

    html = client.get(CODES).content.decode()

    column = between(html, '<div class="account-column">', "</main>")
    # One a line, nothing else, to copy as they are.
    assert ">" + "\n".join(unused_codes(member)) + "</textarea>" in column
    assert 'href="/en/accounts/2fa/recovery-codes/download/"' in column
    assert f'href="{GENERATE}"' in column


def test_generating_new_codes_is_set_apart_from_downloading_them(member_client):
    client, _member = member_client

    html = client.get(CODES).content.decode()

    download = between(html, "<a", 'href="/en/accounts/2fa/recovery-codes/download/"')
    download_class = download.rsplit('class="', 1)[1]
    generate = html[: html.index(f'href="{GENERATE}"')].rsplit('class="', 1)[1]
    assert "button--danger-outline" in generate and "button--danger" not in download_class
    # Said before the click: the codes shown stop working.
    assert "The codes above stop working" in html
    assert html.index("Download codes") < html.index("The codes above stop working")


def test_new_codes_are_generated_only_once_confirmed_and_keeping_them_is_one_link(
    member_client,
):
    client, member = member_client
    before = unused_codes(member)

    page = client.get(GENERATE)

    html = page.content.decode()
    assert page.status_code == 200
    assert unused_codes(member) == before
    assert "This action will invalidate your existing codes." in html
    form = between(html, '<form class="account-form account-form--bare" method="post"', "</form>")
    assert 'type="submit"' in form and "button--danger" in form
    assert f'href="{CODES}"' in form  # Keep my codes
    assert "<script" not in between(html, "<main", "</main>")

    response = client.post(GENERATE)

    assert response["Location"] == CODES
    assert set(unused_codes(member)).isdisjoint(before)
