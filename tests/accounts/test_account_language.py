"""Each account's language: kept from the pages its person uses, and every email to an
organizer goes in it, with links in it (issue 19 §3)."""

import pytest
from django.test import Client

from accounts.models import AccountLanguage
from groups.services import national_group_activate
from tests.factories import MembershipFactory, NationalGroupFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_language_of_the_pages_used_is_kept_once_per_change(django_assert_num_queries):
    user = UserFactory()
    client = Client()
    client.force_login(user)

    client.get("/fr/my/")
    client.get("/fr/national-groups/")
    first = AccountLanguage.objects.get(user=user)
    client.get("/de/my/")

    assert first.language == "fr"
    assert AccountLanguage.objects.get(user=user).language == "de"


def test_an_anonymous_visit_or_the_api_keeps_nothing():
    Client().get("/fr/national-groups/")
    user = UserFactory()
    client = Client()
    client.force_login(user)
    client.get("/api/v1/national-groups/")

    assert not AccountLanguage.objects.exists()


def test_the_group_is_active_email_goes_to_each_organizer_in_their_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    group = NationalGroupFactory(status="forming", slug="belgium", country="BE")
    french = MembershipFactory(group=group, user__email="camille@example.org").user
    dutch = MembershipFactory(group=group, user__email="joris@example.org").user
    unknown = MembershipFactory(group=group, user__email="ann@example.org").user
    for user, language in ((french, "fr"), (dutch, "nl")):
        client = Client()
        client.force_login(user)
        client.get(f"/{language}/my/")

    with django_capture_on_commit_callbacks(execute=True):
        national_group_activate(group=group, actor=UserFactory())

    by_recipient = {tuple(mail.to): mail for mail in mailoutbox}
    assert set(by_recipient) == {(french.email,), (dutch.email,), (unknown.email,)}
    assert "/fr/national-groups/belgium/" in by_recipient[(french.email,)].body
    assert "/nl/national-groups/belgium/" in by_recipient[(dutch.email,)].body
    assert "/en/national-groups/belgium/" in by_recipient[(unknown.email,)].body
    assert "Bonjour" in by_recipient[(french.email,)].body or "actif" in (
        by_recipient[(french.email,)].subject
    )


def test_a_microgrants_decision_and_an_invitation_go_in_the_recipients_language(
    mailoutbox, django_capture_on_commit_callbacks, settings
):
    from groups.services import invitation_create
    from microgrants.services import microgrant_start_review
    from tests.conftest import make_oversight_member
    from tests.factories import MicrograntRequestFactory

    group = NationalGroupFactory(slug="belgium", country="BE")
    requester = MembershipFactory(group=group, user__email="camille@example.org").user
    client = Client()
    client.force_login(requester)
    client.get("/fr/my/")
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="submitted")

    with django_capture_on_commit_callbacks(execute=True):
        microgrant_start_review(microgrant=microgrant, reviewer=make_oversight_member(settings))
        france = NationalGroupFactory(slug="france", country="FR")
        invitation_create(
            group=france,
            email="camille@example.org",
            role="member",
            invited_by=MembershipFactory(group=france, role="national_lead").user,
            language="en",
        )

    decision, invitation = mailoutbox
    assert microgrant.language == "en"
    assert f"/fr/my/groups/belgium/microgrants/{microgrant.pk}/" in decision.body
    assert "/fr/invitations/" in invitation.body
