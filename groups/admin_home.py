"""The admin's home page: what needs the oversight team today, as tiles.

Each app registers its own tiles on the site (`admin.site.register_tile(...)`, from its
admin.py), as it registers its ModelAdmins, so the groups app knows none of the others;
groups/admin.py gives the site (accounts/admin_site.py) home() below, which draws them.
A tile is a count and the oldest rows of a selector, linked to the changelist filtered
by the same selector: the number on the tile is the number of rows its link shows.
The tiles with nothing waiting are not drawn: their names make one line, each a link.
For a coach, the tiles of their own groups come first ("My groups"), and the tiles
below show the rest (the other groups' rows, and those of no group yet), so that
each waiting row is on the page once.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Count, Model, QuerySet, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from groups.models import NationalGroup
from groups.selectors import groups_coached_by


def days_waiting(since: datetime.datetime) -> str:
    """Whole days from `since` until now: "12 days waiting"."""
    days = (timezone.now() - since).days
    return ngettext("%(days)d day waiting", "%(days)d days waiting", days) % {"days": days}


def no_detail(row) -> str:
    return ""


def never(row) -> bool:
    return False


@dataclass(frozen=True)
class Entry:
    """One row on a tile: what it is, where it opens, and why it is there now."""

    label: str
    url: str
    detail: str
    # Shown highlighted: waiting longer than the team means to let it.
    flagged: bool = False


@dataclass(frozen=True)
class TileContents:
    """What a tile read: the number of its rows, the oldest of them, and for a tile that
    is a figure (the year's grants), the figure, shown instead of the number."""

    count: int
    entries: list[Entry]
    figure: str | None = None


@dataclass(frozen=True)
class TileReading:
    """A tile as one visitor sees it now."""

    name: str
    title: str
    count: int
    url: str
    entries: list[Entry]
    figure: str | None = None

    @property
    def nothing_waiting(self) -> bool:
        """Nothing waits on this tile: the page names it in its one "nothing waiting"
        line instead of drawing it. A figure is always drawn, nought included."""
        return self.figure is None and self.count == 0


@dataclass(frozen=True)
class Tile:
    """Something that needs someone today.

    `items` is a selector: from the model's rows, the tile's own, oldest first. `query`
    is the changelist filter that shows exactly those rows (a SelectorListFilter that
    calls the same selector). `group_field` leads from a row to its national group
    ("pk" for a group itself) for the coach's own tiles; None where the rows belong to
    no group yet, or where a coach's own groups have nothing to show.
    """

    name: str
    title: str
    model: type[Model]
    items: Callable[[QuerySet], QuerySet]
    query: Mapping[str, str]
    label: Callable[[Model], str] = str
    detail: Callable[[Model], str] = no_detail
    flagged: Callable[[Model], bool] = never
    group_field: str | None = None

    # The oldest rows a tile lists; its link shows them all.
    shown: ClassVar[int] = 5

    def read(self, rows: QuerySet, *, changelist_url: str, site) -> TileContents:
        """The number of rows and the oldest of them, in one query: each row read carries
        the count of them all (COUNT(id) OVER (), counted before the LIMIT)."""
        oldest = list(rows.annotate(tile_total=Window(Count("pk")))[: self.shown])
        entries = [
            Entry(
                label=self.label(row),
                url=change_url(row, site=site),
                detail=self.detail(row),
                flagged=self.flagged(row),
            )
            for row in oldest
        ]
        return TileContents(count=oldest[0].tile_total if oldest else 0, entries=entries)


def change_url(row: Model, *, site) -> str:
    opts = row._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk], current_app=site.name
    )


class CoachedByMeFilter(admin.SimpleListFilter):
    """The rows of the groups the signed-in oversight member coaches, or of all the other
    groups: what a tile of My groups links to, and a tile below it. A model admin's
    subclass says how a row leads to its group (`group_field`, as its tiles do)."""

    title = _("coached by")
    parameter_name = "coached_by"
    ME = "me"
    OTHERS = "others"
    group_field = "pk"

    def lookups(self, request, model_admin):
        return [(self.ME, _("me")), (self.OTHERS, _("someone else, or nobody"))]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        mine = groups_coached_by(request.user)
        if self.value() == self.ME:
            return of_groups(queryset, self.group_field, mine)
        if self.value() == self.OTHERS:
            return not_of_groups(queryset, self.group_field, mine)
        raise IncorrectLookupParameters(self.value())


