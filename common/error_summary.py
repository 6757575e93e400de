"""The error summary: every mistake of a refused form, listed at the top of the page with
a link to the field at fault (as GOV.UK's error summary does), so nobody has to hunt for
an error 1,500 px below where the page reloads.

It reads the forms and formsets a page renders (common/templatetags/forms.py finds them
in the template's context), so every form of the site has it without each view or
template listing its errors again.
"""

from dataclasses import dataclass

from django.contrib.admin.helpers import AdminForm, InlineAdminFormSet
from django.forms import BaseForm, BaseFormSet
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class FormError:
    message: str
    # The field's label, or "" for a mistake of the whole form.
    label: str = ""
    # The id of the element to go to: the field's input, or the formset.
    target: str = ""


# What a formset's rows are called in the summary when it does not say ("Line 2: Amount").
ROW = gettext_lazy("Line %(number)d")


def errors_of(bound) -> list[FormError]:
    """The errors of a bound form or formset, in the order the page shows them."""
    if isinstance(bound, BaseFormSet):
        return formset_errors(bound)
    if isinstance(bound, BaseForm):
        return form_errors(bound)
    return []


def form_errors(form: BaseForm, row: str = "") -> list[FormError]:
    if not form.is_bound or not form.errors:
        return []
    found = [FormError(str(message), label=row) for message in form.non_field_errors()]
    for bound_field in form:
        for message in bound_field.errors:
            label = str(bound_field.label or bound_field.name)
            if row:
                label = f"{row}, {label}"
            if bound_field.is_hidden:
                found.append(FormError(str(message), label=row))
            else:
                found.append(
                    FormError(
                        str(message),
                        label=label,
                        target=bound_field.id_for_label or bound_field.auto_id or "",
                    )
                )
    return found


def formset_errors(formset: BaseFormSet) -> list[FormError]:
    if not formset.is_bound or not formset.total_error_count():
        return []
    row_name = getattr(formset, "row_name", ROW)
    found = [
        FormError(str(message), target=f"{formset.prefix}-formset")
        for message in formset.non_form_errors()
    ]
    for number, form in enumerate(formset.forms, start=1):
        found += form_errors(form, row=row_name % {"number": number})
    return found


def forms_among(values):
    """The forms and formsets among a template context's values, the admin's included
    (its change page wraps the form and each inline's formset)."""
    for value in values:
        # type(), not isinstance(): a lazy value (the CSRF token) is not evaluated.
        if issubclass(type(value), AdminForm):
            yield value.form
        elif (
            issubclass(type(value), list)
            and value
            and issubclass(type(value[0]), InlineAdminFormSet)
        ):
            yield from (inline.formset for inline in value)
        else:
            yield value


def errors_on_the_page(values) -> list[FormError]:
    """Every error of the forms and formsets among `values` (a template context's), each
    form once however many names it has."""
    seen, found = set(), []
    for value in forms_among(values):
        if issubclass(type(value), (BaseForm, BaseFormSet)) and id(value) not in seen:
            seen.add(id(value))
            found += errors_of(value)
    return found
