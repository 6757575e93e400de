from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = _("Onboarding")

    def ready(self):
        from common import pagecache
        from onboarding.models import ApplicationEvent, ChecklistTick, GroupApplication

        # The setup guide is public (on the national groups page); the applications and
        # the groups' checklists never are (common/pagecache).
        pagecache.never_public(GroupApplication, ApplicationEvent, ChecklistTick)
