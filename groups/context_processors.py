"""Values every page's templates may need."""

from groups.map_background import map_texts


def map_background(request):
    """The tile server of the communities map and the coordinate pickers
    (settings.MAP_TILE_*), and the maps' words (groups/map_background.py)."""
    return {"map_background": map_texts()}
