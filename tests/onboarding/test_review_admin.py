"""The oversight team reviews applications in the admin, through the workflow's services."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.test import Client
from django.utils.html import escape

from common.workflow import NOTE_MAX_LENGTH
from groups.models import GroupEdit, NationalGroup
from onboarding.models import GroupApplication
from tests.factories import (
    GroupApplicationFactory,
    MembershipFactory,
    NationalGroupFactory,
    OversightTeamMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/onboarding/groupapplication/"


def review(client, application, decision, **data):
    return client.post(
        f"{CHANGELIST}{application.pk}/review/", {"decision": decision, **data}, follow=True
    )


def test_queue_lists_applications_oldest_first_with_age(oversight_client):
    older = GroupApplicationFactory(country="BE", proposed_name="PauseAI Belgium")
    newer = GroupApplicationFactory(country="NL", proposed_name="PauseAI Nederland")
    GroupApplication.objects.filter(pk=older.pk).update(
        submitted_at=newer.submitted_at.replace(year=newer.submitted_at.year - 1)
    )

    html = oversight_client.get(CHANGELIST).content.decode()

    assert html.index("PauseAI Belgium") < html.index("PauseAI Nederland")
    assert "365 days" in html or "366 days" in html


def test_reviewer_walks_an_application_to_approval(oversight_client, oversight_member):
    call_command("load_content", verbosity=0)
    coach = OversightTeamMemberFactory(display_name="Carla Coach")
    application = GroupApplicationFactory(country="DK", proposed_name="PauseAI Danmark")

    review(oversight_client, application, "start_review")
    asked = review(oversight_client, application, "request_info", note="")
    application.refresh_from_db()
    assert application.status == "in_review"
    assert "Say what information you need." in asked.content.decode()

    review(oversight_client, application, "approve", coach=coach.pk)

    application.refresh_from_db()
    assert application.status == "approved"
    group = application.national_group
    assert group.coach == coach
    assert group.status == "forming"
    changelist = oversight_client.get("/admin/groups/nationalgroup/").content.decode()
    assert "2 of 7" in changelist


def test_approving_from_the_queue_twice_says_so(oversight_client):
    application = GroupApplicationFactory(status="in_review")
    action = {"action": "approve", "_selected_action": [application.pk]}

    oversight_client.post(CHANGELIST, action, follow=True)
    second = oversight_client.post(CHANGELIST, action, follow=True)

    assert "it cannot become approved" in second.content.decode()
    assert NationalGroup.objects.count() == 1


def test_rejection_needs_a_reason(oversight_client):
    application = GroupApplicationFactory(status="in_review")

    refused = review(oversight_client, application, "reject", note="")
    application.refresh_from_db()
    assert application.status == "in_review"
    assert "Give the reason for the rejection." in refused.content.decode()

    review(oversight_client, application, "reject", note="Please join PauseAI Global first.")
    application.refresh_from_db()
    assert application.status == "rejected"
    assert application.events.last().note == "Please join PauseAI Global first."


def test_a_refusal_names_the_application_with_the_languages_own_colon(oversight_client):
    """French puts a no-break space before a colon: « PauseAI Danmark (Danemark) : … »."""
    application = GroupApplicationFactory(
        status="in_review", proposed_name="PauseAI Danmark", country="DK"
    )

    refused = oversight_client.post(
        f"{CHANGELIST}{application.pk}/review/",
        {"decision": "reject", "note": ""},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert "PauseAI Danmark (Danemark)\u00a0: Donnez la raison du refus." in (
        refused.content.decode()
    )


def test_statuses_cannot_be_edited_by_hand(oversight_client):
    application = GroupApplicationFactory()

    oversight_client.post(
        f"{CHANGELIST}{application.pk}/change/", {"status": "approved", "events-TOTAL_FORMS": "0"}
    )

    application.refresh_from_db()
    assert application.status == "submitted"
    assert oversight_client.get(f"{CHANGELIST}add/").status_code == 403


def test_review_url_refuses_get(oversight_client):
    application = GroupApplicationFactory()

    assert oversight_client.get(f"{CHANGELIST}{application.pk}/review/").status_code == 403


def test_activating_a_forming_group_puts_it_in_the_directory(oversight_client, client):
    group = NationalGroupFactory(status="forming", name_en="PauseAI Danmark", country="DK")

    oversight_client.post(
        "/admin/groups/nationalgroup/",
        {"action": "activate", "_selected_action": [group.pk]},
    )

    group.refresh_from_db()
    assert group.status == "active"
    assert "PauseAI Danmark" in client.get("/en/national-groups/").content.decode()


def test_activating_leaves_a_trace_and_tells_the_organizers(
    oversight_client, oversight_member, mailoutbox, django_capture_on_commit_callbacks
):
    group = NationalGroupFactory(status="forming", name_en="PauseAI Danmark", country="DK")
    lead = MembershipFactory(group=group, user__email="freja@example.org").user

    with django_capture_on_commit_callbacks(execute=True):
        oversight_client.post(
            "/admin/groups/nationalgroup/",
            {"action": "activate", "_selected_action": [group.pk]},
        )

    edit = GroupEdit.objects.get(group=group)
    assert (edit.editor, edit.kind) == (oversight_member, GroupEdit.Kind.ACTIVATED)
    assert LogEntry.objects.get(object_id=str(group.pk)).user == oversight_member
    [mail] = mailoutbox
    assert mail.to == [lead.email]
    assert "“PauseAI Danmark” is active" in mail.subject
    assert f"/en/national-groups/{group.slug}/" in mail.body
    client = Client()
    client.force_login(lead)
    page = client.get(f"/en/my/groups/{group.slug}/").content.decode()
    assert "Activated: the group is in the public directory" in page


# Four eyes: nobody reviews their own application ------------------------------


@pytest.mark.parametrize(
    ("decision", "data"),
    [
        ("start_review", {}),
        ("request_info", {"note": "Who else is in?"}),
        ("approve", {}),
        ("reject", {"note": "No."}),
    ],
)
def test_an_oversight_member_cannot_review_their_own_application(
    oversight_client, oversight_member, decision, data
):
    application = GroupApplicationFactory(applicant=oversight_member, country="DK")
    if decision != "start_review":
        GroupApplication.objects.filter(pk=application.pk).update(status="in_review")

    response = review(oversight_client, application, decision, **data)

    assert "You cannot review your own application." in response.content.decode()
    application.refresh_from_db()
    assert application.status == ("submitted" if decision == "start_review" else "in_review")
    assert not NationalGroup.objects.filter(country="DK").exists()


def test_the_services_refuse_the_applicant_as_reviewer(oversight_member):
    from onboarding.services import OnboardingError, application_approve

    application = GroupApplicationFactory(applicant=oversight_member, status="in_review")

    with pytest.raises(OnboardingError, match="your own application"):
        application_approve(application=application, reviewer=oversight_member)


def test_only_the_oversight_team_reviews_applications(client):
    from onboarding.services import OnboardingError, application_start_review

    application = GroupApplicationFactory()

    with pytest.raises(OnboardingError, match="Only the oversight team"):
        application_start_review(application=application, reviewer=UserFactory(is_staff=True))


def test_the_applicant_cannot_be_chosen_as_their_groups_coach(oversight_client, settings):
    from tests.conftest import make_oversight_member

    applicant = make_oversight_member(settings, username="ann")
    coach = OversightTeamMemberFactory(user=applicant, display_name="Ann")
    application = GroupApplicationFactory(applicant=applicant, country="DK", status="in_review")

    response = review(oversight_client, application, "approve", coach=coach.pk)

    assert "The applicant cannot coach their own group." in response.content.decode()
    application.refresh_from_db()
    assert application.status == "in_review"


def test_a_refused_review_comes_back_as_the_reviewer_typed_it(oversight_client, settings):
    """A message over the limit, or a choice the service refuses, comes back on the page
    as typed, to correct rather than to write again; once: the next visit starts afresh."""
    from tests.conftest import make_oversight_member

    applicant = make_oversight_member(settings, username="ann")
    ann = OversightTeamMemberFactory(user=applicant, display_name="Ann")
    application = GroupApplicationFactory(applicant=applicant, country="DK", status="in_review")
    long_note = "Dear Ann, thank you & welcome. " + "x" * NOTE_MAX_LENGTH

    too_long = review(oversight_client, application, "reject", note=long_note)

    assert "Ensure this value has at most 5000 characters" in too_long.content.decode()
    assert f"{escape(long_note)}</textarea>" in too_long.content.decode()

    refused = review(oversight_client, application, "approve", coach=ann.pk, note="Welcome!")

    html = refused.content.decode()
    assert "The applicant cannot coach their own group." in html
    assert f'<option value="{ann.pk}" selected>' in html
    assert "Welcome!</textarea>" in html
    application.refresh_from_db()
    assert application.status == "in_review"
    afresh = oversight_client.get(f"{CHANGELIST}{application.pk}/change/").content.decode()
    assert "Welcome!" not in afresh and f'<option value="{ann.pk}" selected>' not in afresh


def test_the_applicant_is_shown_by_name_and_address(oversight_client):
    application = GroupApplicationFactory(
        applicant__username="a1b2c3",
        applicant__first_name="Ann Example",
        applicant__email="ann@example.org",
    )

    changelist = oversight_client.get(CHANGELIST).content.decode()
    change = oversight_client.get(f"{CHANGELIST}{application.pk}/change/").content.decode()

    assert "Ann Example (ann@example.org)" in changelist
    assert "Ann Example (ann@example.org)" in change
    assert "a1b2c3" not in changelist


def test_the_application_page_is_read_by_the_team_and_changed_only_by_the_review_buttons(
    oversight_client,
):
    application = GroupApplicationFactory(
        applicant__username="a1b2c3",
        applicant__email="ann@example.org",
        applicant__first_name="Ann Example",
        co_organizer_emails="bob@example.org\ncarla@example.org",
        existing_presence="An Instagram account.",
    )
    other = UserFactory(username="d4e5f6")
    url = f"{CHANGELIST}{application.pk}/change/"

    html = oversight_client.get(url).content.decode()

    # The applicant is read, not chosen from a list of usernames.
    assert 'name="applicant"' not in html and "a1b2c3" not in html
    # Labels speak to the team, not to the applicant who filled in the form.
    for label in (
        "#project post in the PauseAI Discord",
        "Plans",
        "Co-organizers to invite",
        "What already exists",
        "The applicant's role",
    ):
        assert f"<label>{escape(label)}:</label>" in html, label
    for applicants_words in ("Your ", "What you plan", "We recommend", "links are welcome"):
        assert applicants_words not in html, applicants_words
    assert "bob@example.org<br>carla@example.org" in html
    # Nothing to save: statuses change by the review buttons only.
    assert 'name="_save"' not in html and 'name="_continue"' not in html
    assert 'value="start_review"' in html
    oversight_client.post(url, {"applicant": other.pk, "events-TOTAL_FORMS": "0"})
    application.refresh_from_db()
    assert application.applicant.username == "a1b2c3"


def test_a_rejected_application_offers_only_letting_the_applicant_apply_again(oversight_client):
    application = GroupApplicationFactory(status="rejected")
    url = f"{CHANGELIST}{application.pk}/change/"

    page = oversight_client.get(url).content.decode()

    assert 'value="allow_reapply">Let them apply again now</button>' in page
    assert 'name="note"' not in page and 'name="coach"' not in page
    review(oversight_client, application, "allow_reapply")
    application.refresh_from_db()
    assert (application.status, application.may_reapply) == ("rejected", True)
    assert 'value="allow_reapply"' not in oversight_client.get(url).content.decode()
