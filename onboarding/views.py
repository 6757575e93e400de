"""Applying to found a national group, the applicant's own page, the setup checklist."""

from allauth.account.decorators import verified_email_required
from allauth.core.ratelimit import consume_or_429
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups import my_page
from groups.models import CommunityMembership, Invitation, Membership
from groups.permissions import group_for
from groups.services import verified_addresses
from onboarding.checklist import setup_progress
from onboarding.forms import (
    ApplicationAnswerForm,
    ChecklistItemForm,
    GroupApplicationForm,
)
from onboarding.models import ApplicationEvent, GroupApplication, SetupStep, SetupSubStep
from onboarding.services import (
    OnboardingError,
    application_answer,
    application_submit,
    application_withdraw,
    checklist_tick,
    checklist_untick,
    ticks_only_the_team_takes_back,
)


@verified_email_required
def apply(request):
    form = GroupApplicationForm(request.POST or None, applicant=request.user)
    if request.method == "POST":
        if too_many := consume_or_429(request, action="apply", user=request.user):
            return too_many
        if form.is_valid():
            try:
                application_submit(
                    applicant=request.user, language=get_language(), **form.field_values()
                )
            except OnboardingError as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    _("Thank you! Your application is in; the oversight team will reply soon."),
                )
                return redirect("onboarding:my_overview")
    return render(request, "onboarding/apply.html", {"form": form})


@login_required
def my_overview(request):
    """The applicant's applications with their whole history, their groups and
    communities."""
    return render_overview(request)


def render_overview(request, *, answer_form=None):
    applications = GroupApplication.objects.filter(applicant=request.user).prefetch_related(
        Prefetch("events", queryset=ApplicationEvent.objects.select_related("actor"))
    )
    memberships = list(Membership.objects.filter(user=request.user).select_related("group"))
    progress = setup_progress([membership.group_id for membership in memberships])
    for membership in memberships:
        membership.setup_progress = progress[membership.group_id]
    return render(
        request,
        "onboarding/my_overview.html",
        {
            "applications": applications,
            "memberships": memberships,
            # The communities they organize, each with its own page.
            "community_memberships": CommunityMembership.objects.filter(
                user=request.user
            ).select_related("community__national_group"),
            # Invitations to any confirmed address of this account: accepted after
            # sign-up or log-in with that address.
            "invitations": Invitation.objects.pending()
            .filter(email__in=verified_addresses(request.user))
            .select_related("group", "community"),
            "answer_form": answer_form or ApplicationAnswerForm(),
            # What waits for them in the other apps' workflows (a microgrant's letter,
            # its report): groups/my_page.py.
            "waiting": my_page.waiting_for(request.user),
        },
    )


def own_application(request, pk) -> GroupApplication:
    """Another person's application is a 404, as if it did not exist."""
    return get_object_or_404(GroupApplication, pk=pk, applicant=request.user)


@login_required
@require_POST
def application_answer_view(request, pk):
    application = own_application(request, pk)
    form = ApplicationAnswerForm(request.POST)
    if form.is_valid():
        try:
            application_answer(
                application=application,
                applicant=request.user,
                message=form.cleaned_data["message"],
            )
        except OnboardingError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Thank you, your answer was sent to the oversight team."))
        return redirect("onboarding:my_overview")
    # Show the form again with its message, so nothing typed is lost.
    return render_overview(request, answer_form=form)


@login_required
def application_withdraw_view(request, pk):
    """Asks first (GET: a page, so it works without JavaScript), withdraws on POST."""
    application = own_application(request, pk)
    if request.method != "POST":
        return render(request, "onboarding/withdraw.html", {"application": application})
    try:
        application_withdraw(application=application, applicant=request.user)
    except OnboardingError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect("onboarding:my_overview")


@login_required
def group_setup(request, slug):
    """The setup guide as a checklist for one national group."""
    access = group_for(request, slug, need="organize" if request.method == "POST" else "view")
    group, may_tick = access.group, access.membership is not None
    if request.method == "POST":
        form = ChecklistItemForm(request.POST)
        if form.is_valid():
            item = {
                "national_group": group,
                "step": form.cleaned_data["step"],
                "sub_step": form.cleaned_data["sub_step"],
            }
            try:
                if form.cleaned_data["done"]:
                    checklist_tick(
                        **item, user=request.user, evidence=form.cleaned_data["evidence"]
                    )
                else:
                    checklist_untick(**item, user=request.user)
            except OnboardingError as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, _("Checklist saved."))
            # Back where the organizer was: at the item, not at the top of the guide.
            return redirect(
                reverse("onboarding:group_setup", kwargs={"slug": group.slug})
                + "#"
                + checklist_item_id(form.cleaned_data["step"], form.cleaned_data["sub_step"])
            )
        # Show the page again with the item's note and its error, nothing lost.
        return render_group_setup(request, group, may_tick, failed_form=form, status=400)
    return render_group_setup(request, group, may_tick)


def checklist_item_id(step, sub_step) -> str:
    """The page's anchor of a checklist item, to come back to it once ticked."""
    return f"item-{step.pk}-{sub_step.pk}" if sub_step else f"item-{step.pk}"


def render_group_setup(request, group, may_tick, *, failed_form=None, status=200):
    failed_key = None
    if failed_form is not None:
        failed_key = (failed_form.data.get("step"), failed_form.data.get("sub_step") or None)
    ticks = {
        (tick.step_id, tick.sub_step_id): tick
        for tick in group.checklist_ticks.select_related("ticked_by")
    }
    teams_own = ticks_only_the_team_takes_back(ticks.values(), request.user)
    steps = SetupStep.objects.prefetch_related(
        Prefetch("sub_steps", queryset=SetupSubStep.objects.order_by("number"))
    )
    checklist = []
    for step in steps:
        sub_steps = list(step.sub_steps.all())
        items = [
            {"sub_step": sub_step, "tick": ticks.get((step.pk, sub_step.pk))}
            for sub_step in sub_steps
            if not sub_step.is_advice
        ] or [{"sub_step": None, "tick": ticks.get((step.pk, None))}]
        advice = [sub_step for sub_step in sub_steps if sub_step.is_advice]
        for item in items:
            item["id"] = checklist_item_id(step, item["sub_step"])
            item["teams_own"] = bool(item["tick"]) and item["tick"].pk in teams_own
            key = (str(step.pk), str(item["sub_step"].pk) if item["sub_step"] else None)
            item["failed_form"] = failed_form if key == failed_key else None
        checklist.append(
            {
                "step": step,
                "items": items,
                "advice": advice,
                "done": all(item["tick"] for item in items),
            }
        )
    return render(
        request,
        "onboarding/group_setup.html",
        {
            "national_group": group,
            "checklist": checklist,
            "steps_done": sum(entry["done"] for entry in checklist),
            "may_tick": may_tick,
        },
        status=status,
    )
