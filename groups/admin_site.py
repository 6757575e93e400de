"""The admin, entered through the site's login, and by the oversight team with a second factor."""

from django.contrib import admin
from django.urls import reverse

from groups import second_factor


class OversightAdminSite(admin.AdminSite):
    def has_permission(self, request):
        """Active staff; the oversight team and superusers once this session gave a second factor.

        Every admin page, including the ones added by ModelAdmin.get_urls through
        admin_view, asks this; a refusal sends the visitor to login() below.
        """
        return super().has_permission(request) and second_factor.admin_admits(request)

    def login(self, request, extra_context=None):
        """No password form of the admin's own, which no rate limit guarded."""
        return second_factor.admin_login(
            request, admin_index=reverse("admin:index", current_app=self.name)
        )
