"""Amounts of money as the page's language writes them: the one place they are formatted.

Babel's format_currency, in the locale of the active Django language (or of the
language given): "€2,000" in English, "€ 2.000" in Dutch, "2 000 €" in French,
"2.000 €" in German. A whole amount is written without its cents, as people write
a limit or a grant ("€2,000", not "€2,000.00"); an amount with cents keeps all
the currency's decimals ("€450.50", never "€450.5"). Amounts are rounded to the
currency's smallest unit first, so €1,499.996 reads "€1,500". A currency without a
symbol of its own is written with its code and a no-break space, "NOK 1,500": the
spacing CLDR asks for between letters and digits, which Babel leaves out ("NOK1,500").

Only for people: what a program reads (a CSV, an API, a form's value) keeps the
plain number (Decimal's "1500.00"). Other numbers people read (a limit of
characters) are grouped as amounts are: format_count.
"""

import copy
import functools
import re
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import NumberPattern, format_currency, format_decimal, get_currency_precision
from django.conf import settings
from django.utils import translation

# Between a currency code's letters and the number's digits (CLDR's currencySpacing).
LETTER_BESIDE_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


@functools.cache
def babel_locale(language: str) -> Locale:
    """Babel's locale of a Django language code ("nl", "pt-br")."""
    return Locale.parse(translation.to_locale(language))


@functools.cache
def whole_amount_pattern(language: str) -> NumberPattern:
    """The language's currency pattern, without decimals."""
    pattern = copy.copy(babel_locale(language).currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    return pattern


def format_money(amount, currency: str, language: str | None = None) -> str:
    """`amount` of `currency` (an ISO 4217 code) in `language`, else the active language."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    smallest_unit = Decimal(1).scaleb(-get_currency_precision(currency))
    amount = Decimal(amount).quantize(smallest_unit, rounding=ROUND_HALF_UP)
    if amount == amount.to_integral_value():
        written = format_currency(
            amount,
            currency,
            format=whole_amount_pattern(language),
            locale=babel_locale(language),
            currency_digits=False,
        )
    else:
        written = format_currency(amount, currency, locale=babel_locale(language))
    return LETTER_BESIDE_DIGIT.sub("\N{NO-BREAK SPACE}", written)


def format_count(count: int, language: str | None = None) -> str:
    """A whole number as `language` (else the active one) groups its digits, as amounts are:
    "5,000" in English, "5.000" in Dutch and German, "5 000" in French."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return format_decimal(count, locale=babel_locale(language))
