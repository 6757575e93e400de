"""Daily reminders: the oversight team of requests waiting for a decision, requesters of reports.

Run once a day from cron. It keeps no record of what it sent, so running it
twice in a day sends everything twice.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import ngettext

from common.emails import send_in_language
from groups.permissions import oversight_team_addresses
from microgrants.emails import admin_url, requester_url
from microgrants.models import REPORT_DUE_AFTER, MicrograntRequest

Status = MicrograntRequest.Status

# A request waiting longer than this for a decision goes in the team's reminder.
DECISION_REMINDER_AFTER = datetime.timedelta(days=7)
# Requesters hear of their report this long before it is due, and daily once overdue.
REPORT_REMINDER_BEFORE = datetime.timedelta(days=7)


def waiting_for_a_decision():
    """Submitted or in review for more than a week: the team's turn, not the requester's."""
    return (
        MicrograntRequest.objects.filter(
            status__in=(Status.SUBMITTED, Status.IN_REVIEW),
            submitted_at__lt=timezone.now() - DECISION_REMINDER_AFTER,
        )
        .select_related("group")
        .order_by("submitted_at")
    )


def reports_due():
    """Granted, the report not sent yet, and due within a week or overdue."""
    due_by = timezone.localdate() + REPORT_REMINDER_BEFORE
    return (
        MicrograntRequest.objects.filter(
            status__in=(Status.LETTER_ACCEPTED, Status.PAID),
            end_date__lte=due_by - REPORT_DUE_AFTER,
        )
        .select_related("group", "requested_by")
        .order_by("end_date")
    )


class Command(BaseCommand):
    help = "Email reminders about microgrant decisions waiting and reports due."

    def handle(self, *args, **options):
        self.failures = 0
        waiting = list(waiting_for_a_decision())
        team_reminders = self.remind_oversight_team(waiting) if waiting else 0
        requester_reminders = sum(self.remind_requester(grant) for grant in reports_due())
        total = team_reminders + requester_reminders
        waiting_text = ngettext(
            "%(count)d request waiting for a decision",
            "%(count)d requests waiting for a decision",
            len(waiting),
        ) % {"count": len(waiting)}
        self.stdout.write(
            ngettext(
                "Sent %(total)d reminder: %(team)d to the oversight team (%(waiting)s), "
                "%(requesters)d to requesters (reports due or overdue).",
                "Sent %(total)d reminders: %(team)d to the oversight team (%(waiting)s), "
                "%(requesters)d to requesters (reports due or overdue).",
                total,
            )
            % {
                "total": total,
                "team": team_reminders,
                "waiting": waiting_text,
                "requesters": requester_reminders,
            }
        )
        if self.failures:
            # After trying every reminder, so one bad address does not stop the rest.
            raise CommandError(
                ngettext(
                    "%(count)d reminder could not be sent.",
                    "%(count)d reminders could not be sent.",
                    self.failures,
                )
                % {"count": self.failures}
            )

    def send(self, **message) -> int:
        """Send one reminder; 1 if it went out, 0 if there was nobody to send it to or it failed."""
        sent = send_in_language(**message)
        if sent is False:
            self.failures += 1
            self.stderr.write(f"Could not send to {', '.join(message['recipients'])}.")
        return 1 if sent else 0

    def remind_oversight_team(self, waiting) -> int:
        now = timezone.now()
        return self.send(
            template="microgrants/email/reminder_decision",
            context={
                "waiting": [
                    {
                        "grant": grant,
                        "days": (now - grant.submitted_at).days,
                        "admin_url": admin_url(grant),
                    }
                    for grant in waiting
                ]
            },
            recipients=oversight_team_addresses(),
            language=settings.LANGUAGE_CODE,
        )

    def remind_requester(self, grant) -> int:
        return self.send(
            template="microgrants/email/reminder_report",
            context={
                "grant": grant,
                "due_on": grant.report_due_on,
                "overdue": grant.report_due_on < timezone.localdate(),
                "url": requester_url(grant),
            },
            recipients=[grant.requested_by.email] if grant.requested_by.email else [],
            language=grant.language,
        )
