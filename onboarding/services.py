"""The application workflow: every status change goes through here, one transaction each.

Each transition locks the application's row (SELECT ... FOR UPDATE) and checks
its status again under the lock, so two reviewers clicking at the same moment
get exactly one change and one clear refusal.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.team import is_oversight_member, oversight_team_among
from common.names import full_name_of
from common.workflow import Party, locked, required_text
from groups.models import Membership, NationalGroup, OversightTeamMember
from groups.services import invitation_create
from onboarding import emails
from onboarding.models import ApplicationEvent, ChecklistTick, GroupApplication, SetupStep
from onboarding.workflow import APPLICATION

Status = GroupApplication.Status

REAPPLY_AFTER = datetime.timedelta(days=183)  # six months
SETUP_STEPS_DONE_ON_APPROVAL = (1, 2)  # the #project post, and contact with the team


class OnboardingError(Exception):
    """A workflow rule refused the action; the message is for the person who tried."""


def application_blocker(*, applicant, country) -> tuple[str | None, str] | None:
    """Why this person cannot apply for this country now, as (form field, message), or None."""
    existing_group = NationalGroup.objects.not_dissolved().filter(country=country).first()
    if existing_group:
        # The group's name links its page, once it has one (a forming group has not).
        group = (
            format_html(
                '<a href="{}">{}</a>', existing_group.get_absolute_url(), existing_group.name
            )
            if existing_group.has_public_page
            else escape(existing_group.name)
        )
        message = _(
            "%(country)s already has a national group: %(group)s. Join it instead of "
            "founding a new one."
        )
        return "country", mark_safe(  # every part escaped
            escape(message) % {"country": escape(existing_group.country.name), "group": group}
        )
    if GroupApplication.objects.open().filter(applicant=applicant).exists():
        return None, _("You already have an open application. Follow it on your page.")
    recent_rejection = (
        ApplicationEvent.objects.filter(
            application__applicant=applicant,
            application__country=country,
            application__may_reapply=False,
            to_status=Status.REJECTED,
        )
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if recent_rejection and timezone.now() - recent_rejection < REAPPLY_AFTER:
        return "country", _(
            "Your application for this country was rejected less than six months ago. "
            "You can apply again from %(date)s, or earlier if the oversight team reopens it."
        ) % {"date": date_format(timezone.localdate(recent_rejection + REAPPLY_AFTER))}
    return None


@transaction.atomic
def application_submit(*, applicant, language: str, **fields) -> GroupApplication:
    """Record a new application and tell the oversight team."""
    blocker = application_blocker(applicant=applicant, country=fields["country"])
    if blocker:
        raise OnboardingError(blocker[1])
    try:
        with transaction.atomic():
            application = GroupApplication.objects.create(
                applicant=applicant, language=language, **fields
            )
    except IntegrityError:
        # Two submissions at once: the database kept one open application.
        raise OnboardingError(
            _("You already have an open application. Follow it on your page.")
        ) from None
    ApplicationEvent.objects.create(
        application=application, actor=applicant, to_status=Status.SUBMITTED
    )
    emails.notify_oversight_team_of_application(application)
    return application


def require_reviewer(application: GroupApplication, reviewer) -> None:
    """Four eyes, as for microgrants: the oversight team reviews, never the applicant."""
    if not is_oversight_member(reviewer):
        raise OnboardingError(_("Only the oversight team reviews applications."))
    if application.applicant_id == reviewer.pk:
        raise OnboardingError(_("You cannot review your own application."))


def reviewed(application: GroupApplication, reviewer) -> GroupApplication:
    """The application locked for a review step by someone who may take it."""
    application = locked(application)
    require_reviewer(application, reviewer)
    return application


def move(application: GroupApplication, action: str, *, actor, message="") -> ApplicationEvent:
    """Make one of the workflow's moves (onboarding/workflow.py) on a locked application,
    record it, and tell the other side: the applicant of the team's moves, the team of
    the applicant's."""
    event = APPLICATION.move(
        application,
        action,
        actor=actor,
        refusal=OnboardingError,
        note=message,
        fields=["national_group"],
    )
    if APPLICATION[action].tells == Party.TEAM:
        emails.notify_oversight_team_of_applicant(application, event)
    else:
        emails.notify_applicant_of_status(application, event)
    return event


def require_possible(application: GroupApplication, action: str) -> None:
    """Refused before anything else is checked when the move cannot start from the
    application's status (the move checks again as it is made)."""
    APPLICATION.require_possible(application, action, OnboardingError)


@transaction.atomic
def application_start_review(*, application, reviewer) -> GroupApplication:
    application = reviewed(application, reviewer)
    move(application, "start_review", actor=reviewer)
    return application


@transaction.atomic
def application_request_info(*, application, reviewer, message: str) -> GroupApplication:
    message = required_text(message, _("Say what information you need."), OnboardingError)
    application = reviewed(application, reviewer)
    move(application, "request_info", actor=reviewer, message=message)
    return application


@transaction.atomic
def application_answer(*, application, applicant, message: str) -> GroupApplication:
    """The applicant answers a question; the application goes back to review."""
    message = required_text(message, _("Write your answer."), OnboardingError)
    application = locked(application)
    require_possible(application, "answer")
    move(application, "answer", actor=applicant, message=message)
    return application


@transaction.atomic
def application_reject(*, application, reviewer, reason: str) -> GroupApplication:
    reason = required_text(reason, _("Give the reason for the rejection."), OnboardingError)
    application = reviewed(application, reviewer)
    move(application, "reject", actor=reviewer, message=reason)
    return application


@transaction.atomic
def application_withdraw(*, application, applicant) -> GroupApplication:
    application = locked(application)
    move(application, "withdraw", actor=applicant)
    return application


