from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("National groups")


class OversightAdminConfig(admin_apps.AdminConfig):
    """Django's admin, as groups.admin_site.OversightAdminSite (INSTALLED_APPS names it)."""

    default = False
    default_site = "groups.admin_site.OversightAdminSite"
