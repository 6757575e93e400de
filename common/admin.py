"""Admin pieces every app's ModelAdmins share."""

from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CheckedActionSelectionMixin:
    """An action posted with a selection that is no row's key (edited by hand, a NUL) is
    refused with a message instead of failing in the database with a 500."""

    def response_action(self, request, queryset):
        key = self.model._meta.pk
        try:
            for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                key.to_python(value)
        except ValidationError:
            self.message_user(request, _("That selection is not valid."), messages.ERROR)
            return None
        return super().response_action(request, queryset)
