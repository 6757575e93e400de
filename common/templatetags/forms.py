"""{% error_summary %}: the refused forms' mistakes at the top of the page
(common/error_summary.py)."""

from django import template

from common.error_summary import errors_on_the_page

register = template.Library()


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context):
    """`page_errors` (FormErrors a view found beyond its forms' own) first."""
    page_errors = context.get("page_errors") or []
    return {"errors": [*page_errors, *errors_on_the_page(context.flatten().values())]}
