import sys

from django.core.management.base import BaseCommand
from django.db import transaction

from bench.data import DETAIL_GROUP_COUNTRY
from groups.models import NationalGroup


def save_detail_group() -> None:
    """A write to the registry through the ORM, as an edit makes it: the group's save()
    (a new version, post_save, the history's trigger), without changing what it shows,
    in a transaction as every edit's service makes it, so the new version is out when
    it commits. (A statement committed on its own is published before the connection's
    next one, the end of a request or of the process: here, the next save.)"""
    with transaction.atomic():
        group = NationalGroup.objects.select_for_update().get(
            country=DETAIL_GROUP_COUNTRY, status=NationalGroup.Status.ACTIVE
        )
        group.save()


class Command(BaseCommand):
    help = (
        "Save the benchmark's detail group once, which invalidates whatever caches the "
        "registry's pages; with --serve, once per line read from standard input, answering "
        "'saved' after each (bench_run's way of writing from another process)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--serve", action="store_true")

    def handle(self, *args, **options):
        if not options["serve"]:
            save_detail_group()
            return
        for _line in sys.stdin:
            save_detail_group()
            self.stdout.write("saved")
            self.stdout.flush()
