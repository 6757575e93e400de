from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts import languages
        from common import pagecache

        user_logged_in.connect(languages.known_at_login, dispatch_uid="account_language")

        # A person's own settings are never part of a public page.
        pagecache.never_public("accounts")


class OversightAdminConfig(admin_apps.AdminConfig):
    """Django's admin, as accounts.admin_site.OversightAdminSite (INSTALLED_APPS names it)."""

    default = False
    default_site = "accounts.admin_site.OversightAdminSite"
