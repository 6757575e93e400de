"""Sections the apps above groups add to a group's pages, which know none of them (as
groups/my_page.py gathers /my/): each app registers, from its AppConfig.ready(), a
function that returns its section for one page, or None when it has nothing to show
there. A section is a template and its context; the page includes it in its own."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    template: str
    context: dict = field(default_factory=dict)


class PageSections:
    """One page's registered sections, in the order the apps registered them."""

    def __init__(self):
        self._builders: list[Callable] = []

    def register(self, builder: Callable) -> None:
        self._builders.append(builder)

    def for_page(self, *arguments) -> list[Section]:
        sections = (builder(*arguments) for builder in self._builders)
        return [section for section in sections if section is not None]


# The group's own page for its organizers (/my/groups/<slug>/):
# `builder(request, access: GroupAccess) -> Section | None`, checking what the visitor may see.
dashboard = PageSections()

# The group's public page: `builder(group) -> Section | None`. The page is the same for
# everyone and cached (common/pagecache), so a section reads only public tables and
# nothing of the visitor.
public_page = PageSections()
