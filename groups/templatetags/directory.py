"""{{ row.links|link_list }}: a directory row's public links, as includes/links.html shows
them, built in Python: the list repeats on every row of a directory page, where an
include or a loop of template nodes per row is what made the pages slow."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.filter
def link_list(links: list[dict]) -> str:
    """Links as groups.listing.link_items gives them (kind, label, url, handle)."""
    if not links:
        return ""
    items = format_html_join(
        "",
        '<li><a href="{}" rel="noopener"><span class="links__kind">{}</span>{}</a></li>',
        (
            (
                link["url"],
                link["label"],
                ""
                if link["kind"] == "website"
                else format_html(' <span class="links__handle">{}</span>', link["handle"]),
            )
            for link in links
        ),
    )
    return format_html('<ul class="links">{}</ul>', items)
