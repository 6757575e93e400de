from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from common import backups


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, compressed) and the media and private-media "
        "folders into a new dated folder (common/backups.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to",
            type=Path,
            default=Path(getattr(settings, "BACKUP_ROOT", settings.BASE_DIR / "backups")),
            help="Where the dated folder goes (BACKUP_ROOT; default: backups/).",
        )

    def handle(self, *args, to, **options):
        folder = backups.backup(to)
        if options["verbosity"]:
            self.stdout.write(f"Backed up to {folder}")
