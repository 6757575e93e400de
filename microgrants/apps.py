from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MicrograntsConfig(AppConfig):
    name = "microgrants"
    verbose_name = _("Microgrants")

    def ready(self):
        # The history's snapshot models (microgrants/history.py), declared once the
        # request models exist, as groups and onboarding declare theirs from their
        # translation modules once modeltranslation has added the language columns.
        from microgrants import history  # noqa: F401
