"""Amounts are written as each language writes them (common/money.py), by Babel."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from common.money import format_money

NBSP = "\N{NO-BREAK SPACE}"
# French groups thousands with a narrow no-break space.
NNBSP = "\N{NARROW NO-BREAK SPACE}"


@pytest.mark.parametrize(
    ("language", "whole", "with_cents"),
    [
        ("en", "€2,000", "€1,500.50"),
        ("nl", f"€{NBSP}2.000", f"€{NBSP}1.500,50"),
        ("fr", f"2{NNBSP}000{NBSP}€", f"1{NNBSP}500,50{NBSP}€"),
        ("de", f"2.000{NBSP}€", f"1.500,50{NBSP}€"),
    ],
)
def test_euros_are_written_the_way_each_language_writes_them(language, whole, with_cents):
    assert format_money(Decimal("2000.00"), "EUR", language) == whole
    assert format_money(2000, "EUR", language) == whole
    assert format_money(Decimal("1500.50"), "EUR", language) == with_cents


def test_a_whole_amount_drops_its_cents_and_cents_keep_both_digits():
    assert format_money(Decimal("650.00"), "EUR", "en") == "€650"
    assert format_money(Decimal("450.5"), "EUR", "en") == "€450.50"
    assert format_money(Decimal("0.05"), "EUR", "en") == "€0.05"


def test_an_amount_is_rounded_to_cents_before_it_is_judged_whole():
    assert format_money(Decimal("1499.996"), "EUR", "en") == "€1,500"
    assert format_money(Decimal("1117.004"), "EUR", "en") == "€1,117"
    assert format_money(Decimal("0.125"), "EUR", "en") == "€0.13"


@pytest.mark.parametrize(
    ("currency", "language", "written"),
    [
        ("GBP", "en", "£800"),
        ("USD", "nl", f"US${NBSP}800"),
        # A code, not a symbol: a no-break space between it and the number (CLDR).
        ("NOK", "en", f"NOK{NBSP}30,000"),
        ("SEK", "nl", f"SEK{NBSP}30.000"),
        ("DKK", "de", f"30.000{NBSP}DKK"),
    ],
)
def test_other_currencies_keep_their_symbol_or_code(currency, language, written):
    amount = Decimal("800.00") if currency in ("GBP", "USD") else Decimal("30000.00")
    assert format_money(amount, currency, language) == written


def test_without_a_language_the_active_one_is_used():
    with translation.override("de"):
        assert format_money(Decimal("2000.00"), "EUR") == f"2.000{NBSP}€"
    with translation.override("nl"):
        assert format_money(Decimal("2000.00"), "EUR") == f"€{NBSP}2.000"


def test_the_money_filter_writes_the_amount_in_the_pages_language():
    template = Template("{% load money %}[{{ amount|money:currency }}][{{ none|money:'EUR' }}]")
    context = Context({"amount": Decimal("1500.00"), "currency": "EUR", "none": None})

    with translation.override("nl"):
        assert template.render(context) == f"[€{NBSP}1.500][]"
    with translation.override("en"):
        assert template.render(context) == "[€1,500][]"
