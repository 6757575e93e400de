"""The organizers' side of coaching: an agreed action marked done (or open again), and
the group's activity reports, written by its national and communications leads.

Every rule is the services' (coaching/services.py) and every permission coaching's
(coaching/permissions.py); these views find the group and the row under it, decide
what the visitor may see, call one service per action and show its refusal.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coaching.forms import (
    REPORT_ANSWERS,
    ActionDoneForm,
    ActivityFormSet,
    activity_rows,
    another_line,
    report_forms,
)
from coaching.models import ActivityReport, AgreedAction
from coaching.periods import Period, period_containing, period_to_report
from coaching.permissions import may_mark_done, may_see_reports, may_write_reports
from coaching.selectors import REPORTING
from coaching.services import (
    CoachingError,
    action_mark_done,
    action_reopen,
    report_save_draft,
    report_start,
    report_submit,
)
from coaching.workflow import ACTIVITY_REPORT
from common.versioning import EditConflict, opened_at
from common.workflow import Party
from groups.permissions import GroupAccess, group_for

# The statuses in which the leads still write the report: a draft.
BEING_WRITTEN = ACTIVITY_REPORT.statuses_of(Party.ASKER)


# Agreed actions ----------------------------------------------------------------------


def markable_action(request, slug, pk) -> tuple[GroupAccess, AgreedAction]:
    """The action `pk` agreed with the group at `slug`, if the visitor may mark it done or
    open again: 404 for another group's action, 403 for an organizer who may not."""
    access = group_for(request, slug, need="view")
    action = get_object_or_404(
        AgreedAction.objects.of_group(access.group).select_related("check_in__group"), pk=pk
    )
    if not may_mark_done(request.user, action, access=access):
        raise PermissionDenied
    return access, action


def action_url(action: AgreedAction) -> str:
    """The action on its group's page."""
    return reverse("groups:group_manage", args=[action.check_in.group.slug]) + (
        f"#action-{action.pk}"
    )


def render_action(request, access, action, *, form=None, error=""):
    """The action on a page of its own: a refused change, with what was typed."""
    action.refresh_from_db()
    if form is None and not action.is_done:
        form = ActionDoneForm(action=action)
    return render(
        request,
        "coaching/action.html",
        {"national_group": access.group, "action": action, "form": form, "error": error},
        status=400,
    )


@login_required
@require_POST
def action_done(request, slug, pk):
    """The action is done, with an optional note for the coach."""
    access, action = markable_action(request, slug, pk)
    form = ActionDoneForm(request.POST, action=action)
    if not form.is_valid():
        return render_action(request, access, action, form=form)
    try:
        action_mark_done(action=action, by=request.user, note=form.cleaned_data["note"])
    except CoachingError as refusal:
        return render_action(request, access, action, error=str(refusal))
    messages.success(request, _("The action is marked done."))
    return redirect(action_url(action))


@login_required
@require_POST
def action_open_again(request, slug, pk):
    """The action is not done after all."""
    access, action = markable_action(request, slug, pk)
    try:
        action_reopen(action=action, by=request.user)
    except CoachingError as refusal:
        return render_action(request, access, action, error=str(refusal))
    messages.success(request, _("The action is open again."))
    return redirect(action_url(action))


# Activity reports --------------------------------------------------------------------


def reports_access(request, slug) -> GroupAccess:
    """The group, if the visitor may read its reports (its leads and the team): 404 for
    people with no tie to it, 403 for its other organizers."""
    access = group_for(request, slug, need="view")
    if not may_see_reports(access):
        raise PermissionDenied
    return access


def reported_period(period_start: str) -> Period:
    """The period starting on `period_start` (an ISO date); 404 for anything else."""
    try:
        start = datetime.date.fromisoformat(period_start)
    except ValueError:
        raise Http404 from None
    period = period_containing(start)
    if period.start != start:
        raise Http404
    return period


def report_url(group, period: Period) -> str:
    return reverse("coaching:report", args=[group.slug, period.start.isoformat()])


