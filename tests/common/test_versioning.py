"""Two people editing the same thing: the second save of a stale form is refused with what
changed meanwhile, and keeps what its author typed (20 concurrent saves used to lose 19)."""

import pytest
from django import forms as django_forms
from django.db import connection
from django.test import Client

from groups.models import LocalCommunity, NationalGroup
from microgrants.models import MicrograntRequest
from tests.admin_forms import admin_form_data
from tests.concurrency import race
from tests.factories import (
    LinkFactory,
    LocalCommunityFactory,
    MembershipFactory,
    MicrograntRequestFactory,
    NationalGroupFactory,
)
from tests.microgrants.helpers import request_data

pytestmark = pytest.mark.django_db

PROFILE = "/en/my/groups/belgium/profile/"


@pytest.fixture
def group():
    return NationalGroupFactory(
        slug="belgium", country="BE", description_en="Old text", description_nl="Oude tekst"
    )


def organizer_client(group, role="national_lead"):
    client = Client()
    client.force_login(MembershipFactory(group=group, role=role).user)
    return client


def form_as_shown(response, *names) -> dict:
    """What the browser would post back: every field of the form and formsets shown."""
    data = {}
    for name in ("form",) + names:
        part = response.context[name]
        forms = getattr(part, "forms", None)
        if forms is None:
            forms = [part]
        else:
            management = part.management_form
            data.update(
                {
                    management[field].html_name: management[field].value()
                    for field in management.fields
                }
            )
        for form in forms:
            for bound in form:
                if isinstance(bound.field, django_forms.FileField):
                    continue
                value = bound.value()
                if value not in (None, False):
                    data[bound.html_name] = "on" if value is True else value
    return data


def test_a_stale_profile_save_is_refused_with_what_changed_and_keeps_the_input(group):
    ann, bob = organizer_client(group), organizer_client(group, "communications_lead")
    anns_form = form_as_shown(ann.get(PROFILE), "links")
    bobs_form = form_as_shown(bob.get(PROFILE), "links")

    saved = ann.post(PROFILE, {**anns_form, "description_en": "Ann's text"})
    refused = bob.post(PROFILE, {**bobs_form, "description_en": "Bob's text"})

    assert saved.status_code == 302
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "Someone saved this while you were editing it" in html
    assert "Description (English)" in html and "Old text" in html and "Ann&#x27;s text" in html
    assert refused.context["form"]["description_en"].value() == "Bob's text"
    group.refresh_from_db()
    assert group.description_en == "Ann's text"


def test_saving_again_after_seeing_the_changes_goes_through(group):
    ann, bob = organizer_client(group), organizer_client(group, "communications_lead")
    bobs_form = form_as_shown(bob.get(PROFILE), "links")
    ann.post(PROFILE, {**form_as_shown(ann.get(PROFILE), "links"), "description_en": "Ann's"})

    refused = bob.post(PROFILE, {**bobs_form, "description_en": "Bob's"})
    again = bob.post(PROFILE, form_as_shown(refused, "links"))

    assert again.status_code == 302
    group.refresh_from_db()
    assert group.description_en == "Bob's"


def test_a_link_added_meanwhile_is_named_in_the_refusal(group):
    ann, bob = organizer_client(group), organizer_client(group, "communications_lead")
    bobs_form = form_as_shown(bob.get(PROFILE), "links")
    anns_form = form_as_shown(ann.get(PROFILE), "links")
    anns_form.update({"links-0-kind": "x", "links-0-url": "https://x.com/pauseai_be"})

    ann.post(PROFILE, anns_form)
    refused = bob.post(PROFILE, {**bobs_form, "description_en": "Bob's"})

    assert refused.status_code == 409
    assert "https://x.com/pauseai_be" in refused.content.decode()
    assert group.links.count() == 1


def test_a_stale_community_save_is_refused(group):
    community = LocalCommunityFactory(national_group=group, name="PauseAI Ghent", city="Ghent")
    url = f"/en/my/groups/belgium/communities/{community.pk}/"
    ann, bob = organizer_client(group), organizer_client(group, "communications_lead")
    anns_form, bobs_form = (
        form_as_shown(ann.get(url), "links"),
        form_as_shown(bob.get(url), "links"),
    )

    ann.post(url, {**anns_form, "city": "Gent"})
    refused = bob.post(url, {**bobs_form, "name": "PauseAI Gent"})

    assert refused.status_code == 409
    assert "Gent" in refused.content.decode()
    community.refresh_from_db()
    assert (community.name, community.city) == ("PauseAI Ghent", "Gent")


