from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MicrograntsConfig(AppConfig):
    name = "microgrants"
    verbose_name = _("Microgrants")
