"""Edits that know which version they change: a stale save is refused, never applied.

A versioned row counts its saves. Every edit form carries the version it was
opened at and a signed snapshot of what it showed. Saving locks the row and
compares versions (require_current); if someone saved in between, the save is
refused with the fields that changed meanwhile, shown as they were and as they
are now, and the form is shown again with what its author typed and the new
version, so that saving again is a decision taken knowing the other change.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SNAPSHOT_SALT = "common.versioning.seen"
# Not part of what an editor changes: kept out of snapshots.
BOOKKEEPING_FIELDS = {"id", "version", "created_at", "updated_at"}


class Versioned(models.Model):
    """A row that counts its saves, for edit forms to tell a stale save from a current one."""

    version = models.PositiveIntegerField(gettext_lazy("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)

    def edit_snapshot(self) -> dict[str, tuple[str, str]]:
        """What an editor sees of the row: {name: (compared value, shown value)}.

        Models add what their edit pages change beside their own fields (links,
        a budget) by overriding this and extending the result.
        """
        return fields_snapshot(self)


def field_label(model, name: str) -> str:
    """A field's name for people, in lower case: "description (Dutch)" for description_nl
    (a translated field says its language); a name that is no field stays as it is."""
    base, _sep, code = name.rpartition("_")
    languages = dict(settings.LANGUAGES)
    if code in languages and base:
        return _("%(field)s (%(language)s)") % {
            "field": field_label(model, base),
            "language": _(languages[code]),
        }
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def shown(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime | datetime.date):
        return date_format(
            value, "DATETIME_FORMAT" if isinstance(value, datetime.datetime) else "DATE_FORMAT"
        )
    if isinstance(value, FieldFile):
        return value.name or "–"
    if isinstance(value, Decimal):
        return f"{value}"
    return str(value)


def fields_snapshot(instance) -> dict[str, tuple[str, str]]:
    snapshot = {}
    for field in instance._meta.concrete_fields:
        if field.name in BOOKKEEPING_FIELDS or field.primary_key:
            continue
        if field.is_relation:
            compared = str(getattr(instance, field.attname) or "")
            value = getattr(instance, field.name) if compared else None
        else:
            value = getattr(instance, field.attname)
            compared = str(value if not isinstance(value, FieldFile) else value.name or "")
            if field.choices and value not in (None, ""):
                value = instance._get_FIELD_display(field)
        snapshot[field.name] = (compared, shown(value))
    return snapshot


def labels(instance) -> dict[str, str]:
    return {
        field.name: capfirst(field_label(type(instance), field.name))
        for field in instance._meta.concrete_fields
    }


def seen_token(instance) -> str:
    """The snapshot of what a form shows, signed so it cannot be made up."""
    return signing.dumps(instance.edit_snapshot(), salt=SNAPSHOT_SALT, compress=True)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


class EditConflict(Exception):
    """Someone saved the row after the form was opened; nothing was saved."""

    def __init__(self, *, current, changes: list[Change]):
        self.current = current
        self.changes = changes
        super().__init__(self.message())

    def change_lines(self) -> list[str]:
        return [
            _("%(field)s: “%(before)s” → “%(after)s”")
            % {"field": change.label, "before": change.before, "after": change.after}
            for change in self.changes
        ]

    def message(self) -> str:
        saved_at = getattr(self.current, "updated_at", None)
        intro = _(
            "Someone saved this while you were editing it (%(when)s). Nothing of yours is "
            "saved yet: your changes are still in the form. Here is what changed "
            "meanwhile; check it, then save again to keep your version."
        ) % {"when": shown(saved_at) if saved_at else _("just now")}
        return " ".join([intro, *self.change_lines()])


def changes_between(seen: dict, current, snapshot: dict) -> list[Change]:
    names = labels(current)
    changes = []
    for name, (compared, value) in snapshot.items():
        before = seen.get(name)
        if before is None or before[0] != compared:
            changes.append(
                Change(
                    label=names.get(name, capfirst(_(name))),
                    before=before[1] if before else "?",
                    after=value,
                )
            )
    return changes


def require_current(locked, *, version, seen: str = "") -> None:
    """Refuse the save unless `locked` (read under SELECT … FOR UPDATE) is at `version`.

    Every edit page sends the version it showed. A post without one (a script, or a
    page opened before versions existed) has nothing to compare and is not checked.
    """
    if version is None or int(version) == locked.version:
        return
    try:
        seen_snapshot = signing.loads(seen, salt=SNAPSHOT_SALT) if seen else {}
    except signing.BadSignature:
        seen_snapshot = {}
    snapshot = locked.edit_snapshot()
    raise EditConflict(current=locked, changes=changes_between(seen_snapshot, locked, snapshot))


class EditVersionForm(forms.Form):
    """The hidden fields an edit form carries: the version of the row it was opened at and
    the signed snapshot of what it showed (opened_at). They are the form's bookkeeping,
    never a change of the editor's: changed_data leaves them out, so neither the group's
    recent changes nor the admin's history name them."""

    # Named apart from the model's own `version`, which no form may edit.
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    edit_seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100_000)

    @property
    def changed_data(self) -> list[str]:
        # A bound form's bookkeeping differs from its (empty) initial values at every save.
        return [name for name in super().changed_data if name not in EDIT_FORM_FIELDS]

    def seen_version(self) -> dict:
        """The arguments require_current takes, from what was posted."""
        return {
            "version": self.cleaned_data.get("edit_version"),
            "seen": self.cleaned_data.get("edit_seen") or "",
        }


# The edit forms' bookkeeping fields, by the one name each has (EditVersionForm's).
EDIT_FORM_FIELDS = tuple(EditVersionForm.base_fields)


def opened_at(instance) -> dict:
    """The bookkeeping fields' values for a form showing `instance` as it is now."""
    return {"edit_version": instance.version, "edit_seen": seen_token(instance)}


class VersionedFormMixin(EditVersionForm):
    """A ModelForm that carries the version and snapshot of the row it was opened at."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial.update(opened_at(self.instance))

    def show_conflict(self, conflict: EditConflict) -> None:
        """The refusal above the form, and the current version in it: saving again, the
        author keeps their version knowing what it replaces."""
        self.add_error(None, conflict.message())
        data = self.data.copy()
        for name, value in opened_at(conflict.current).items():
            data[self.add_prefix(name)] = value
        self.data = data


class VersionedAdminFormMixin(VersionedFormMixin):
    """For the admin's change forms, which save in one transaction after cleaning: the
    row is locked while the form is cleaned and stays locked until it is saved."""

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            model = type(self.instance)
            locked = model._default_manager.select_for_update().get(pk=self.instance.pk)
            try:
                require_current(locked, **self.seen_version())
            except EditConflict as conflict:
                self.show_conflict(conflict)
        return cleaned_data


class VersionedAdminMixin:
    """A ModelAdmin whose change form refuses a stale save (VersionedAdminFormMixin)."""

    def get_form(self, request, obj=None, **kwargs):
        form = kwargs.get("form", self.form)
        if not issubclass(form, VersionedAdminFormMixin):
            kwargs["form"] = type(f"Versioned{form.__name__}", (VersionedAdminFormMixin, form), {})
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        # Hidden inputs, shown by the admin as a row of its own with nothing in it.
        return [*fieldsets, (None, {"fields": EDIT_FORM_FIELDS, "classes": ("hidden",)})]