def of_groups(rows: QuerySet, group_field: str, groups: QuerySet[NationalGroup]) -> QuerySet:
    return rows.filter(**{f"{group_field}__in": groups})


def not_of_groups(rows: QuerySet, group_field: str, groups: QuerySet[NationalGroup]) -> QuerySet:
    return rows.exclude(**{f"{group_field}__in": groups})


def waiting(readings: list[TileReading]) -> list[TileReading]:
    return [reading for reading in readings if not reading.nothing_waiting]


def nothing_waiting(readings: list[TileReading]) -> list[TileReading]:
    return [reading for reading in readings if reading.nothing_waiting]


@dataclass(frozen=True)
class Section:
    title: str
    tiles: list[TileReading]

    @property
    def waiting(self) -> list[TileReading]:
        """The tiles drawn: those with something waiting, and figures."""
        return waiting(self.tiles)


@dataclass(frozen=True)
class Home:
    my_groups: list[NationalGroup]
    my_tiles: list[TileReading]
    sections: list[Section]

    @property
    def tiles(self) -> list[TileReading]:
        return [reading for section in self.sections for reading in section.tiles]

    @property
    def my_waiting(self) -> list[TileReading]:
        return waiting(self.my_tiles)

    @property
    def my_nothing_waiting(self) -> list[TileReading]:
        return nothing_waiting(self.my_tiles)

    @property
    def waiting_sections(self) -> list[Section]:
        """The sections that have a tile to draw."""
        return [section for section in self.sections if section.waiting]

    @property
    def nothing_waiting(self) -> list[TileReading]:
        return nothing_waiting(self.tiles)


def home(site, request, *, tiles: list[Tile], section_order: tuple[str, ...]) -> Home:
    """The tiles this visitor may see (those of the models they may view), a section per
    model, by their apps in `section_order`; first the tiles of their own groups, if
    they coach any, and then the sections' tiles show the other groups' rows."""

    def position(tile):
        label = tile.model._meta.app_label
        return section_order.index(label) if label in section_order else len(section_order)

    # sorted() keeps each app's tiles in the order they were registered in.
    visible = sorted((tile for tile in tiles if may_view(site, request, tile.model)), key=position)
    mine = groups_coached_by(request.user)
    my_groups = list(mine.order_by_name())
    sections: dict[type[Model], list[TileReading]] = {}
    for tile in visible:
        rows = tile.model._default_manager.all()
        if my_groups and tile.group_field is not None:
            # My groups shows theirs: here, the rest.
            sections.setdefault(tile.model, []).append(
                reading(
                    site,
                    tile,
                    not_of_groups(rows, tile.group_field, mine),
                    query={CoachedByMeFilter.parameter_name: CoachedByMeFilter.OTHERS},
                )
            )
        else:
            sections.setdefault(tile.model, []).append(reading(site, tile, rows))
    my_tiles = []
    if my_groups:
        my_tiles = [
            reading(
                site,
                tile,
                of_groups(tile.model._default_manager.all(), tile.group_field, mine),
                query={CoachedByMeFilter.parameter_name: CoachedByMeFilter.ME},
            )
            for tile in visible
            if tile.group_field is not None
        ]
    return Home(
        my_groups=my_groups,
        my_tiles=my_tiles,
        sections=[
            Section(title=model._meta.verbose_name_plural, tiles=readings)
            for model, readings in sections.items()
        ],
    )


def reading(site, tile: Tile, rows: QuerySet, *, query: Mapping[str, str] | None = None):
    """The tile over `rows`; `query` narrows its link as `rows` are narrowed."""
    opts = tile.model._meta
    changelist_url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_changelist", current_app=site.name
    )
    contents = tile.read(tile.items(rows), changelist_url=changelist_url, site=site)
    return TileReading(
        name=tile.name,
        title=tile.title,
        count=contents.count,
        url=f"{changelist_url}?{urlencode({**tile.query, **(query or {})})}",
        entries=contents.entries,
        figure=contents.figure,
    )


def may_view(site, request, model) -> bool:
    model_admin = site._registry.get(model)
    return model_admin is not None and model_admin.has_view_permission(request)
