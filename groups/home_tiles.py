"""The groups' tiles on the admin's home page, and the changelist filter their links open."""

from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.admin import SelectorListFilter
from groups.admin_home import Tile
from groups.models import NationalGroup
from groups.selectors import groups_with_a_stale_profile, groups_without_a_coach


class GroupNeedsFilter(SelectorListFilter):
    title = gettext_lazy("needs")
    parameter_name = "needs"
    selectors = {
        "coach": (gettext_lazy("a coach"), groups_without_a_coach),
        "profile_update": (gettext_lazy("a profile update"), groups_with_a_stale_profile),
    }


def status(group) -> str:
    return group.get_status_display()


def untouched_for(group) -> str:
    return _("untouched for %(time)s") % {"time": timesince(group.updated_at, depth=1)}


TILES = (
    Tile(
        name="groups-no-coach",
        title=gettext_lazy("Groups without a coach"),
        model=NationalGroup,
        **GroupNeedsFilter.choice("coach"),
        detail=status,
    ),
    Tile(
        name="groups-profile",
        title=gettext_lazy("Active groups whose profile nobody touched in 6 months"),
        model=NationalGroup,
        **GroupNeedsFilter.choice("profile_update"),
        detail=untouched_for,
        group_field="pk",
    ),
)
