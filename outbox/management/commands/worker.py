from django.core.management.base import BaseCommand

from outbox.delivery import deliver_due
from outbox.worker import Worker


class Command(BaseCommand):
    help = (
        "Send the outbox's messages, oldest first, and hear writes made outside the site "
        "for the page cache, until stopped (--once: one round of the outbox, then exit)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One round, then exit.")

    def handle(self, *args, once=False, **options):
        if once:
            result = deliver_due()
            self.stdout.write(
                f"{result.sent} sent, {result.failed} failed, {result.waiting} waiting"
                + (
                    f"; the mail server is at fault: {result.error}"
                    if result.server_at_fault
                    else ""
                )
            )
            return
        Worker().run()
