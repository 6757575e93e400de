"""What the browser would post back from a form as the page shows it (an admin change form, an
organizer's edit page), for tests that change one field."""

from django import forms


def bound_values(form) -> dict:
    data = {}
    for bound in form:
        field = bound.field
        if isinstance(field, forms.FileField):
            continue
        value = bound.value()
        if isinstance(field, forms.NullBooleanField):
            data[bound.html_name] = forms.NullBooleanSelect().format_value(value)
        elif isinstance(field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(item) for item in value]
        elif value is not None:
            data[bound.html_name] = str(value)
    return data


def page_form_data(form, *formsets) -> dict:
    """A page's form and its formsets, hidden fields and management forms included."""
    data = bound_values(form)
    for formset in formsets:
        data.update(bound_values(formset.management_form))
        for each in formset.forms:
            data.update(bound_values(each))
    return data


def admin_form_data(response) -> dict:
    """The change form's fields and every inline's, as the page shows them."""
    data = bound_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(bound_values(formset.management_form))
        for form in formset.forms:
            data.update(bound_values(form))
    return data
