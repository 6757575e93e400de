"""The admin, entered through the site's login, and by the oversight team with a second
factor; its home page shows what needs the team today, drawn by groups/admin_home.py
(which groups/admin.py gives the site, as every app gives it its tiles)."""

from collections.abc import Callable

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts import second_factor
from common.names import person


class PeopleByNameAutocomplete(AutocompleteJsonView):
    """The autocomplete fields' choices, an account named as the team names people
    (common.names.person), not by its username."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, get_user_model()):
            result["text"] = person(obj)
        return result


class OversightAdminSite(admin.AdminSite):
    index_template = "admin/home.html"
    # The home page's sections by app, in the order the team works: decisions on
    # applications and grants, then the groups' own health.
    home_section_order = ("coaching", "onboarding", "microgrants", "groups")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # groups.admin_home's Tiles, and its home(), which reads them for one visitor.
        self.tiles: list = []
        self.home_page: Callable | None = None

    def register_tile(self, *tiles) -> None:
        """Show these on the home page, after the ones registered before."""
        self.tiles.extend(tiles)

    def register_home_page(self, home_page: Callable) -> None:
        """What draws the home page's tiles (groups.admin_home.home): the groups app knows
        whose groups a coach holds, which the accounts app below it does not."""
        self.home_page = home_page

    def index(self, request, extra_context=None):
        """Django's list of models, with what needs someone today above it."""
        if self.home_page is None:
            return super().index(request, extra_context)
        home = self.home_page(
            self, request, tiles=self.tiles, section_order=self.home_section_order
        )
        return super().index(request, extra_context={"home": home, **(extra_context or {})})

    def autocomplete_view(self, request):
        return PeopleByNameAutocomplete.as_view(admin_site=self)(request)

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
