"""Places in the visitor's language: « Vienne », „Wien“ and « La Réunion » where the data
says Vienna and Réunion Island.

Countries are django-countries' names, which it translates. Cities are as organizers
and the PauseAI website typed them, in one language; the cities of the website's
communities that French, Dutch or German name otherwise are in a small table written
for this registry (content/pauseai-website/place-names.json). A community's city is
shown so, and its name where the name is the place (the website names most communities
after their city); a place the table does not know is shown as typed.
"""

import json
from functools import cache
from pathlib import Path

PLACE_NAMES = Path(__file__).resolve().parent / "content" / "pauseai-website" / "place-names.json"


@cache
def place_names(language: str) -> dict[str, str]:
    """{the place as typed: its name in the language}, for the places named otherwise."""
    table = json.loads(PLACE_NAMES.read_text())
    table.pop("_about", None)
    code = language.split("-")[0]
    return {place: names[code] for place, names in table.items() if code in names}


def place_in(language: str, place: str) -> str:
    """The place (a city, or a community named after its place) as the language names it."""
    return place_names(language).get(place, place)


def places_named_like(language: str, text: str) -> list[str]:
    """The places, as typed, whose name in the language contains the text: a search for
    « Vienne » finds the communities of Vienna."""
    text = text.casefold()
    return [place for place, name in place_names(language).items() if text in name.casefold()]
