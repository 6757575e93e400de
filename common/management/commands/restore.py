from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common import backups, pagecache


class Command(BaseCommand):
    help = (
        "Restore a backup folder (manage.py backup) into the site's database, which must be "
        "new and empty, and into its media and private-media folders."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--no-input", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, folder, no_input, **options):
        backups.require_backup(folder)
        if not no_input:
            answer = input(f"Restore {folder} into the site's database and media? [y/N] ")
            if answer.strip().lower() != "y":
                raise CommandError("Nothing restored.")
        backups.restore(folder)
        # What the public pages cached from the database before is old.
        pagecache.new_version()
        if options["verbosity"]:
            self.stdout.write(f"Restored {folder}")
