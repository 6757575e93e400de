"""Validators for what people type that the site shows again: text and web addresses.

Text that is shown must not hold control characters or the bidi overrides and
isolates that make "moc.evil" read as "live.com"; right-to-left scripts
themselves, and the marks they use, are welcome. A name must show something: one
made only of invisible characters names nobody. A web address is read the way
a browser reads it, so the host a link shows is the host it goes to.
"""

import re
import unicodedata
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069). The
# left-to-right and right-to-left marks (U+200E, U+200F, U+061C) stay allowed.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS_AND_TABS = frozenset("\n\r\t")

HIDDEN_CHARACTERS = _(
    "Remove the invisible control characters (such as line breaks or right-to-left "
    "overrides) from this text."
)


def hidden_characters(text: str, *, allowed: frozenset = frozenset()) -> bool:
    return any(
        character not in allowed
        and (character in BIDI_CONTROLS or unicodedata.category(character) == "Cc")
        for character in text
    )


def validate_text(value: str) -> None:
    """One line of text that is shown: a name, a title, a city."""
    if value and hidden_characters(value):
        raise ValidationError(HIDDEN_CHARACTERS, code="hidden_characters")


def validate_multiline_text(value: str) -> None:
    """Text of several lines that is shown: a description, a note. Line breaks and tabs
    are fine; other control characters and bidi controls are not."""
    if value and hidden_characters(value, allowed=LINE_BREAKS_AND_TABS):
        raise ValidationError(HIDDEN_CHARACTERS, code="hidden_characters")


# Characters that show nothing although Unicode counts them as letters or symbols: the
# Hangul fillers and the braille blank.
BLANK_CHARACTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Format characters (zero-width spaces and joiners, soft hyphens, tags) and marks, which
# show only on a character before them.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Mn", "Mc", "Me"})


def is_visible(character: str) -> bool:
    return not (
        character.isspace()
        or character in BLANK_CHARACTERS
        or unicodedata.category(character) in INVISIBLE_CATEGORIES
    )


def validate_visible_text(value: str) -> None:
    """A name or a title: at least one character that shows (not only spaces, zero-width
    or format characters, Hangul fillers, the braille blank or marks on nothing)."""
    if value and not any(is_visible(character) for character in value):
        raise ValidationError(
            _("Type at least one visible character: this has only spaces or invisible ones."),
            code="nothing_visible",
        )


def host_matches(host: str, allowed: str) -> bool:
    return host == allowed or host.endswith("." + allowed)


def web_address_problem(url: str, *, hosts=(), allow_http: bool = False) -> str | None:
    """Why a browser would not take this address where it seems to go, or None.

    Browsers read a backslash as a slash and drop "user@" before the host, so
    "https://evil.example\\@instagram.com/" goes to evil.example. Such addresses,
    and any scheme but https (and http where allowed), are refused; with `hosts`
    the address must point to one of them or their subdomains.
    """
    if hidden_characters(url) or any(character.isspace() for character in url):
        return _("A web address cannot contain spaces or invisible characters.")
    if "\\" in url:
        return _("A web address cannot contain a backslash.")
    parts = urlsplit(url)
    schemes = ("https", "http") if allow_http else ("https",)
    if parts.scheme.lower() not in schemes:
        return _("Use an https:// address.")
    if "@" in parts.netloc:
        return _("A web address cannot contain a name or password before the host (“…@”).")
    host = (parts.hostname or "").lower()
    if not host:
        return _("Give the whole address, starting with https://.")
    if hosts and not any(host_matches(host, allowed) for allowed in hosts):
        return _("This address must point to %(hosts)s.") % {"hosts": ", ".join(hosts)}
    return None


def validate_web_address(value: str) -> None:
    """An address shown as a link: https (or http), no backslash, no user@ before the host."""
    problem = value and web_address_problem(value, allow_http=True)
    if problem:
        raise ValidationError(problem, code="web_address")


def validate_https_address(value: str) -> None:
    problem = value and web_address_problem(value)
    if problem:
        raise ValidationError(problem, code="web_address")


# What a web or email address looks like inside a name: a scheme, "www.", an address
# with @, or a host name (labels and dots ending in letters, such as evil.example/pay;
# "St. Louis", "e.V." and "U.S.A." have no such host).
ADDRESS_IN_TEXT = re.compile(
    r"(?:\w+://|\bwww\.|[\w.+-]+@[\w-]+\.[\w.-]+|\b[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w.]))",
    re.IGNORECASE,
)


def validate_no_address(value: str) -> None:
    """A name (of a group, a community, a person) holds no web or email address: names go
    into the site's mail and pages as names, never as a line someone else wrote."""
    if value and ADDRESS_IN_TEXT.search(value):
        raise ValidationError(
            _("A name cannot contain a web or email address: give links with the links."),
            code="address_in_name",
        )
