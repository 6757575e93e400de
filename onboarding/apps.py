from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = _("Onboarding")

    def ready(self):
        from common import pagecache
        from onboarding.models import SetupStep, SetupSubStep

        # The setup guide, on the national groups page (common/pagecache.py).
        pagecache.watch(SetupStep, SetupSubStep)
