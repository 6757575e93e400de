"""Public pages: the national-groups page with the setup guide, a group's page, communities."""

from itertools import groupby
from operator import attrgetter

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView
from django_countries import countries

from groups.models import Link, LocalCommunity, Membership, NationalGroup
from groups.permissions import can_see_group_private_data, is_oversight_member
from onboarding.models import SetupStep, SetupSubStep


def public_links():
    return Prefetch("links", queryset=Link.objects.filter(is_private=False))


def home(request):
    return render(request, "groups/home.html")


class NationalGroupListView(ListView):
    """The page the product grew from: what a national group is, the groups, the guide."""

    template_name = "groups/national_group_list.html"
    context_object_name = "national_groups"

    def get_queryset(self):
        return NationalGroup.objects.public().order_by_name().prefetch_related(public_links())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["setup_steps"] = SetupStep.objects.prefetch_related(
            Prefetch("sub_steps", queryset=SetupSubStep.objects.order_by("number"))
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
        links = group.links.all()
        if not self.shows_private_data:
            links = links.filter(is_private=False)
        context["links"] = links
        context["shows_private_data"] = self.shows_private_data
        context["is_oversight_member"] = is_oversight_member(self.request.user)
        context["communities"] = group.communities.active().prefetch_related(public_links())
        role_rank = {role: rank for rank, role in enumerate(Membership.Role.values)}
        context["leads"] = sorted(
            group.memberships.exclude(role=Membership.Role.MEMBER).exclude(public_name=""),
            key=lambda membership: (role_rank[membership.role], membership.public_name),
        )
        coach = group.coach
        context["coach"] = coach if coach and coach.is_public and coach.is_active else None
        return context


class CommunityListView(ListView):
    """Local communities grouped by country, then by the national group that coordinates them."""

    template_name = "groups/community_list.html"
    context_object_name = "communities"

    def selected_country(self):
        code = self.request.GET.get("country", "").upper()
        return code if code in countries else ""

    def get_queryset(self):
        communities = (
            LocalCommunity.objects.active()
            .select_related("national_group")
            .prefetch_related(public_links())
        )
        if self.selected_country():
            communities = communities.filter(country=self.selected_country())
        return communities

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        communities = sorted(
            context["communities"],
            key=lambda community: (
                community.country.name,
                community.national_group is None,
                community.national_group.name if community.national_group else "",
                community.city,
                community.name,
            ),
        )
        context["countries_with_communities"] = [
            {
                "country": country,
                "by_coordinator": [
                    {"national_group": national_group, "communities": list(members)}
                    for national_group, members in groupby(
                        in_country, key=attrgetter("national_group")
                    )
                ],
            }
            for country, in_country in groupby(communities, key=attrgetter("country"))
        ]
        codes = LocalCommunity.objects.active().values_list("country", flat=True).distinct()
        context["country_choices"] = sorted(
            ((code, countries.name(code)) for code in set(codes)), key=lambda item: item[1]
        )
        context["selected_country"] = self.selected_country()
        context["page_title"] = _("Local communities")
        return context
