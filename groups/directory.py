"""The directory pages' search and filters (?q=, ?country=, ?status=), and the countries
they offer to choose from."""

from functools import cache

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import Country

from groups.models import LocalCommunity, NationalGroup
from groups.places import places_named_like
from groups.selectors import public_communities


def countries_named_like(text: str) -> list[str]:
    """Codes of the countries whose name, in the visitor's language, contains the text."""
    text = text.casefold()
    return [code for code, name in countries if text in name.casefold()]


class DirectoryFilters:
    """?q=, ?country= and ?status= of a directory page: shareable, and never an error.

    An unknown country or status is ignored rather than refused: a visitor who
    edits the address by hand sees the whole directory.
    """

    statuses: tuple[str, ...] = ()

    def __init__(self, query):
        self.text = query.get("q", "").strip()[:100]
        code = query.get("country", "").upper()
        self.country = code if code in countries else ""
        status = query.get("status", "")
        self.status = status if status in self.statuses else ""

    def apply(self, queryset, *, text_fields, place_fields=()):
        """Filtered by country, and by the text in the country's name, the text fields,
        or the place fields' places as the visitor's language names them (Vienne)."""
        if self.country:
            queryset = queryset.filter(country=self.country)
        if self.text:
            matches = Q(country__in=countries_named_like(self.text))
            for field in text_fields:
                matches |= Q(**{f"{field}__icontains": self.text})
            places = places_named_like(active_language(), self.text)
            for field in place_fields if places else ():
                matches |= Q(**{f"{field}__in": places})
            queryset = queryset.filter(matches)
        return queryset

    @property
    def active(self) -> bool:
        return bool(self.text or self.country or self.status)

    def status_options(self) -> list[tuple[str, str, bool]]:
        """The status filter's (value, label, selected): what the page lists without one
        first, then each status it can list instead, each once."""
        return [(value, label, value == self.status) for value, label in self.status_choices()]

    def status_choices(self) -> list[tuple[str, str]]:
        raise NotImplementedError


class GroupFilters(DirectoryFilters):
    statuses = NationalGroup.PUBLIC_STATUSES

    def status_choices(self):
        return [
            ("", _("Active and inactive")),
            *((status, NationalGroup.Status(status).label) for status in self.statuses),
        ]


class CommunityFilters(DirectoryFilters):
    # ?status=active is what the page lists anyway; still understood, not offered.
    statuses = (LocalCommunity.Status.ACTIVE, LocalCommunity.Status.INACTIVE)

    def status_choices(self):
        return [
            ("", LocalCommunity.Status.ACTIVE.label),
            (LocalCommunity.Status.INACTIVE, LocalCommunity.Status.INACTIVE.label),
        ]

    def communities(self):
        """What the communities page lists and its map shows: the public communities (in
        the status asked for), searched by name, city, country and national group."""
        return self.apply(
            public_communities(status=self.status),
            text_fields=["name", "city", *translated("national_group__name")],
            place_fields=["name", "city"],
        )


def translated(field: str) -> list[str]:
    """The field's column in every language (name_en, name_nl, …), to search them all."""
    return [f"{field}_{code}" for code, _name in settings.LANGUAGES]


def country_choices(queryset):
    """(code, name) of the countries present in the queryset, by name in the visitor's language."""
    # Without the model's ordering, which DISTINCT would otherwise include (a row per
    # community rather than per country).
    return named_countries(set(queryset.order_by().values_list("country", flat=True).distinct()))


def named_countries(codes) -> list[tuple[str, str]]:
    """(code, name) of the countries, by name in the visitor's language."""
    # In django-countries' order, which sorts as the language does (Österreich beside Oman,
    # États-Unis beside Espagne), where a plain sort puts every accented name after Z.
    language = active_language()
    order = {code: place for place, code in enumerate(countries_in(language))}
    names = ((code, country_in_language(code, language)[0]) for code in codes)
    return sorted(names, key=lambda item: (order.get(item[0], len(order)), item[1]))


@cache
def countries_in(language: str) -> dict[str, tuple[str, str]]:
    """{code: (name in the language, flag)} of every country: django-countries' names
    are fixed for the process, and looking them up one by one costs a cold page tens of
    milliseconds, so they are read once per language."""
    with translation.override(language):
        return {code: (str(name), Country(code).flag) for code, name in countries}


def active_language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def country_in_language(code: str, language: str) -> tuple[str, str]:
    """(name, flag) of the country in `language`, the active language: a list of rows looks
    the language up once (it is a thread-local's, read through several calls)."""
    known = countries_in(language)
    if code in known:
        return known[code]
    country = Country(code)
    return str(country.name), country.flag
