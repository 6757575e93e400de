"""Values every page's templates may need."""

from groups.map_tiles import map_texts


def map_tiles(request):
    """The tile server of the communities map and the coordinate pickers
    (settings.MAP_TILE_*), and the maps' words (groups/map_tiles.py)."""
    return {"map_tiles": map_texts()}