@login_required
def report_list(request, slug):
    """The report the group owes now, with its due date, and its reports until now."""
    access = reports_access(request, slug)
    group = access.group
    period = period_to_report()
    reports = list(group.activity_reports.order_by("-period_start"))
    owed = next((report for report in reports if report.period_start == period.start), None)
    return render(
        request,
        "coaching/report_list.html",
        {
            "national_group": group,
            "period": period,
            "owed_report": owed,
            "owed_is_sent": owed is not None and owed.status not in BEING_WRITTEN,
            "owed_url": report_url(group, period),
            "must_report": group.status in REPORTING,
            "earlier_reports": [report for report in reports if report is not owed],
            "may_write": may_write_reports(access),
        },
    )


@login_required
def report_page(request, slug, period_start):
    """The group's report for a period: the form for its national and communications
    leads while it is a draft; read-only for the other leads, the team, and once sent.
    Only the period owed now can be begun; another period is one reported already."""
    access = reports_access(request, slug)
    group = access.group
    period = reported_period(period_start)
    report = ActivityReport.objects.filter(group=group, period_start=period.start).first()
    if report is None and period != period_to_report():
        raise Http404
    may_write = may_write_reports(access) and (report is None or report.status in BEING_WRITTEN)
    if request.method == "POST" and not may_write:
        raise PermissionDenied
    if not may_write:
        return render(
            request,
            "coaching/report.html",
            {
                "national_group": group,
                "period": period,
                "report": report,
                "activities": report.activities.all() if report else [],
                "answers": answers_of(report) if report else [],
            },
        )
    return report_form_page(request, access, period, report)


def answers_of(report: ActivityReport) -> list[tuple[str, object]]:
    """The report's answers with their labels, in the form's order."""
    return [
        (capfirst(ActivityReport._meta.get_field(name).verbose_name), getattr(report, name))
        for name in REPORT_ANSWERS
    ]


def report_form_page(request, access, period: Period, report: ActivityReport | None):
    """Save the draft, or save and submit it: a refused submission keeps the draft and
    marks what it lacks. "Add a line" (without JavaScript) shows the form again as
    typed, with one more activity."""
    group = access.group
    data = request.POST if request.method == "POST" else None
    instance = report or ActivityReport(
        group=group, period_start=period.start, period_end=period.end, written_by=request.user
    )
    rows = activity_rows(report)
    if data is not None and data.get("action") == "add_line":
        form, activities = another_line(data, instance, rows=rows)
        return render_report_form(request, group, period, instance, form, activities)
    form, activities = report_forms(data, instance, rows=rows)
    status = 400 if data is not None else 200
    submit_error = ""
    # Both checked, so that every mistake shows at once.
    if data is not None and all([form.is_valid(), activities.is_valid()]):
        report = report or report_start(group=group, period=period, by=request.user)
        try:
            report = report_save_draft(
                report=report,
                answers=form.answers(),
                activities=activities.activities(),
                **form.seen_version(),
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        except CoachingError as refusal:
            form.add_error(None, str(refusal))
        else:
            if data.get("action") != "submit":
                messages.success(
                    request, _("The report is saved as a draft. Submit it when it is ready.")
                )
                return redirect(report_url(group, period))
            try:
                report_submit(report=report, by=request.user)
            except CoachingError as refusal:
                submit_error = _("Saved as a draft, but not submitted: %(reason)s") % {
                    "reason": refusal
                }
                for message, field in refusal.problems:
                    form.add_error(field, message)
                shown_as_saved(form, report)
                activities = ActivityFormSet(
                    initial=activity_rows(report), prefix=activities.prefix
                )
            else:
                messages.success(request, _("Thank you! The report is sent to the oversight team."))
                return redirect("coaching:reports", group.slug)
            instance = report
    return render_report_form(
        request, group, period, instance, form, activities, submit_error=submit_error, status=status
    )


def shown_as_saved(form, report: ActivityReport) -> None:
    """The form, as typed, now opened at the draft just saved: saving it again changes
    this draft, not a stale one."""
    data = form.data.copy()
    for name, value in opened_at(report).items():
        data[form.add_prefix(name)] = value
    form.data = data


def render_report_form(
    request, group, period, report, form, activities, *, submit_error="", status=200
):
    return render(
        request,
        "coaching/report_form.html",
        {
            "national_group": group,
            "period": period,
            "report": report,
            "form": form,
            "activities": activities,
            "submit_error": submit_error,
        },
        status=status,
    )
