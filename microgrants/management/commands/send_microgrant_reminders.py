"""Daily reminders: the oversight team of requests waiting for a decision, requesters of reports.

Run once a day (deploy/systemd's timer). The reminders go into the outbox, which the
mail worker sends: a mail server that is down or hangs holds nothing here. It keeps no
record of what it sent, so running it twice in a day sends everything twice.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.languages import language_of
from accounts.team import oversight_team_addresses
from common.emails import send_in_language
from microgrants.emails import admin_url, requester_url
from microgrants.models import MicrograntRequest
from microgrants.selectors import reports_due, waiting_for_a_decision

Status = MicrograntRequest.Status


class Command(BaseCommand):
    help = "Email reminders about microgrant decisions waiting and reports due."

    def handle(self, *args, **options):
        waiting = list(waiting_for_a_decision())
        team_reminders = self.remind_oversight_team(waiting) if waiting else 0
        requester_reminders = sum(self.remind_requester(microgrant) for microgrant in reports_due())
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

    def send(self, **message) -> int:
        """Queue one reminder; 1 if it was, 0 if there was nobody to send it to."""
        return 1 if send_in_language(**message) else 0

    def remind_oversight_team(self, waiting) -> int:
        now = timezone.now()
        return self.send(
            template="microgrants/email/reminder_decision",
            context={
                "waiting": [
                    {
                        "microgrant": microgrant,
                        "days": (now - microgrant.submitted_at).days,
                        "admin_url": admin_url(microgrant),
                    }
                    for microgrant in waiting
                ]
            },
            recipients=oversight_team_addresses(),
            language=settings.LANGUAGE_CODE,
        )

    def remind_requester(self, microgrant) -> int:
        """In the requester's account's language, else the request's."""
        language = language_of(microgrant.requested_by, default=microgrant.language)
        return self.send(
            template="microgrants/email/reminder_report",
            context={
                "microgrant": microgrant,
                "due_on": microgrant.report_due_on,
                "overdue": microgrant.report_due_on < timezone.localdate(),
                "url": requester_url(microgrant, language),
            },
            recipients=[microgrant.requested_by.email] if microgrant.requested_by.email else [],
            language=language,
        )
