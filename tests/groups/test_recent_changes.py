"""The "recent changes" of a group say what its editors changed, and only that: the edit
forms' bookkeeping (the version they were opened at, the snapshot they showed) is no
change of anyone's. The forms are posted back as the page shows them, hidden fields
and all, as a browser does."""

import pytest
from django.contrib.admin.models import LogEntry

from groups.models import GroupEdit
from tests.admin_forms import admin_form_data, page_form_data
from tests.factories import LocalCommunityFactory, MembershipFactory, NationalGroupFactory

pytestmark = pytest.mark.django_db

PROFILE = "/en/my/groups/belgium/profile/"
DASHBOARD = "/en/my/groups/belgium/"


@pytest.fixture
def group():
    return NationalGroupFactory(slug="belgium", country="BE", name_en="PauseAI Belgium")


@pytest.fixture
def lead(client, group):
    user = MembershipFactory(group=group, role="national_lead").user
    client.force_login(user)
    return user


def as_shown(client, url) -> dict:
    """The edit page's form and links, as a browser posts them back untouched."""
    response = client.get(url)
    assert response.status_code == 200
    return page_form_data(response.context["form"], response.context["links"])


def recent_changes(client) -> list[str]:
    page = client.get(DASHBOARD).content.decode()
    history = page[page.index('class="history"') : page.index("</ol>", page.index("history"))]
    return [item.split(": ", 1)[1].split("</li>")[0] for item in history.split("<li")[1:]]


def test_saving_the_profile_records_only_the_fields_that_changed(client, group, lead):
    assert client.post(PROFILE, as_shown(client, PROFILE)).status_code == 302
    changed = {**as_shown(client, PROFILE), "description_nl": "Wij organiseren in Gent."}
    assert client.post(PROFILE, changed).status_code == 302

    # Saved once unchanged (nothing to record), then with a description.
    assert [edit.details for edit in GroupEdit.objects.filter(group=group)] == [
        {"fields": ["description_nl"]}
    ]
    assert recent_changes(client) == ["Profile: description (Dutch)"]


def test_saving_a_community_records_only_the_fields_that_changed(client, group, lead):
    community = LocalCommunityFactory(national_group=group, name="PauseAI Ghent", city="Ghent")
    url = f"/en/my/groups/belgium/communities/{community.pk}/"

    assert client.post(url, as_shown(client, url)).status_code == 302
    assert client.post(url, {**as_shown(client, url), "city": "Gent"}).status_code == 302

    assert recent_changes(client) == ["Community PauseAI Ghent: city"]


def test_the_admins_history_of_a_group_names_only_the_fields_changed(oversight_client, group):
    url = f"/admin/groups/nationalgroup/{group.pk}/change/"
    shown = admin_form_data(oversight_client.get(url))

    response = oversight_client.post(url, {**shown, "description_en": "Changed by the team."})

    assert response.status_code == 302
    change = LogEntry.objects.get(object_id=str(group.pk))
    assert change.get_change_message() == "Changed Description [en]."
