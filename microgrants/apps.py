from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MicrograntsConfig(AppConfig):
    name = "microgrants"
    verbose_name = _("Microgrants")

    def ready(self):
        # The history's snapshot models (microgrants/history.py), declared once the
        # request models exist, as groups and onboarding declare theirs from their
        # translation modules once modeltranslation has added the language columns.
        from common import pagecache
        from groups import my_page
        from microgrants import history  # noqa: F401
        from microgrants.my_page import microgrants_waiting_for

        # The requester's turn, on their /my/ page (groups/my_page.py).
        my_page.register(microgrants_waiting_for)

        # No public page shows a request (common/pagecache); the rules page shows the
        # limits, the rates and the file sizes.
        pagecache.never_public("microgrants")
        pagecache.watch_settings(
            "MICROGRANT_LIMIT_PER_REQUEST_EUR",
            "MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR",
            "MICROGRANT_TWO_APPROVALS_ABOVE_EUR",
            "MICROGRANT_FILE_MAX_BYTES",
            "MICROGRANT_FILES_PER_REQUEST",
            "MICROGRANT_EUR_RATES",
        )
