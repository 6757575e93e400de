"""The public pages: the home page, the national groups (the directory with the setup
guide, and each group's page) and the communities with their map."""

from django.http import Http404
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from accounts.team import is_oversight_member
from groups.directory import (
    CommunityFilters,
    GroupFilters,
    country_choices,
    named_countries,
    translated,
)
from groups.listing import (
    GroupUrls,
    adjacent_items,
    communities_by_country,
    community_page,
    national_group_items,
    page_number,
)
from groups.models import Link, LocalCommunity, NationalGroup, chat_services
from groups.page_sections import public_page
from groups.permissions import can_see_group_private_data
from groups.selectors import (
    group_page_links,
    named_community_organizers,
    shown_coach,
)


def home(request):
    return render(request, "groups/home.html")


class NationalGroupListView(ListView):
    """The page the product grew from: what a national group is, the groups, the guide.

    Active groups are listed, inactive ones apart and marked; both can be
    searched by name and country (in the visitor's language) and filtered.
    """

    template_name = "groups/national_group_list.html"
    context_object_name = "listed_groups"

    def get_queryset(self):
        self.filters = GroupFilters(self.request.GET)
        groups = NationalGroup.objects.public().order_by_country()
        if self.filters.status:
            groups = groups.filter(status=self.filters.status)
        return national_group_items(self.filters.apply(groups, text_fields=translated("name")))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = context["listed_groups"]
        active = [group for group in groups if group["status"] == NationalGroup.Status.ACTIVE]
        inactive = [group for group in groups if group["status"] == NationalGroup.Status.INACTIVE]
        # One loop in the template shows both lists, the inactive one only when it has groups.
        context["group_lists"] = [{"groups": active, "inactive": False}]
        if inactive:
            context["group_lists"].append({"groups": inactive, "inactive": True})
        context["filters"] = self.filters
        # Every country with a public group stays on offer; unfiltered, the page lists
        # them all already.
        context["country_choices"] = (
            country_choices(NationalGroup.objects.public())
            if self.filters.active
            else named_countries({group["country"] for group in groups})
        )
        return context


class NationalGroupDetailView(DetailView):
    template_name = "groups/national_group_detail.html"
    context_object_name = "national_group"

    def get_queryset(self):
        return NationalGroup.objects.select_related("coach")

    def get_object(self, queryset=None):
        group = super().get_object(queryset)
        self.shows_private_data = can_see_group_private_data(self.request.user, group)
        # Their own organizers and the oversight team may preview a group
        # that is not public (yet).
        if not group.has_public_page and not self.shows_private_data:
            raise Http404
        return group

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = self.object
        communities = list(group.communities.active().values("id", "name", "city"))
        community_ids = [community["id"] for community in communities]
        context["links"], community_links = group_page_links(
            group, community_ids, with_private=self.shows_private_data
        )
        context["shows_private_data"] = self.shows_private_data
        context["is_oversight_member"] = is_oversight_member(self.request.user)
        organizers = named_community_organizers(community_ids)
        for community in communities:
            community["links"] = community_links.get(community["id"], {})
            community["organizers"] = organizers.get(community["id"], [])
        context["communities"] = communities
        context["leads"] = group.memberships.public_leads()
        context["coach"] = shown_coach(group)
        # What the apps above add (a report's activities the group published):
        # groups/page_sections.py.
        context["sections"] = public_page.for_page(group)
        return context


class CommunityListView(TemplateView):
    """Local communities grouped by country, then by the national group that coordinates them,
    50 a page (?page=), then other organisations' communities, apart.

    Searchable by name, city, country and national group; inactive communities
    only when asked for, and then apart. The map loads its markers from the API's
    GeoJSON, with the same filters.
    """

    template_name = "groups/community_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = CommunityFilters(self.request.GET)
        page, rows, countries = community_page(
            filters.communities(), page_number(self.request.GET.get("page", "1"))
        )
        pauseai = [row for row in rows if row["kind"] == LocalCommunity.Kind.PAUSEAI]
        context["page"] = page
        context["countries_with_communities"] = communities_by_country(pauseai)
        # Other organisations' communities come after PauseAI's, on the pages where
        # PauseAI's end.
        context["adjacent_communities"] = adjacent_items(
            [row for row in rows if row["kind"] == LocalCommunity.Kind.ADJACENT]
        )
        # Every country with communities stays on offer; unfiltered, the page's own
        # count by country has them already.
        context["country_choices"] = (
            country_choices(LocalCommunity.objects.public())
            if filters.active
            else named_countries(countries)
        )
        context["filters"] = filters
        context["selected_country"] = filters.country
        # Inactive communities are never on the map.
        context["shows_map"] = filters.status != LocalCommunity.Status.INACTIVE
        context["map_query"] = urlencode(
            {
                key: value
                for key, value in (
                    ("q", filters.text),
                    ("country", filters.country),
                    ("status", filters.status),
                    ("lang", get_language()),
                )
                if value
            }
        )
        context["map_texts"] = community_map_texts()
        return context


def community_map_texts() -> dict:
    """What the map's popups say around the GeoJSON's properties, in the page's language
    (static/js/communities-map.js fills in the names and numbers)."""
    return {
        "groupPage": _("The national group's page"),
        # With __slug__, which the script replaces by each community's group's slug.
        "groupUrl": GroupUrls().pattern,
        "coordinatedBy": _("Coordinated by %(group_name)s"),
        "coordinatedByGlobal": _("Coordinated by PauseAI Global"),
        "adjacent": _("A community of another organisation"),
        "linkKinds": dict(Link.Kind.choices),
        # A chat link reads as its service's name, as in the list (chat_service).
        "chatServices": chat_services(),
        # By Intl.PluralRules' categories; the languages have one and other.
        "communitiesOnTheMap": {
            "one": ngettext(
                "%(count)d local community on the map", "%(count)d local communities on the map", 1
            ),
            "other": ngettext(
                "%(count)d local community on the map", "%(count)d local communities on the map", 2
            ),
        },
    }
