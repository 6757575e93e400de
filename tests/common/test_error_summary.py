"""Every refused form shows, at the top of the page, a summary of its mistakes with a link
to each field at fault, and keeps what was typed (issue 19 §2)."""

import re

import pytest

from tests.factories import MembershipFactory, NationalGroupFactory, UserFactory
from tests.microgrants.helpers import request_data

pytestmark = pytest.mark.django_db


def summary_of(html):
    """The summary's entries as (target id, text); it stands above the page's heading,
    and every link leads to an element of the page."""
    assert "data-error-summary" in html, "no error summary"
    summary = html[
        html.index("data-error-summary") : html.index("</div>", html.index("data-error-summary"))
    ]
    assert html.index("data-error-summary") < html.index("<h1"), "the summary is below the heading"
    entries = [
        (target, re.sub(r"<[^>]+>", "", text).strip())
        for target, text in re.findall(r'<li>(?:<a href="#([^"]+)">)?(.*?)</li>', summary, re.S)
    ]
    for target, _text in entries:
        if target:
            assert f'id="{target}"' in html, f"the summary links to #{target}, not on the page"
    return entries


@pytest.fixture
def organizer(client):
    group = NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")
    user = MembershipFactory(group=group, role="national_lead").user
    client.force_login(user)
    return user


def test_a_refused_microgrant_request_lists_each_mistake_at_the_top(client, organizer):
    data = request_data(("Printing", "400.00"), ("Tape", "free"), title="")

    response = client.post("/en/my/groups/belgium/microgrants/new/", data)

    html = response.content.decode()
    assert response.status_code == 400
    assert summary_of(html) == [
        ("id_title", "Title: This field is required."),
        ("id_budget-1-amount", "Budget line 2, Amount: Enter a number."),
    ]
    # What was typed is still there.
    assert "Five thousand flyers about the pause." in html and 'value="Tape"' in html


def test_a_refused_application_lists_its_mistakes_at_the_top(client):
    client.force_login(UserFactory())

    response = client.post("/en/apply/", {"country": "XX"})

    entries = summary_of(response.content.decode())
    assert (
        "id_country",
        "Country: Select a valid choice. XX is not one of the available choices.",
    ) in entries


def test_a_refused_sign_up_lists_its_mistakes_at_the_top(client):
    response = client.post(
        "/en/accounts/signup/", {"email": "not an address", "name": "Ann", "password1": "x"}
    )

    entries = summary_of(response.content.decode())
    assert ("id_email", "Email: Enter a valid email address.") in entries


def test_a_refused_profile_lists_its_mistakes_at_the_top(client, organizer):
    response = client.post(
        "/en/my/groups/belgium/profile/",
        {
            "description_en": "We organise in Ghent.",
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "0",
            "links-0-kind": "instagram",
            "links-0-url": "not a link",
        },
    )

    entries = summary_of(response.content.decode())
    assert [target for target, _text in entries] == ["id_links-0-url"]


def test_a_page_without_a_refused_form_has_no_summary(client, organizer):
    html = client.get("/en/my/groups/belgium/microgrants/new/").content.decode()

    assert "data-error-summary" not in html


def test_a_refused_admin_change_lists_its_mistakes_with_links(oversight_client):
    group = NationalGroupFactory(slug="belgium", country="BE")

    response = oversight_client.post(
        f"/admin/groups/nationalgroup/{group.pk}/change/", {"slug": "not a slug!"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    summary = html[html.index("data-error-summary") : html.index('class="errornote">')]
    assert 'href="#id_slug"' in summary and 'id="id_slug"' in html
