from pathlib import Path

from django.core.management.base import BaseCommand

from bench import run


class Command(BaseCommand):
    help = (
        "Measure the pages served by the gunicorn at --url (make bench starts it) and the "
        "admin's changelists in this process; print the tables and write bench/results.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8765")
        parser.add_argument("--seconds", type=int, default=5, help="Length of each load run.")
        parser.add_argument("--rounds", type=int, default=31, help="Timed requests per p50.")
        parser.add_argument(
            "--nginx", default="", help="make bench's nginx (https://localhost:PORT), if any"
        )
        parser.add_argument(
            "--static-dir", type=Path, help="the folder nginx serves /__bench__/static/ from"
        )

    def handle(self, *args, **options):
        run.main(
            base_url=options["url"].rstrip("/"),
            seconds=options["seconds"],
            rounds=options["rounds"],
            stdout=self.stdout,
            nginx_url=options["nginx"].rstrip("/"),
            static_dir=options["static_dir"],
        )
