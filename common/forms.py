"""Helpers for the site's forms."""

from django.forms import BaseForm
from django.forms.utils import ErrorDict


def as_typed(form: BaseForm) -> BaseForm:
    """A bound form shown again as typed, not judged yet (no "This field is required."
    on what the person has not got to): a step that only changes the page, such as
    "add a line", before the form is sent."""
    form._errors = ErrorDict()
    return form
