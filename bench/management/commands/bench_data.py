from django.core.management.base import BaseCommand

from bench import data


class Command(BaseCommand):
    help = "Add the benchmark's synthetic rows to a database that load_content filled."

    def handle(self, *args, **options):
        counts = data.build()
        self.stdout.write("Bench data: " + ", ".join(f"{n:,} {what}" for what, n in counts.items()))
