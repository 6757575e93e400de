"""The application workflow's services, called directly as the admin and views call them."""

import datetime

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format

from groups.models import Membership, NationalGroup
from onboarding.models import ApplicationEvent, ChecklistTick, GroupApplication
from onboarding.services import (
    REAPPLY_AFTER,
    OnboardingError,
    application_allow_reapply,
    application_answer,
    application_approve,
    application_blocker,
    application_reject,
    application_request_info,
    application_start_review,
    application_submit,
    application_withdraw,
)
from tests.conftest import make_oversight_member
from tests.factories import (
    GroupApplicationFactory,
    NationalGroupFactory,
    OversightTeamMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FIELDS = {
    "country": "BE",
    "proposed_name": "PauseAI Belgium",
    "discord_project_url": "https://discord.com/channels/1/2/3",
    "plans": "Flyering in Ghent.",
    "co_organizer_emails": "",
    "existing_presence": "",
    "applicant_role": "National lead",
    "agrees_to_strategy": True,
}


@pytest.fixture
def applicant():
    return UserFactory(username="ann", email="ann@example.org")


def submit(applicant, **overrides):
    return application_submit(applicant=applicant, language="nl", **{**FIELDS, **overrides})


def history(application):
    return list(application.events.values_list("from_status", "to_status", "note"))


def test_full_life_of_an_application(applicant, oversight_member, mailoutbox):
    call_command("load_content", verbosity=0)
    NationalGroupFactory(country="DK", status="dissolved", slug="old-denmark")

    application = submit(applicant, country="DK", proposed_name="PauseAI Danmark")
    application_start_review(application=application, reviewer=oversight_member)
    application_request_info(
        application=application, reviewer=oversight_member, message="Who else is involved?"
    )
    application_answer(application=application, applicant=applicant, message="Two friends.")
    group = application_approve(application=application, reviewer=oversight_member)

    application.refresh_from_db()
    assert application.status == "approved"
    assert application.national_group == group
    assert history(application) == [
        ("", "submitted", ""),
        ("submitted", "in_review", ""),
        ("in_review", "more_info_needed", "Who else is involved?"),
        ("more_info_needed", "in_review", "Two friends."),
        ("in_review", "approved", ""),
    ]
    assert group.status == NationalGroup.Status.FORMING
    # The proposed name in every language's column, as the admin's tabs show it.
    assert [group.name_en, group.name_nl, group.name_fr, group.name_de] == ["PauseAI Danmark"] * 4
    assert group.public_email == "denmark@pauseai.info"
    assert group.coach.user == oversight_member
    assert Membership.objects.get(group=group).user == applicant
    assert Membership.objects.get(group=group).role == Membership.Role.NATIONAL_LEAD
    ticked = set(ChecklistTick.objects.filter(national_group=group).values_list("step__number"))
    assert ticked == {(1,), (2,)}


def test_oversight_team_is_emailed_on_arrival_and_applicant_on_every_change(
    applicant, oversight_member, mailoutbox, django_capture_on_commit_callbacks
):
    oversight_member.email = "olga@pauseai.info"
    oversight_member.save()

    with django_capture_on_commit_callbacks(execute=True):
        application = submit(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        application_start_review(application=application, reviewer=oversight_member)

    assert [mail.to for mail in mailoutbox] == [["olga@pauseai.info"], ["ann@example.org"]]
    assert "PauseAI Belgium" in mailoutbox[0].subject
    # The applicant applied in Dutch, so every message to them is in Dutch.
    assert "In behandeling" in mailoutbox[1].subject or "behandeling" in mailoutbox[1].body


def test_the_applicants_answer_goes_to_the_oversight_team_not_back_to_her(
    applicant, oversight_member, mailoutbox, django_capture_on_commit_callbacks
):
    oversight_member.email = "olga@pauseai.info"
    oversight_member.save()
    application = submit(applicant)
    application_start_review(application=application, reviewer=oversight_member)
    application_request_info(
        application=application, reviewer=oversight_member, message="Who else is involved?"
    )
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        application_answer(application=application, applicant=applicant, message="Two friends.")

    [mail] = mailoutbox
    assert mail.to == ["olga@pauseai.info"]
    assert "ann@example.org answered" in mail.subject
    assert "Two friends." in mail.body
    assert "Message from the oversight team" not in mail.body
    assert f"/admin/onboarding/groupapplication/{application.pk}/change/" in mail.body


def test_a_withdrawal_is_told_to_the_oversight_team(
    applicant, oversight_member, mailoutbox, django_capture_on_commit_callbacks
):
    application = submit(applicant)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        application_withdraw(application=application, applicant=applicant)

    assert [mail.to for mail in mailoutbox] == [[oversight_member.email]]
    assert "withdrew" in mailoutbox[0].subject


@pytest.mark.parametrize(
    ("language", "subject", "follow"),
    [
        (
            "fr",
            "Votre candidature pour «\u00a0PauseAI Belgium\u00a0»\u00a0: En cours d'examen",
            "Suivre votre candidature\u00a0:",
        ),
        ("de", "Deine Bewerbung für „PauseAI Belgium“: In Prüfung", "Deine Bewerbung verfolgen:"),
    ],
)
def test_a_french_or_german_applicant_is_written_to_in_their_language(
    applicant,
    oversight_member,
    mailoutbox,
    django_capture_on_commit_callbacks,
    language,
    subject,
    follow,
):
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(applicant=applicant, language=language, **FIELDS)
    with django_capture_on_commit_callbacks(execute=True):
        application_start_review(application=application, reviewer=oversight_member)

    to_oversight, to_applicant = mailoutbox
    assert to_applicant.to == ["ann@example.org"]
    assert to_applicant.subject == subject
    # The link to follow the application keeps the applicant's language.
    assert f"{follow} http://127.0.0.1:8000/{language}/my/" in to_applicant.body
    # The oversight team reads of it in English, whatever the applicant's language.
    assert to_oversight.subject.startswith("New application to found “PauseAI Belgium”")


def test_approving_twice_is_refused_and_changes_nothing(applicant, oversight_member):
    application = submit(applicant)
    application_start_review(application=application, reviewer=oversight_member)
    application_approve(application=application, reviewer=oversight_member)

    with pytest.raises(OnboardingError, match="approved"):
        application_approve(application=application, reviewer=oversight_member)

    assert NationalGroup.objects.count() == 1
    assert application.events.count() == 3


def test_a_withdrawn_application_cannot_be_approved(applicant, oversight_member):
    application = submit(applicant)
    application_start_review(application=application, reviewer=oversight_member)
    application_withdraw(application=application, applicant=applicant)

    with pytest.raises(OnboardingError):
        application_approve(application=application, reviewer=oversight_member)

    assert not NationalGroup.objects.exists()


@pytest.mark.parametrize(
    ("service", "kwargs"),
    [
        (application_request_info, {"message": "  "}),
        (application_reject, {"reason": ""}),
    ],
)
def test_asking_and_rejecting_need_a_message(applicant, oversight_member, service, kwargs):
    application = submit(applicant)
    application_start_review(application=application, reviewer=oversight_member)

    with pytest.raises(OnboardingError):
        service(application=application, reviewer=oversight_member, **kwargs)

    application.refresh_from_db()
    assert application.status == "in_review"


def test_a_country_with_a_live_group_points_to_that_group(applicant):
    NationalGroupFactory(country="BE", name_en="PauseAI België")

    field, message = application_blocker(applicant=applicant, country="BE")

    assert field == "country"
    assert "PauseAI België" in message and "Join it" in message


def test_one_open_application_per_applicant(applicant):
    submit(applicant)

    with pytest.raises(OnboardingError, match="open application"):
        submit(applicant, country="NL")
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupApplicationFactory(applicant=applicant, country="LU")


def test_rejected_applicant_waits_six_months_unless_reopened(applicant, oversight_member):
    application = submit(applicant)
    application_reject(application=application, reviewer=oversight_member, reason="Too early")

    assert application_blocker(applicant=applicant, country="BE")[0] == "country"
    assert application_blocker(applicant=applicant, country="NL") is None

    # Rejected seven months ago: free to apply again. (The history cannot be rewritten,
    # so another applicant's older rejection stands for the passing time.)
    earlier = UserFactory(username="earlier")
    old_rejection = GroupApplicationFactory(applicant=earlier, country="BE", status="rejected")
    ApplicationEvent.objects.create(
        application=old_rejection,
        actor=oversight_member,
        from_status="in_review",
        to_status="rejected",
        created_at=timezone.now() - datetime.timedelta(days=190),
    )
    assert application_blocker(applicant=earlier, country="BE") is None

    application_allow_reapply(application=application, reviewer=oversight_member)
    assert application_blocker(applicant=applicant, country="BE") is None


def test_the_date_to_apply_again_is_written_as_the_page_writes_dates(applicant, oversight_member):
    application = submit(applicant)
    application_reject(application=application, reviewer=oversight_member, reason="Too early")
    again_on = timezone.localdate() + REAPPLY_AFTER

    with translation.override("nl"):
        _field, message = application_blocker(applicant=applicant, country="BE")
        dutch_date = date_format(again_on)

    assert f"kunt vanaf {dutch_date} opnieuw een aanvraag doen" in message
    assert again_on.isoformat() not in message


def test_approval_gives_a_unique_address_and_the_chosen_coach(applicant, oversight_member):
    NationalGroupFactory(country="NL", status="dissolved", public_email="belgium@pauseai.info")
    coach = OversightTeamMemberFactory()
    application = submit(applicant)
    application_start_review(application=application, reviewer=oversight_member)

    group = application_approve(application=application, reviewer=oversight_member, coach=coach)

    assert group.public_email == "belgium2@pauseai.info"
    assert group.coach == coach


def test_database_holds_an_approved_application_to_its_group(applicant):
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupApplicationFactory(applicant=applicant, status="approved")
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupApplicationFactory(applicant=applicant, agrees_to_strategy=False)


def test_history_is_protected(applicant):
    application = submit(applicant)

    with pytest.raises(Exception, match="protected"):
        application.delete()
    assert GroupApplication.objects.count() == 1


def test_approval_invites_the_listed_co_organizers(
    applicant, oversight_member, mailoutbox, django_capture_on_commit_callbacks
):
    application = submit(applicant, co_organizer_emails="bob@example.org\ncarla@example.org")
    application_start_review(application=application, reviewer=oversight_member)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        group = application_approve(application=application, reviewer=oversight_member)

    invited = sorted(group.invitations.values_list("email", "invited_by__username"))
    assert invited == [("bob@example.org", "ann"), ("carla@example.org", "ann")]
    recipients = sorted(mail.to[0] for mail in mailoutbox)
    assert recipients == ["ann@example.org", "bob@example.org", "carla@example.org"]


def test_an_applications_history_cannot_be_changed_or_deleted(oversight_member):
    from django.db import DatabaseError, connection, transaction

    from onboarding.models import ApplicationEvent

    application = GroupApplicationFactory()
    application_start_review(application=application, reviewer=oversight_member)
    event = ApplicationEvent.objects.get(application=application)

    with pytest.raises(DatabaseError), transaction.atomic():
        ApplicationEvent.objects.filter(pk=event.pk).update(note="rewritten")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            ApplicationEvent.objects.filter(pk=event.pk).delete()
    event.refresh_from_db()
    assert event.note == ""


def test_a_reviewer_without_a_name_coaches_unnamed_not_by_username(client, applicant, settings):
    reviewer = make_oversight_member(settings, username="olga", first_name="")
    named = make_oversight_member(settings, username="joep", first_name="Joep Meindertsma")
    first = submit(applicant)
    application_start_review(application=first, reviewer=reviewer)
    group = application_approve(application=first, reviewer=reviewer)
    other = submit(UserFactory(username="bo"), country="NL", proposed_name="PauseAI NL")
    application_start_review(application=other, reviewer=named)
    named_group = application_approve(application=other, reviewer=named)
    for approved in (group, named_group):
        approved.status = NationalGroup.Status.ACTIVE
        approved.save()

    page = client.get(f"/en/national-groups/{group.slug}/").content.decode()
    named_page = client.get(f"/en/national-groups/{named_group.slug}/").content.decode()

    assert "olga" not in page
    assert "Joep Meindertsma" in named_page