def test_a_draft_saved_in_another_tab_is_not_overwritten(group):
    requester = MembershipFactory(group=group, role="member").user
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, title="First title")
    client = Client()
    client.force_login(requester)
    url = f"/en/my/groups/belgium/microgrants/{microgrant.pk}/edit/"
    line = microgrant.budget_lines.get().pk
    first_tab = client.get(url).context["form"]["edit_version"].value()
    second_tab = first_tab

    client.post(
        url,
        request_data(
            ("Venue", "800.00"),
            line_ids=[line],
            amount_requested="800.00",
            title="From tab one",
            edit_version=first_tab,
        ),
    )
    refused = client.post(
        url,
        request_data(
            ("Venue", "800.00"),
            line_ids=[line],
            amount_requested="800.00",
            title="From tab two",
            edit_version=second_tab,
        ),
    )

    assert refused.status_code == 409
    assert "From tab one" in refused.content.decode()
    assert MicrograntRequest.objects.get(pk=microgrant.pk).title == "From tab one"


def test_a_stale_admin_change_of_a_group_is_refused(oversight_client, group):
    url = f"/admin/groups/nationalgroup/{group.pk}/change/"
    stale = admin_form_data(oversight_client.get(url))
    group_now = NationalGroup.objects.get(pk=group.pk)  # someone else saves meanwhile
    group_now.description_en = "Changed meanwhile"
    group_now.save()

    response = oversight_client.post(url, {**stale, "name_en": "Renamed"})

    assert response.status_code == 200
    assert "Someone saved this while you were editing it" in response.content.decode()
    assert "Changed meanwhile" in response.content.decode()
    assert NationalGroup.objects.get(pk=group.pk).name_en != "Renamed"


def test_a_stale_admin_change_of_a_community_is_refused(oversight_client, group):
    community = LocalCommunityFactory(national_group=group, city="Ghent")
    url = f"/admin/groups/localcommunity/{community.pk}/change/"
    stale = admin_form_data(oversight_client.get(url))
    changed = LocalCommunity.objects.get(pk=community.pk)
    changed.city = "Gent"
    changed.save()

    response = oversight_client.post(url, {**stale, "name": "Renamed"})

    assert response.status_code == 200
    assert "Someone saved this while you were editing it" in response.content.decode()
    assert LocalCommunity.objects.get(pk=community.pk).name != "Renamed"


def test_a_review_decision_on_a_request_that_changed_meanwhile_is_refused(
    oversight_client, settings
):
    from microgrants.services import (
        microgrant_request_info,
        microgrant_start_review,
        microgrant_submit,
    )
    from tests.conftest import make_oversight_member

    microgrant = MicrograntRequestFactory(amount_requested="800.00")
    microgrant_submit(microgrant=microgrant, user=microgrant.requested_by)
    page = oversight_client.get(f"/admin/microgrants/micrograntrequest/{microgrant.pk}/change/")
    seen = page.context["review_form"]["edit_version"].value()
    colleague = make_oversight_member(settings, username="rik")
    microgrant_start_review(microgrant=microgrant, reviewer=colleague)
    microgrant_request_info(microgrant=microgrant, reviewer=colleague, note="Which venue?")

    response = oversight_client.post(
        f"/admin/microgrants/micrograntrequest/{microgrant.pk}/review/",
        {"decision": "reject", "note": "No.", "edit_version": seen},
        follow=True,
    )

    assert "changed since you opened it" in response.content.decode()
    assert MicrograntRequest.objects.get(pk=microgrant.pk).status == "more_info_needed"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"
)
def test_twenty_concurrent_saves_of_one_form_save_once_and_refuse_nineteen():
    group = NationalGroupFactory(slug="belgium", country="BE", description_en="Old text")
    LinkFactory(national_group=group, kind="x", url="https://x.com/pauseai_be")
    clients = [organizer_client(group) for _ in range(20)]
    forms = [form_as_shown(client.get(PROFILE), "links") for client in clients]
    statuses = []

    def save(client, form, number):
        response = client.post(PROFILE, {**form, "description_en": f"Text {number}"})
        statuses.append(response.status_code)

    race(
        *(
            lambda client=client, form=form, number=number: save(client, form, number)
            for number, (client, form) in enumerate(zip(clients, forms, strict=True))
        )
    )

    assert sorted(statuses) == [302] + [409] * 19
    group.refresh_from_db()
    assert group.description_en.startswith("Text ")
    assert group.links.count() == 1
