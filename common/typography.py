"""Punctuation in texts made in Python, as each language writes it: French puts a
no-break space before a colon (templates say `{% translate ":" %}` for the same)."""

from django.utils.translation import gettext


def labelled(label, text) -> str:
    """ "Label: text" in the active language ("Label : text" in French)."""
    return f"{label}{gettext(':')} {text}"
