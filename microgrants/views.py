"""The organizers' side of microgrants: the public rules, a group's requests, the request
form, and one request with its history, grant letter, files and report.

Every rule about what may happen to a request is a service's in groups.microgrants;
these views find the request, decide what the visitor may see, call one service per
action and show its refusal in its own words.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.downloads import private_attachment
from common.error_summary import FormError
from common.names import full_name_of, name_or_address
from common.versioning import EditConflict
from common.workflow import Party
from groups.models import Membership
from groups.permissions import group_for
from microgrants.forms import (
    BudgetLineFormSet,
    FileUploadForm,
    LetterAcceptanceForm,
    MicrograntRequestForm,
    ReportForm,
    another_line,
    request_form_is_valid,
)
from microgrants.models import (
    DECISION_EXPECTED_WITHIN,
    REPORT_DUE_AFTER,
    MicrograntFile,
    MicrograntRequest,
)
from microgrants.permissions import may_attach_files, may_follow, may_request
from microgrants.selectors import overdue_report
from microgrants.services import (
    MicrograntError,
    microgrant_accept_letter,
    microgrant_attach_file,
    microgrant_save_draft,
    microgrant_submit,
    microgrant_submit_report,
    microgrant_withdraw,
)
from microgrants.workflow import MICROGRANT

Status = MicrograntRequest.Status

# From approval on, the request has a grant letter to read.
HAS_LETTER = MicrograntRequest.GRANTED


def followed_microgrant(request, slug, pk) -> MicrograntRequest:
    """The request, if the user may follow it (requester, group leads, oversight); else 404."""
    microgrant = get_object_or_404(
        MicrograntRequest.objects.select_related("group", "requested_by"), group__slug=slug, pk=pk
    )
    if not may_follow(request.user, microgrant):
        raise Http404
    return microgrant


def requesters_microgrant(request, slug, pk, *, statuses) -> MicrograntRequest:
    """A request for its requester to fill in: 403 for others who follow it, or too late."""
    microgrant = followed_microgrant(request, slug, pk)
    if microgrant.requested_by_id != request.user.pk or microgrant.status not in statuses:
        raise PermissionDenied
    return microgrant


def detail_url(microgrant) -> str:
    return reverse("microgrants:detail", args=[microgrant.group.slug, microgrant.pk])


def rules(request):
    """What a microgrant is for, its limits and its steps: public."""
    memberships = []
    if request.user.is_authenticated:
        memberships = Membership.objects.filter(user=request.user).select_related("group")
    return render(
        request,
        "microgrants/rules.html",
        {
            "limit_per_request": settings.MICROGRANT_LIMIT_PER_REQUEST_EUR,
            "limit_per_group_year": settings.MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR,
            "two_approvals_above": settings.MICROGRANT_TWO_APPROVALS_ABOVE_EUR,
            "file_max_bytes": settings.MICROGRANT_FILE_MAX_BYTES,
            "decision_days": DECISION_EXPECTED_WITHIN.days,
            "report_due_days": REPORT_DUE_AFTER.days,
            "memberships": memberships,
        },
    )


@login_required
def microgrant_list(request, slug):
    """The group's requests: all of them for its leads and the oversight team, else one's own."""
    access = group_for(request, slug, need="view")
    group = access.group
    sees_all = access.oversight or access.manages
    microgrants = group.microgrant_requests.select_related("requested_by")
    if not sees_all:
        microgrants = microgrants.filter(requested_by=request.user)
    return render(
        request,
        "microgrants/list.html",
        {
            "national_group": group,
            "microgrants": microgrants,
            "sees_all": sees_all,
            "may_request": may_request(request.user, group, membership=access.membership),
            "overdue": overdue_report(group),
            "report_pending": MicrograntRequest.REPORT_PENDING,
        },
    )


@login_required
def microgrant_create(request, slug):
    access = group_for(request, slug, need="view")
    group = access.group
    if not may_request(request.user, group, membership=access.membership):
        raise PermissionDenied
    microgrant = MicrograntRequest(group=group, requested_by=request.user, language=get_language())
    return request_form_page(request, microgrant)


@login_required
def microgrant_edit(request, slug, pk):
    microgrant = requesters_microgrant(request, slug, pk, statuses=MicrograntRequest.EDITABLE)
    return request_form_page(request, microgrant)


def request_form_page(request, microgrant):
    """Save as a draft, or save and submit: a refused submission keeps the draft. "Add a
    line" (without JavaScript) shows the form again as typed, with one more line."""
    data = request.POST if request.method == "POST" else None
    if data is not None and data.get("action") == "add_line":
        form, budget = another_line(data, microgrant)
        return request_form_render(request, microgrant, form, budget)
    form = MicrograntRequestForm(data, instance=microgrant)
    budget = BudgetLineFormSet(data, instance=microgrant, prefix="budget")
    refusal = None
    status = 400 if data is not None else 200
    if data is not None and request_form_is_valid(form, budget):
        try:
            microgrant = microgrant_save_draft(form=form, budget=budget)
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        except MicrograntError as error:
            form.add_error(None, str(error))
        else:
            if data.get("action") != "submit":
                messages.success(request, saved_message(microgrant))
                return redirect(detail_url(microgrant))
            answering = microgrant.status == Status.MORE_INFO_NEEDED
            try:
                microgrant_submit(microgrant=microgrant, user=request.user)
            except MicrograntError as error:
                refusal = error
                # The page again from what is saved, so saving again changes this draft.
                microgrant.refresh_from_db()
                form = MicrograntRequestForm(instance=microgrant)
                budget = BudgetLineFormSet(instance=microgrant, prefix="budget")
            else:
                messages.success(request, submitted_message(answering))
                return redirect(detail_url(microgrant))
    return request_form_render(request, microgrant, form, budget, refusal=refusal, status=status)


