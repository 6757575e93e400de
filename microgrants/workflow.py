"""A microgrant's moves, declared once (common/workflow.py): who makes each, from which
statuses to which, and whose turn each status is. The services make the moves, the
admin's review buttons offer the team's, the requester's pages and /my/ the
requester's, the home tiles show what waits for the team, and the emails tell the
other side."""

from django.utils.translation import gettext_lazy as _

from common.workflow import Move, Party, Workflow
from microgrants.models import MicrograntRequest

Status = MicrograntRequest.Status
ASKER, TEAM, NOBODY = Party.ASKER, Party.TEAM, Party.NOBODY

MICROGRANT = Workflow(
    Status,
    turns={
        Status.DRAFT: ASKER,
        Status.SUBMITTED: TEAM,
        Status.IN_REVIEW: TEAM,
        Status.MORE_INFO_NEEDED: ASKER,
        Status.APPROVED: ASKER,
        Status.REJECTED: NOBODY,
        Status.WITHDRAWN: NOBODY,
        Status.LETTER_ACCEPTED: TEAM,
        Status.PAID: ASKER,
        Status.REPORT_SUBMITTED: TEAM,
        Status.CLOSED: NOBODY,
    },
    moves=[
        # The requester's.
        Move("submit", (Status.DRAFT,), Status.SUBMITTED, ASKER, _("Submit")),
        Move("answer", (Status.MORE_INFO_NEEDED,), Status.IN_REVIEW, ASKER, _("Submit again")),
        Move(
            "withdraw",
            (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.MORE_INFO_NEEDED),
            Status.WITHDRAWN,
            ASKER,
            _("Withdraw the request"),
        ),
        Move(
            "accept_letter",
            (Status.APPROVED,),
            Status.LETTER_ACCEPTED,
            ASKER,
            _("I accept the grant letter"),
        ),
        Move("submit_report", (Status.PAID,), Status.REPORT_SUBMITTED, ASKER, _("Send the report")),
        # The oversight team's: a reviewer who is neither the requester nor an organizer
        # of the group; above MICROGRANT_TWO_APPROVALS_ABOVE_EUR, approval takes a second
        # such member, the request staying in review after the first.
        Move(
            "start_review",
            (Status.SUBMITTED, Status.MORE_INFO_NEEDED),
            Status.IN_REVIEW,
            TEAM,
            _("Start the review"),
        ),
        Move(
            "request_info",
            (Status.IN_REVIEW,),
            Status.MORE_INFO_NEEDED,
            TEAM,
            _("Ask for more information"),
        ),
        Move("approve", (Status.IN_REVIEW,), Status.APPROVED, TEAM, _("Approve")),
        Move(
            "reject",
            (Status.SUBMITTED, Status.IN_REVIEW, Status.MORE_INFO_NEEDED),
            Status.REJECTED,
            TEAM,
            _("Reject"),
        ),
        Move("mark_paid", (Status.LETTER_ACCEPTED,), Status.PAID, TEAM, _("Mark as paid")),
        Move(
            "accept_report",
            (Status.REPORT_SUBMITTED,),
            Status.CLOSED,
            TEAM,
            _("Accept the report: close"),
        ),
        Move(
            "return_report",
            (Status.REPORT_SUBMITTED,),
            Status.PAID,
            TEAM,
            _("Return the report for changes"),
        ),
    ],
    refused=_("This request is %(status)s; it cannot become %(target)s."),
)
