"""People's names: where a person's own name must be typed (the grant letter), the same
name however it is typed."""

import unicodedata

from django.utils.translation import gettext


def comparable_name(name: str) -> str:
    """The name with case, accents and spacing set aside: "  anne-marie   duchene "
    and "Anne-Marie Duchêne" compare equal."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(letters.casefold().split())


def same_name(typed: str, known: str) -> bool:
    return comparable_name(typed) == comparable_name(known)


def full_name_of(user) -> str:
    """The account's full name: the whole name is kept in first_name (the site never
    splits a name into parts); an account from before may have both parts."""
    return user.get_full_name().strip()


def name_or_address(user) -> str:
    """Someone as a page or a letter names them: their full name, or their address while
    their account has no name."""
    return full_name_of(user) or user.email


def organizer_shown_as(user, *, public_name: str = "", with_address: bool = False) -> str:
    """An organizer as their co-organizers read them on the group's pages: their full
    name, else the public name they chose; their address only to who may see it (the
    leads, who invite and manage), after the name or in its place."""
    name = full_name_of(user) or public_name
    if with_address:
        return f"{name} ({user.email})" if name else user.email
    return name or gettext("An organizer without a name yet")


def person(user) -> str:
    """Someone as the oversight team reads them, wherever the admin names a person (its
    header, every column, field, choice and history row): "Ann Example (ann@example.org)",
    or the address alone; never the username allauth made up."""
    if user is None:
        return "–"
    name = full_name_of(user)
    return f"{name} ({user.email})" if name and user.email else name or user.email or str(user)
