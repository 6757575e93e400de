from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = _("Coaching")

    def ready(self):
        from coaching import history  # noqa: F401
        from coaching.models import ActivityReportEvent, AgreedAction, CheckIn, CheckInParticipant
        from coaching.my_page import coaching_waiting_for
        from coaching.page_sections import agreed_actions_section, published_activities_section
        from common import pagecache
        from groups import my_page, page_sections

        # An organizer's open actions and their group's report, on /my/ (groups/my_page.py).
        my_page.register(coaching_waiting_for)
        # The actions agreed with the group and its reports, on its own page; the
        # activities it chose to publish, on its public page (groups/page_sections.py).
        page_sections.dashboard.register(agreed_actions_section)
        page_sections.public_page.register(published_activities_section)
        # The team's notes and the actions are never on a public page; a report is, when
        # its group publishes what it held (the group's public page reads it).
        pagecache.never_public(CheckIn, CheckInParticipant, AgreedAction)
        pagecache.never_public(ActivityReportEvent)
        pagecache.watch_settings("ACTIVITY_REPORT_PERIOD_MONTHS")
