"""Values every page's templates may need."""

from django.conf import settings


def map_tiles(request):
    """The tile server of the communities map and the coordinate pickers (settings.MAP_TILE_*)."""
    return {
        "map_tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}
    }
