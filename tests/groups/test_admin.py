"""The oversight team works in the admin as staff, not as superusers."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    GroupApplicationFactory,
    LinkFactory,
    LocalCommunityFactory,
    MembershipFactory,
    NationalGroupFactory,
    OversightTeamMemberFactory,
    SetupSubStepFactory,
)

pytestmark = pytest.mark.django_db

TEAM_APPS = ("groups", "onboarding", "microgrants")


def team_models():
    return [model for model in admin.site._registry if model._meta.app_label in TEAM_APPS]


def admin_url(model, view, *args):
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    return (
        base
        + {"changelist": "", "add": "add/", "change": f"{args[0] if args else ''}/change/"}[view]
    )


@pytest.fixture
def one_of_everything():
    group = NationalGroupFactory(coach=OversightTeamMemberFactory())
    MembershipFactory(group=group)
    LinkFactory(national_group=group, kind="x", url="https://x.com/a")
    LocalCommunityFactory(national_group=group)
    SetupSubStepFactory()
    GroupApplicationFactory(country="LU")


def test_oversight_member_is_staff_but_not_superuser(oversight_member):
    assert oversight_member.is_staff
    assert not oversight_member.is_superuser


def test_oversight_member_opens_every_changelist_add_and_change_form(
    oversight_client, one_of_everything
):
    models = team_models()
    assert {model._meta.model_name for model in models} >= {
        "nationalgroup",
        "localcommunity",
        "oversightteammember",
        "setupstep",
        "groupapplication",
        "micrograntrequest",
    }
    for model in models:
        assert oversight_client.get(admin_url(model, "changelist")).status_code == 200, model
        # Applications come from applicants only; the team never adds one by hand.
        may_add = model._meta.model_name not in ("groupapplication", "micrograntrequest")
        expected_add = 200 if may_add else 403
        assert oversight_client.get(admin_url(model, "add")).status_code == expected_add, model
        for obj in model.objects.all():
            response = oversight_client.get(admin_url(model, "change", obj.pk))
            assert response.status_code == 200, model


def test_group_change_form_has_language_tabs_and_inlines(oversight_client, one_of_everything):
    group = NationalGroupFactory()

    html = oversight_client.get(f"/admin/groups/nationalgroup/{group.pk}/change/").content.decode()

    assert 'name="name_en"' in html and 'name="name_nl"' in html
    assert "vendor/jquery-ui/jquery-ui.min.js" in html
    assert "googleapis" not in html
    assert 'name="links-TOTAL_FORMS"' in html
    assert 'name="communities-TOTAL_FORMS"' in html
    assert 'name="memberships-TOTAL_FORMS"' in html


def test_group_change_form_has_a_tab_for_each_of_the_four_languages(oversight_client):
    group = NationalGroupFactory()

    html = oversight_client.get(f"/admin/groups/nationalgroup/{group.pk}/change/").content.decode()

    # modeltranslation's tabs script makes a tab of each field marked with its language.
    for field in ("name", "description"):
        marked = re.findall(rf'class="[^"]*mt-field-{field}-(\w+)[^"]*"', html)
        assert marked == ["en", "nl", "fr", "de"], field


def test_changelist_filters_and_searches(oversight_client):
    NationalGroupFactory(name_en="PauseAI Kenya", country="KE", status="forming")
    NationalGroupFactory(name_en="PauseAI Chile", country="CL", status="active")

    forming = oversight_client.get("/admin/groups/nationalgroup/?status__exact=forming")
    searched = oversight_client.get("/admin/groups/nationalgroup/?q=chile")

    assert "PauseAI Kenya" in forming.content.decode()
    assert "PauseAI Chile" not in forming.content.decode()
    assert "PauseAI Chile" in searched.content.decode()
    assert "PauseAI Kenya" not in searched.content.decode()


def test_changelist_finds_a_group_by_its_name_in_any_language(oversight_client):
    NationalGroupFactory(name_en="PauseAI Switzerland", name_fr="PauseIA Suisse", country="CH")
    NationalGroupFactory(name_en="PauseAI Austria", name_de="PauseKI Österreich", country="AT")

    french = oversight_client.get("/admin/groups/nationalgroup/?q=pauseia").content.decode()
    german = oversight_client.get("/admin/groups/nationalgroup/?q=pauseki").content.decode()

    assert "PauseAI Switzerland" in french and "PauseAI Austria" not in french
    assert "PauseAI Austria" in german and "PauseAI Switzerland" not in german


def test_changelists_find_groups_and_communities_by_country_name(oversight_client):
    """In place of a filter of 250 countries: the search knows their names, in the
    admin's language as on the public pages."""
    kenya = NationalGroupFactory(name_en="PauseAI East Africa", country="KE")
    NationalGroupFactory(name_en="PauseAI Chile", country="CL")
    LocalCommunityFactory(national_group=kenya, name="Nairobi meetups", country="KE")
    LocalCommunityFactory(name="Santiago meetups", country="CL")

    groups = oversight_client.get("/admin/groups/nationalgroup/?q=keny").content.decode()
    communities = oversight_client.get("/admin/groups/localcommunity/?q=keny").content.decode()

    assert "PauseAI East Africa" in groups and "PauseAI Chile" not in groups
    assert "Nairobi meetups" in communities and "Santiago meetups" not in communities


