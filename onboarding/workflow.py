"""An application's moves, declared once (common/workflow.py): who makes each, from which
statuses to which, and whose turn each status is. The services make the moves, the
admin's review buttons offer the team's, /my/ the applicant's, the home tiles show what
waits for the team, and the emails tell the other side."""

from django.utils.translation import gettext_lazy as _

from common.workflow import Move, Party, Workflow
from onboarding.models import GroupApplication

Status = GroupApplication.Status
ASKER, TEAM, NOBODY = Party.ASKER, Party.TEAM, Party.NOBODY

APPLICATION = Workflow(
    Status,
    turns={
        Status.SUBMITTED: TEAM,
        Status.IN_REVIEW: TEAM,
        Status.MORE_INFO_NEEDED: ASKER,
        Status.APPROVED: NOBODY,
        Status.REJECTED: NOBODY,
        Status.WITHDRAWN: NOBODY,
    },
    moves=[
        # The applicant's (an application is made submitted: application_submit).
        Move("answer", (Status.MORE_INFO_NEEDED,), Status.IN_REVIEW, ASKER, _("Send my answer")),
        Move(
            "withdraw",
            (Status.SUBMITTED, Status.IN_REVIEW, Status.MORE_INFO_NEEDED),
            Status.WITHDRAWN,
            ASKER,
            _("Withdraw this application"),
        ),
        # The oversight team's: any member but the applicant.
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
        Move("approve", (Status.IN_REVIEW,), Status.APPROVED, TEAM, _("Approve: found the group")),
        Move(
            "reject",
            (Status.SUBMITTED, Status.IN_REVIEW, Status.MORE_INFO_NEEDED),
            Status.REJECTED,
            TEAM,
            _("Reject"),
        ),
    ],
    refused=_("This application is %(status)s; it cannot become %(target)s."),
)