def request_form_render(request, microgrant, form, budget, *, refusal=None, status=200):
    """The request's form; a refused submission's problems in the error summary, each
    leading to what it is about."""
    targets = {"budget_lines": f"{budget.prefix}-formset"}
    return render(
        request,
        "microgrants/form.html",
        {
            "national_group": microgrant.group,
            "microgrant": microgrant,
            "form": form,
            "budget": budget,
            "submit_error": refusal
            and _("Saved as a draft, but not submitted: %(reasons)s") % {"reasons": refusal},
            "page_errors": [
                FormError(
                    problem.message,
                    target=targets.get(problem.about)
                    or (problem.about and form[problem.about].auto_id)
                    or "",
                )
                for problem in (refusal.problems if refusal else [])
            ],
            "question": open_question(microgrant, microgrant.events.all() if microgrant.pk else []),
        },
        status=status,
    )


def open_question(microgrant, events):
    """The oversight team's question a request waits to answer, as the event that asked it."""
    if microgrant.status != Status.MORE_INFO_NEEDED:
        return None
    return next((event for event in reversed(events) if event.to_status == microgrant.status), None)


def saved_message(microgrant) -> str:
    if microgrant.status == Status.DRAFT:
        return _("Your request is saved as a draft. Submit it when it is ready.")
    return _("Your changes are saved. Submit the request to send them to the oversight team.")


def submitted_message(answering: bool) -> str:
    if answering:
        return _("Your answer is sent; the oversight team reviews the request again.")
    return _("Your request is submitted. The oversight team decides within %(days)d days.") % {
        "days": DECISION_EXPECTED_WITHIN.days
    }


@login_required
def microgrant_detail(request, slug, pk):
    return render_detail(request, followed_microgrant(request, slug, pk))


def render_detail(request, microgrant, *, error=None, upload_form=None, status=200):
    user = request.user
    is_requester = microgrant.requested_by_id == user.pk
    # What the requester can do now, as the workflow has it (microgrants/workflow.py).
    moves = (
        {move.action for move in MICROGRANT.moves_from(microgrant.status, by=Party.ASKER)}
        if is_requester
        else set()
    )
    events = list(microgrant.events.select_related("actor"))
    budget_lines = list(microgrant.budget_lines.all())
    return render(
        request,
        "microgrants/detail.html",
        {
            "national_group": microgrant.group,
            "microgrant": microgrant,
            "budget_lines": budget_lines,
            "budget_total": sum(line.amount for line in budget_lines),
            "events": events,
            "question": open_question(microgrant, events),
            "files": microgrant.files.all(),
            "is_requester": is_requester,
            "may_edit": is_requester and microgrant.status in MicrograntRequest.EDITABLE,
            "may_submit": bool(moves & {"submit", "answer"}),
            "may_withdraw": "withdraw" in moves,
            "has_letter": microgrant.status in HAS_LETTER,
            "may_accept_letter": "accept_letter" in moves,
            "may_attach_files": may_attach_files(user, microgrant),
            "may_report": "submit_report" in moves,
            "report_pending": microgrant.status in MicrograntRequest.REPORT_PENDING,
            "upload_form": upload_form or FileUploadForm(),
            "error": error,
        },
        status=status,
    )