def fill_registry(size):
    for index in range(size):
        group = NationalGroupFactory(coach=OversightTeamMemberFactory())
        MembershipFactory(group=group)
        LinkFactory(national_group=group, kind="x", url="https://x.com/a")
        LocalCommunityFactory(national_group=group)
        SetupSubStepFactory(step__number=index + 1)
        GroupApplicationFactory(country=group.country)


def changelist_queries(client, model):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return len(queries)


def test_changelists_run_a_constant_number_of_queries(oversight_client):
    fill_registry(3)
    small = {model: changelist_queries(oversight_client, model) for model in team_models()}
    fill_registry(60)
    large = {model: changelist_queries(oversight_client, model) for model in team_models()}

    # Every changelist: session, user, the user's own and group permissions,
    # the filtered count, the total count, the rows (counts annotated, related
    # rows joined). Group and community lists add one for the choices of
    # their related-object filter (coach; national group); the group list two
    # more for the setup progress column (the steps, and the page's ticks), and
    # one for the countries in use (its country filter), without the total count.
    expected = {
        "nationalgroup": 10,
        "localcommunity": 8,
        "oversightteammember": 7,
        "setupstep": 7,
        "groupapplication": 7,
        # plus the choices of the year filter
        "micrograntrequest": 9,
    }
    assert {model._meta.model_name: count for model, count in small.items()} == expected
    assert small == large


def test_migrations_give_the_oversight_team_its_permissions(settings):
    team = Group.objects.get(name=settings.OVERSIGHT_TEAM_GROUP)
    codenames = set(team.permissions.values_list("codename", flat=True))

    assert {
        "change_nationalgroup",
        "add_localcommunity",
        "change_setupstep",
        "view_groupapplication",
        "change_groupapplication",
        "view_invitation",
        "view_groupedit",
        "view_user",
        "view_communitymembership",
        "change_communitymembership",
        "delete_communitymembership",
    } <= codenames
    # Statuses and history change only through the review workflow; community organizers
    # join only by invitation.
    assert (
        not {
            "add_groupapplication",
            "delete_groupapplication",
            "change_user",
            "add_communitymembership",
        }
        & codenames
    )


def test_the_groups_country_filter_offers_only_the_countries_in_use(oversight_client):
    NationalGroupFactory(country="KE", name_en="PauseAI Kenya")
    NationalGroupFactory(country="CL", name_en="PauseAI Chile")

    html = oversight_client.get("/admin/groups/nationalgroup/").content.decode()
    kenya = oversight_client.get("/admin/groups/nationalgroup/?country=KE").content.decode()

    countries = re.findall(r'href="\?country=([A-Z]{2})"', html)
    assert sorted(countries) == ["CL", "KE"]
    assert "PauseAI Kenya" in kenya and "PauseAI Chile" not in kenya
