import datetime
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_countries import countries

from coaching.models import Activity, ActivityReport, AgreedAction, CheckIn
from coaching.periods import period_to_report
from groups.models import (
    CommunityMembership,
    Invitation,
    Link,
    LocalCommunity,
    Membership,
    NationalGroup,
    OversightTeamMember,
)
from microgrants.models import LETTER_ACCEPTED_ON, PAID_ON, MicrograntBudgetLine, MicrograntRequest
from onboarding.models import GroupApplication, SetupStep, SetupSubStep

# Every country code, handed out in turn so factory groups never collide on
# the one-live-group-per-country constraint.
COUNTRY_CODES = [code for code, _name in countries]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """Users have confirmed their address unless made with verified=False."""
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )


class OversightTeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OversightTeamMember

    user = factory.SubFactory(UserFactory, is_staff=True)
    display_name = factory.Faker("name")
    title_en = "Coach"
    title_nl = "Coach"


class NationalGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NationalGroup

    country = factory.Sequence(lambda n: COUNTRY_CODES[n % len(COUNTRY_CODES)])
    name_en = factory.LazyAttribute(lambda group: f"PauseAI {group.country}")
    name_nl = factory.LazyAttribute(lambda group: f"PauseAI {group.country} (nl)")
    slug = factory.Sequence(lambda n: f"group-{n}")
    status = NationalGroup.Status.ACTIVE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(NationalGroupFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.NATIONAL_LEAD


class LocalCommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalCommunity

    name = factory.LazyAttribute(lambda community: f"PauseAI {community.city}")
    city = factory.Sequence(lambda n: f"City {n}")
    country = factory.LazyAttribute(
        lambda community: community.national_group.country if community.national_group else "BE"
    )
    national_group = None
    latitude = None
    longitude = None


class CommunityMembershipFactory(factory.django.DjangoModelFactory):
    """An organizer of a community of a national group; unnamed unless given a name shown."""

    class Meta:
        model = CommunityMembership

    community = factory.SubFactory(
        LocalCommunityFactory, national_group=factory.SubFactory(NationalGroupFactory)
    )
    user = factory.SubFactory(UserFactory)


class LinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Link

    kind = Link.Kind.WEBSITE
    url = factory.Sequence(lambda n: f"https://example-{n}.org/")


class SetupStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SetupStep
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n + 1)
    title_en = factory.LazyAttribute(lambda step: f"Step {step.number}")
    title_nl = factory.LazyAttribute(lambda step: f"Stap {step.number}")
    body_en = "Do **this**."
    body_nl = "Doe **dit**."


class SetupSubStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SetupSubStep

    step = factory.SubFactory(SetupStepFactory)
    number = factory.Sequence(lambda n: n + 1)
    text_en = "A part of the step."
    text_nl = "Een deel van de stap."


class GroupApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupApplication

    applicant = factory.SubFactory(UserFactory)
    country = "BE"
    proposed_name = "PauseAI Belgium"
    discord_project_url = "https://discord.com/channels/1/2/3"
    plans = "Flyering in Ghent, a launch event in Brussels."
    applicant_role = "National lead"
    agrees_to_strategy = True


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    group = factory.SubFactory(NationalGroupFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Membership.Role.MEMBER
    invited_by = factory.SubFactory(UserFactory)


Status = MicrograntRequest.Status
# From these on the database asks for the approved amount, the accepted letter, the payment.
APPROVED_ON = MicrograntRequest.GRANTED
LETTER_ON = LETTER_ACCEPTED_ON


class MicrograntRequestFactory(factory.django.DjangoModelFactory):
    """A request by one of the group's organizers, with one budget line adding up, as the
    workflow leaves it in its status: a draft unless asked otherwise, or e.g.
    `MicrograntRequestFactory(status="paid")` or `MicrograntRequestFactory(paid=True)`,
    with the fields the database asks of that status (the approved amount, the accepted
    letter, the payment)."""

    class Meta:
        model = MicrograntRequest
        skip_postgeneration_save = True

    class Params:
        # MicrograntRequestFactory(paid=True): a request in that status.
        submitted = factory.Trait(status=Status.SUBMITTED)
        in_review = factory.Trait(status=Status.IN_REVIEW)
        approved = factory.Trait(status=Status.APPROVED)
        letter_accepted = factory.Trait(status=Status.LETTER_ACCEPTED)
        paid = factory.Trait(status=Status.PAID)
        report_submitted = factory.Trait(status=Status.REPORT_SUBMITTED)
        closed = factory.Trait(status=Status.CLOSED)

    group = factory.SubFactory(NationalGroupFactory)
    # Named as the grant letter is accepted (microgrant_accept_letter).
    requested_by = factory.LazyAttribute(
        lambda microgrant: (
            MembershipFactory(
                group=microgrant.group,
                role=Membership.Role.MEMBER,
                user__first_name="Ann Organizer",
            ).user
        )
    )
    title = "Launch event in the capital"
    activity_kind = MicrograntRequest.ActivityKind.LAUNCH_EVENT
    description = "A venue for 80 people, speakers and journalists."
    deliverables = "The event, a photo report, ten new volunteers."
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    currency = "EUR"
    amount_requested = Decimal("800.00")
    payee_details = "Ann Organizer, NL00 BANK 0123 4567 89"
    status = Status.DRAFT
    submitted_at = factory.LazyAttribute(
        lambda microgrant: None if microgrant.status == Status.DRAFT else timezone.now()
    )
    amount_approved = factory.LazyAttribute(
        lambda microgrant: microgrant.amount_requested if microgrant.status in APPROVED_ON else None
    )
    letter_accepted_name = factory.LazyAttribute(
        lambda microgrant: "Ann Organizer" if microgrant.status in LETTER_ON else ""
    )
    letter_accepted_at = factory.LazyAttribute(
        lambda microgrant: timezone.now() if microgrant.status in LETTER_ON else None
    )
    paid_on = factory.LazyAttribute(
        lambda microgrant: timezone.localdate() if microgrant.status in PAID_ON else None
    )
    payment_reference = factory.LazyAttribute(
        lambda microgrant: "SEPA-1" if microgrant.status in PAID_ON else ""
    )

    @factory.post_generation
    def budget(microgrant, create, extracted, **kwargs):
        if create and extracted is not False:
            MicrograntBudgetLine.objects.create(
                request=microgrant, item="Venue", amount=microgrant.amount_requested
            )


class CheckInFactory(factory.django.DjangoModelFactory):
    """A check-in held today by the group's coach (a staff account: in_oversight_team is
    not asked of the models), with the next one at the group's cadence."""

    class Meta:
        model = CheckIn

    group = factory.SubFactory(NationalGroupFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    coach = factory.SubFactory(UserFactory, is_staff=True)
    recorded_by = factory.LazyAttribute(lambda check_in: check_in.coach)
    notes = "The team's own notes: the lead seems tired."
    next_check_in_on = factory.LazyAttribute(
        lambda check_in: CheckIn.next_after(check_in.held_on, check_in.group)
    )


class AgreedActionFactory(factory.django.DjangoModelFactory):
    """An open action agreed at a check-in, owned by an organizer of the group, due in a
    week; `done=True` for one marked done by its owner."""

    class Meta:
        model = AgreedAction

    class Params:
        done = factory.Trait(
            done_at=factory.LazyFunction(timezone.now),
            done_by=factory.LazyAttribute(lambda action: action.owner),
        )

    check_in = factory.SubFactory(CheckInFactory)
    description = "Write to the three MPs of the digital committee."
    owner = factory.LazyAttribute(
        lambda action: MembershipFactory(group=action.check_in.group, role="member").user
    )
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))


class ActivityReportFactory(factory.django.DjangoModelFactory):
    """A group's report for the period owed now, as a draft with every answer given;
    `sent=True` for one submitted."""

    class Meta:
        model = ActivityReport

    class Params:
        period = factory.LazyFunction(period_to_report)
        sent = factory.Trait(
            status=ActivityReport.Status.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )

    group = factory.SubFactory(NationalGroupFactory)
    period_start = factory.LazyAttribute(lambda report: report.period.start)
    period_end = factory.LazyAttribute(lambda report: report.period.end)
    written_by = factory.LazyAttribute(
        lambda report: MembershipFactory(group=report.group, role="national_lead").user
    )
    people_involved = 12
    went_well = "A packed protest in front of parliament."
    was_hard = "Finding a venue for the talk."
    plans = "Two lobby meetings and a flyering day."


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    report = factory.SubFactory(ActivityReportFactory)
    kind = Activity.Kind.PROTEST
    count = 2
    description = "In front of parliament, with 40 people."
