"""The map tiles' server: the one outside address a page may load images from, and only
a page with a map (the communities page, the coordinate pickers)."""

from urllib.parse import urlsplit

from csp.decorators import csp_update
from django.conf import settings


def tile_origin(url_template: str) -> str:
    """Where the tiles come from, for the Content-Security-Policy: Leaflet's {s}
    subdomains become a wildcard."""
    parts = urlsplit(url_template)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


def with_map_tiles(view):
    """The view's pages may show the tile server's images (img-src)."""
    return csp_update({"img-src": [tile_origin(settings.MAP_TILE_URL)]})(view)