def act_on(request, microgrant, service, success_message):
    """Run one service on the request: back to its page, or the page again with the refusal."""
    try:
        service(microgrant=microgrant, user=request.user)
    except MicrograntError as refusal:
        return render_detail(request, microgrant, error=str(refusal), status=400)
    messages.success(request, success_message)
    return redirect(detail_url(microgrant))


@login_required
@require_POST
def microgrant_withdraw_view(request, slug, pk):
    microgrant = followed_microgrant(request, slug, pk)
    return act_on(request, microgrant, microgrant_withdraw, _("The request is withdrawn."))


@login_required
@require_POST
def microgrant_submit_view(request, slug, pk):
    microgrant = followed_microgrant(request, slug, pk)
    message = submitted_message(microgrant.status == Status.MORE_INFO_NEEDED)
    return act_on(request, microgrant, microgrant_submit, message)


@login_required
def microgrant_letter(request, slug, pk):
    """The grant letter, which the requester accepts by typing their full name."""
    microgrant = followed_microgrant(request, slug, pk)
    if microgrant.status not in HAS_LETTER:
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = LetterAcceptanceForm(data)
    if data is not None and form.is_valid():
        try:
            microgrant_accept_letter(
                microgrant=microgrant, user=request.user, full_name=form.cleaned_data["full_name"]
            )
        except MicrograntError as refusal:
            # On the name, kept as typed.
            form.add_error("full_name", str(refusal))
        else:
            messages.success(
                request,
                _("You accepted the grant letter. The oversight team arranges the payment."),
            )
            return redirect(detail_url(microgrant))
    return render(
        request,
        "microgrants/letter.html",
        {
            "national_group": microgrant.group,
            "microgrant": microgrant,
            "form": form,
            "may_accept_letter": microgrant.requested_by_id == request.user.pk
            and microgrant.status == Status.APPROVED,
            "account_name": full_name_of(request.user),
            "requester_name": name_or_address(microgrant.requested_by),
        },
        status=400 if data is not None else 200,
    )


@login_required
@require_POST
def microgrant_file_upload(request, slug, pk):
    microgrant = followed_microgrant(request, slug, pk)
    form = FileUploadForm(request.POST, request.FILES)
    error = None
    if form.is_valid():
        try:
            microgrant_file = microgrant_attach_file(
                microgrant=microgrant,
                user=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["upload"],
            )
        except MicrograntError as refusal:
            error = str(refusal)
        else:
            messages.success(
                request, _("%(name)s is uploaded.") % {"name": microgrant_file.original_name}
            )
            return redirect(detail_url(microgrant) + "#files")
    return render_detail(request, microgrant, error=error, upload_form=form, status=400)


@login_required
def microgrant_file_download(request, slug, pk, file_pk):
    """A receipt or attachment, only for those who follow the request."""
    microgrant = followed_microgrant(request, slug, pk)
    microgrant_file = get_object_or_404(
        MicrograntFile.objects.filter(request=microgrant), pk=file_pk
    )
    return private_attachment(
        microgrant_file.file,
        filename=microgrant_file.original_name,
        content_type=microgrant_file.content_type,
    )


@login_required
def microgrant_report(request, slug, pk):
    """The completion report, once the grant is paid (again, if it was sent back)."""
    microgrant = requesters_microgrant(request, slug, pk, statuses=(Status.PAID,))
    data = request.POST if request.method == "POST" else None
    form = ReportForm(
        data,
        initial={
            "report_done": microgrant.report_done,
            "report_numbers": microgrant.report_numbers,
            "report_learnings": microgrant.report_learnings,
        },
    )
    receipts_error = None
    if data is not None and form.is_valid():
        try:
            microgrant_submit_report(
                microgrant=microgrant,
                user=request.user,
                done=form.cleaned_data["report_done"],
                numbers=form.cleaned_data["report_numbers"],
                learnings=form.cleaned_data["report_learnings"],
            )
        except MicrograntError as refusal:
            if refusal.about == "receipts":
                receipts_error = str(refusal)
            else:
                form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Thank you! Your report is sent to the oversight team."))
            return redirect(detail_url(microgrant))
    return render(
        request,
        "microgrants/report.html",
        {
            "national_group": microgrant.group,
            "microgrant": microgrant,
            "form": form,
            "receipts": microgrant.files.filter(kind=MicrograntFile.Kind.RECEIPT),
            "receipts_error": receipts_error,
        },
        status=400 if data is not None else 200,
    )
