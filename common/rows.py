"""Rows from values(): translated fields read as modeltranslation reads them on a model."""

from modeltranslation.utils import get_language, resolution_order


def in_language(row: dict, field: str, *, default=""):
    """The row's `field` in the active language, else in its fallback languages (English):
    the first that is neither None nor empty, as modeltranslation's descriptor returns it,
    else the field's default. The row holds every language's column (`name_en`, …)."""
    for language in resolution_order(get_language()):
        value = row[f"{field}_{language}"]
        if value not in (None, ""):
            return value
    return default
