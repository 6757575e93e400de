"""{{ amount|money:currency }}: an amount as the page's language writes it (common/money.py)."""

from django import template

from common.money import format_money

register = template.Library()


@register.filter
def money(amount, currency):
    """Nothing for no amount (a request not approved yet)."""
    if amount is None or amount == "":
        return ""
    return format_money(amount, currency)
