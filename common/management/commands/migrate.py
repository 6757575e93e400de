"""Django's migrate, without the deadlines that requests have (settings
DATABASE_QUERY_SECONDS): adding an index or a constraint to a large table may rightly
take longer than a request may; and its writes make one change of the page cache's
version, once it is done, not one a migration."""

from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections

from common.pagecache.writes import one_change_for_all
from common.postgresql.base import without_deadlines


class Command(MigrateCommand):
    def handle(self, *args, **options):
        with one_change_for_all(), without_deadlines(connections[options["database"]]):
            return super().handle(*args, **options)
