"""{{ user|person }}: someone as the oversight team reads them (common.names.person)."""

from django import template

from common import names

register = template.Library()


@register.filter
def person(user) -> str:
    return names.person(user)
