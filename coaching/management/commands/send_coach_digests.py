"""The coaches' weekly digest: to each coach, what waits in their groups this week.

Run every morning by the reminders timer (deploy/systemd), it sends only on
settings.COACH_DIGEST_WEEKDAY (Monday), unless --any-day. The digests go into the outbox,
which the mail worker sends. It keeps no record of what it sent, so running it twice on
the day sends every digest twice.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coaching.emails import send_coach_digest
from coaching.selectors import coach_digest, coaches_with_groups


class Command(BaseCommand):
    help = (
        "Email each coach the digest of their groups: check-ins, actions and reports due or "
        "overdue, quiet groups. Sends on settings.COACH_DIGEST_WEEKDAY only, unless --any-day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--any-day",
            action="store_true",
            help="Send today, whatever the weekday.",
        )

    def handle(self, *args, any_day=False, **options):
        if not any_day and timezone.localdate().weekday() != settings.COACH_DIGEST_WEEKDAY:
            self.stdout.write(_("Not the coaches' digest's weekday: no digest sent."))
            return
        sent = nothing_due = 0
        for member in coaches_with_groups():
            digest = coach_digest(member)
            if digest is None:
                nothing_due += 1
            elif send_coach_digest(member, digest):
                sent += 1
        nothing_due_text = ngettext(
            "%(count)d coach with nothing due", "%(count)d coaches with nothing due", nothing_due
        ) % {"count": nothing_due}
        self.stdout.write(
            ngettext(
                "Sent the weekly digest to %(sent)d coach (%(nothing_due)s).",
                "Sent the weekly digest to %(sent)d coaches (%(nothing_due)s).",
                sent,
            )
            % {"sent": sent, "nothing_due": nothing_due_text}
        )
