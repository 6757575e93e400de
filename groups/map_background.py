"""The maps' outside parts: the tile server, the one outside address a page may load
images from, and only a page with a map (the communities page, the coordinate
pickers); and the words Leaflet shows on the map, in the page's language."""

from urllib.parse import urlsplit

from csp.decorators import csp_update
from django.conf import settings
from django.utils.translation import gettext


def tile_origin(url_template: str) -> str:
    """Where the tiles come from, for the Content-Security-Policy: Leaflet's {s}
    subdomains become a wildcard."""
    parts = urlsplit(url_template)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


def with_map_background(view):
    """The view's pages may show the tile server's images (img-src)."""
    return csp_update({"img-src": [tile_origin(settings.MAP_TILE_URL)]})(view)


def map_texts() -> dict[str, str]:
    """The tile server and what the maps say in the active language: the credit the
    tiles' licence asks for (HTML; OpenStreetMap's unless settings.MAP_TILE_ATTRIBUTION
    names another), Leaflet's zoom buttons and its own credit. The templates give them to
    the scripts as data- attributes: Leaflet's own are English."""
    return {
        "url": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION
        or gettext(
            '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
            "contributors"
        ),
        "zoom_in": gettext("Zoom in"),
        "zoom_out": gettext("Zoom out"),
        "leaflet_title": gettext("A JavaScript library for interactive maps"),
    }