def application_may_reopen(application: GroupApplication) -> bool:
    """Whether the team may let the applicant apply again before six months pass: a
    rejected application not reopened yet."""
    return application.status == Status.REJECTED and not application.may_reapply


@transaction.atomic
def application_allow_reapply(*, application, reviewer) -> GroupApplication:
    """Let a rejected applicant apply again before six months have passed."""
    application = reviewed(application, reviewer)
    if application.status != Status.REJECTED:
        raise OnboardingError(_("Only a rejected application can be reopened."))
    application.may_reapply = True
    application.save(update_fields=["may_reapply", "updated_at"])
    return application


def group_slug_for(country) -> str:
    with translation.override("en"):
        base = slugify(country.name)
    slug, suffix = base, 2
    while NationalGroup.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def group_email_for(country) -> str:
    """<country>@pauseai.info from the English country name, made unique if needed."""
    with translation.override("en"):
        base = slugify(country.name).replace("-", "")
    address, suffix = f"{base}@pauseai.info", 2
    while NationalGroup.objects.filter(public_email=address).exists():
        address, suffix = f"{base}{suffix}@pauseai.info", suffix + 1
    return address


def oversight_member_for(user) -> OversightTeamMember:
    """The reviewer as a coach. Named publicly by their full name; one whose account has
    none coaches unnamed (no public name, not shown publicly) until a name is given in the
    admin, rather than under a username nobody chose to show."""
    name = full_name_of(user)
    member, _created = OversightTeamMember.objects.get_or_create(
        user=user, defaults={"display_name": name, "is_public": bool(name)}
    )
    return member


@transaction.atomic
def application_approve(
    *, application, reviewer, coach: OversightTeamMember | None = None
) -> NationalGroup:
    """Found the group: forming, applicant as national lead, co-organizers invited, coach,
    address, and the checklist with its first two steps done."""
    application = reviewed(application, reviewer)
    if coach is not None and coach.user_id == application.applicant_id:
        raise OnboardingError(_("The applicant cannot coach their own group."))
    require_possible(application, "approve")
    if NationalGroup.objects.not_dissolved().filter(country=application.country).exists():
        raise OnboardingError(
            _("%(country)s already has a national group that is not dissolved.")
            % {"country": application.country.name}
        )
    group = NationalGroup.objects.create(
        # A name the applicant chose, the same in every language until someone translates it.
        **{f"name_{code}": application.proposed_name for code, _name in settings.LANGUAGES},
        slug=group_slug_for(application.country),
        country=application.country,
        status=NationalGroup.Status.FORMING,
        public_email=group_email_for(application.country),
        coach=coach or oversight_member_for(reviewer),
        founded_on=timezone.localdate(),
    )
    Membership.objects.create(
        group=group, user=application.applicant, role=Membership.Role.NATIONAL_LEAD
    )
    # The co-organizers the applicant listed, invited in the applicant's name.
    for email in application.co_organizer_email_list():
        invitation_create(
            group=group,
            email=email,
            role=Membership.Role.MEMBER,
            invited_by=application.applicant,
            language=application.language,
        )
    for step in SetupStep.objects.filter(number__in=SETUP_STEPS_DONE_ON_APPROVAL):
        checklist_tick_step(national_group=group, step=step, user=reviewer)
    application.national_group = group
    move(application, "approve", actor=reviewer)
    return group


def checklist_tick_step(*, national_group, step, user, evidence: str = ""):
    """Tick a whole step: the step itself, or every sub-step it has that is not advice."""
    for sub_step in list(step.sub_steps.filter(is_advice=False)) or [None]:
        checklist_tick(
            national_group=national_group,
            step=step,
            sub_step=sub_step,
            user=user,
            evidence=evidence,
        )


@transaction.atomic
def checklist_tick(*, national_group, step, sub_step=None, user, evidence: str = ""):
    """Tick one item of the checklist: a sub-step, or a step that has none."""
    if sub_step is not None and sub_step.step_id != step.pk:
        raise OnboardingError(_("This sub-step belongs to another step."))
    if sub_step is not None and sub_step.is_advice:
        raise OnboardingError(_("This is advice to read: there is nothing to tick."))
    if sub_step is None and step.sub_steps.filter(is_advice=False).exists():
        raise OnboardingError(_("Tick the sub-steps of this step one by one."))
    tick, created = ChecklistTick.objects.get_or_create(
        national_group=national_group,
        step=step,
        sub_step=sub_step,
        defaults={"ticked_by": user, "evidence": evidence},
    )
    if not created and evidence != tick.evidence:
        tick.evidence = evidence
        tick.save(update_fields=["evidence"])
    return tick


def ticks_only_the_team_takes_back(ticks, user) -> set[int]:
    """Of these ticks, the ones `user` may not take back: the oversight team made them
    (the steps done on approval, for one), and only a member holding the team's powers
    undoes them. One query for the ticks, one for the user."""
    ticks = list(ticks)
    by_team = oversight_team_among(tick.ticked_by_id for tick in ticks)
    if not by_team or is_oversight_member(user):
        return set()
    return {tick.pk for tick in ticks if tick.ticked_by_id in by_team}


@transaction.atomic
def checklist_untick(*, national_group, step, sub_step=None, user):
    # The tick's own row locked, and nothing joined: PostgreSQL refuses FOR UPDATE on
    # the nullable side of an outer join (the default ordering's sub-step).
    tick = (
        ChecklistTick.objects.select_for_update(of=("self",))
        .filter(national_group=national_group, step=step, sub_step=sub_step)
        .order_by()
        .first()
    )
    if tick is None:
        return
    if ticks_only_the_team_takes_back([tick], user):
        raise OnboardingError(
            _("The oversight team ticked this off; ask your coach if it should be undone.")
        )
    tick.delete()
