"""An activity report's moves, declared once (common/workflow.py): the group's leads write
and submit it; the oversight team marks it discussed at a check-in."""

from django.utils.translation import gettext_lazy as _

from coaching.models import ActivityReport
from common.workflow import Move, Party, Workflow

Status = ActivityReport.Status

ACTIVITY_REPORT = Workflow(
    Status,
    turns={Status.DRAFT: Party.ASKER, Status.SUBMITTED: Party.TEAM, Status.DISCUSSED: Party.NOBODY},
    moves=[
        Move("submit", (Status.DRAFT,), Status.SUBMITTED, Party.ASKER, _("Submit the report")),
        Move("discuss", (Status.SUBMITTED,), Status.DISCUSSED, Party.TEAM, _("Mark as discussed")),
    ],
    refused=_("This report is %(status)s: it cannot be %(target)s."),
)
