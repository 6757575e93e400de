"""Rows from values(): translated fields read as modeltranslation reads them on a model,
and times read as text, both worked out by the database."""

import datetime

from django.db.models import CharField, F, Func, Value
from django.db.models.functions import Coalesce, NullIf
from modeltranslation.utils import get_language, resolution_order


def language_order() -> tuple[str, ...]:
    """The active language and its fallbacks (English): where in_language_column looks,
    in turn."""
    return tuple(resolution_order(get_language()))


def in_language_column(field: str) -> Coalesce:
    """A translated field as modeltranslation's descriptor reads it on a model, worked out
    by the database: in the active language, else in its fallback languages (English),
    the first that is neither NULL nor empty, else empty. One column read, not one per
    language."""
    return Coalesce(
        *(NullIf(F(f"{field}_{language}"), Value("")) for language in language_order()),
        Value(""),
        output_field=CharField(),
    )


def value_rows(queryset, *fields: str, **expressions) -> list[dict]:
    """list(queryset.values(*fields, **expressions)), built faster: dicts zipped from
    values_list()'s tuples rather than values()' comprehension per row.

    Translated fields come as in_language_column() or named with their language
    (name_en), so modeltranslation has nothing to rewrite: its own values_list() builds
    two dicts per row to return a tuple, and is left out."""
    names = (*fields, *expressions)
    return [
        dict(zip(names, row, strict=True))
        for row in value_tuples(queryset, *fields, *expressions.values())
    ]


def value_tuples(queryset, *fields) -> list[tuple]:
    """list(queryset.values_list(*fields)), fields or expressions, without modeltranslation's
    iterable (value_rows())."""
    if hasattr(queryset, "rewrite"):
        queryset = queryset.rewrite(False)
    return list(queryset.values_list(*fields))


class UtcText(Func):
    """A time column as text, the time in UTC as the database writes it: "2026-12-01
    14:42:05.12" (no fraction when it is zero, and on PostgreSQL none of its trailing
    zeros; SQLite holds Django's own "2026-12-01 14:42:05.120000").

    Thousands of rows read this way cost next to nothing, where reading them as
    datetimes runs Django's PostgreSQL loader, in Python, once per value. Texts of one
    database sort as their times do (a shorter fraction is a prefix of a longer one)."""

    template = "(%(expressions)s AT TIME ZONE 'UTC')::text"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        # With USE_TZ, Django keeps a time in SQLite as this text already; cast, so that
        # sqlite3 does not read the column's declared type and make it a datetime.
        return self.as_sql(
            compiler, connection, template="CAST(%(expressions)s AS text)", **extra_context
        )


def utc_time(text: str) -> datetime.datetime:
    """The time a UtcText column holds."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.UTC)


def iso_utc(text: str) -> str:
    """A UtcText column's time as ISO 8601 writes it in UTC, as Python's isoformat() with
    "Z" for "+00:00": "2026-12-01T14:42:05.120000Z", "2026-12-01T14:42:05Z"."""
    if len(text) == len("2026-12-01 14:42:05"):
        return f"{text[:10]}T{text[11:]}Z"
    return f"{text[:10]}T{text[11:].ljust(len('14:42:05.123456'), '0')}Z"
