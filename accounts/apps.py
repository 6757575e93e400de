from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from common import pagecache

        # A person's own settings are never part of a public page.
        pagecache.never_public("accounts")
