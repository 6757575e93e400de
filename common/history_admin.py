"""The admin's pages of the history (pghistory's Events admin, PGHISTORY_ADMIN_CLASS): every
address they are given answers with the history, or with it and a message, never a 500.

pghistory reads ?event_model= and ?obj= as they come: a kind of history that does not
exist, or an object key that is no key, fails in the database or in Python; a deleted
object, whose history is the one most worth reading, cannot be named above it; and its
changelist cannot count (Django's "Show counts").
"""

from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from pghistory import core
from pghistory.admin import EventsAdmin


def event_model(label: str):
    """The history table `label` names (groups.localcommunitychange), or None."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model if model in core.event_models() else None


def tracked_row(reference: str):
    """(model, key) of the row `reference` names as pghistory writes it
    (groups.LocalCommunity:12), or None when it names no model or no valid key."""
    label, colon, key = reference.partition(":")
    if not colon:
        return None
    try:
        model = apps.get_model(label)
        return model, model._meta.pk.to_python(key)
    except (LookupError, ValueError, ValidationError):
        return None


class HistoryAdmin(EventsAdmin):
    # pghistory's changelist cannot count (its get_queryset predates Django's facets), and
    # counts across every history table would be a query per label and kind: not offered.
    show_facets = admin.ShowFacets.NEVER

    def changelist_view(self, request, extra_context=None):
        kind = request.GET.get("event_model")
        if kind and event_model(kind) is None:
            return self.without(request, "event_model", _("There is no history of that kind."))
        reference = request.GET.get("obj")
        row = tracked_row(reference) if reference else None
        if reference and row is None:
            return self.without(request, "obj", _("There is no such object."))
        if row is None:
            return super().changelist_view(request, extra_context)
        # pghistory's own view names the object by reading it, which fails once it is
        # deleted: named here, the deleted one by its key.
        model, key = row
        current = model._default_manager.filter(pk=key).first()
        name = (
            str(current)
            if current is not None
            else _("%(object)s (deleted)") % {"object": f"{model._meta.verbose_name} {key}"}
        )
        method = request.GET.get("method")
        context = {
            "title": self.model._meta.verbose_name_plural.capitalize(),
            "subtitle": f"{method.title()} {name}" if method else name,
            **({"pgh_back": request.GET["back"]} if "back" in request.GET else {}),
            **(extra_context or {}),
        }
        return admin.ModelAdmin.changelist_view(self, request, extra_context=context)

    def without(self, request, parameter: str, message: str):
        """The same page without `parameter`, with `message` above it."""
        self.message_user(request, message, messages.ERROR)
        query = request.GET.copy()
        query.pop(parameter)
        address = f"{request.path}?{query.urlencode()}" if query else request.path
        return HttpResponseRedirect(address)
