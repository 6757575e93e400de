"""A formset posted with a huge form count is refused at once: no page builds more forms
than it could ever save (TOTAL_FORMS=99999999 used to take 5-6 s on the profile page)."""

import pytest

from groups.models import Link
from microgrants.models import MicrograntRequest
from tests.admin_forms import admin_form_data
from tests.factories import (
    LocalCommunityFactory,
    MembershipFactory,
    MicrograntRequestFactory,
    NationalGroupFactory,
)
from tests.microgrants.helpers import request_data

pytestmark = pytest.mark.django_db

HUGE = "99999999"
LINK_KINDS = len(Link.Kind)


@pytest.fixture
def lead(client):
    group = NationalGroupFactory(slug="belgium", country="BE")
    client.force_login(MembershipFactory(group=group, role="national_lead").user)
    return group


def test_a_huge_link_formset_on_the_profile_is_refused_at_once(client, lead):
    response = client.post(
        "/en/my/groups/belgium/profile/",
        {"description_en": "Kept", "links-TOTAL_FORMS": HUGE, "links-INITIAL_FORMS": "0"},
    )

    assert response.status_code == 400
    links = response.context["links"]
    assert len(links.forms) <= LINK_KINDS
    assert f"Please submit at most {LINK_KINDS} forms." in links.non_form_errors()
    assert response.context["form"]["description_en"].value() == "Kept"


def test_a_huge_link_formset_on_a_community_is_refused_at_once(client, lead):
    response = client.post(
        "/en/my/groups/belgium/communities/add/",
        {
            "name": "PauseAI Ghent",
            "city": "Ghent",
            "status": "active",
            "links-TOTAL_FORMS": HUGE,
            "links-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 400
    assert len(response.context["links"].forms) <= LINK_KINDS


def test_a_huge_budget_is_refused_at_once_and_the_limit_is_said(client, lead):
    data = request_data()
    data["budget-TOTAL_FORMS"] = HUGE

    response = client.post("/en/my/groups/belgium/microgrants/new/", data)

    assert response.status_code == 400
    budget = response.context["budget"]
    assert len(budget.forms) <= 30
    assert "Please submit at most 30 forms." in budget.non_form_errors()
    assert "at most 30 budget lines" in response.content.decode()
    assert not MicrograntRequest.objects.exists()


def test_the_link_formset_offers_one_row_per_kind_at_most(client, lead):
    for kind in list(Link.Kind)[:LINK_KINDS]:
        Link.objects.create(national_group=lead, kind=kind, url=f"https://{kind}.com/x")

    response = client.get("/en/my/groups/belgium/profile/")

    assert len(response.context["links"].forms) == LINK_KINDS


@pytest.mark.parametrize(
    "admin_url",
    ["nationalgroup", "localcommunity", "micrograntrequest", "groupapplication", "setupstep"],
)
def test_every_admin_inline_is_capped(oversight_client, admin_url):
    group = NationalGroupFactory()
    LocalCommunityFactory(national_group=group)
    objects = {
        "nationalgroup": ("groups", group),
        "localcommunity": ("groups", LocalCommunityFactory(national_group=group)),
        "micrograntrequest": ("microgrants", MicrograntRequestFactory(group=group)),
        "groupapplication": ("onboarding", None),
        "setupstep": ("onboarding", None),
    }
    from tests.factories import GroupApplicationFactory, SetupStepFactory

    app_label, obj = objects[admin_url]
    obj = (
        obj
        or {"groupapplication": GroupApplicationFactory, "setupstep": SetupStepFactory}[admin_url]()
    )
    url = f"/admin/{app_label}/{admin_url}/{obj.pk}/change/"
    shown = oversight_client.get(url)
    data = admin_form_data(shown)
    for inline in shown.context["inline_admin_formsets"]:
        data[f"{inline.formset.prefix}-TOTAL_FORMS"] = HUGE

    response = oversight_client.post(url, data)

    assert response.status_code in (200, 302)
    if response.status_code == 200 and response.context.get("inline_admin_formsets"):
        for inline in response.context["inline_admin_formsets"]:
            # Never more forms than the inline may hold (its max_num, or the rows it
            # shows), where Django alone would build max_num + 1000.
            formset = inline.formset
            assert len(formset.forms) <= formset.absolute_max <= 500, formset.prefix
