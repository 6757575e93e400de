"""Admin pieces every app's ModelAdmins share."""

from collections.abc import Callable

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import QuerySet
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.names import person
from common.storage import delete_replaced_files
from common.typography import labelled


def person_display(field: str, description, *, ordering: str | None = None) -> Callable:
    """A ModelAdmin's read-only field or column showing the account in `field` as the team
    names people (common.names.person): the admin would show its username."""

    @admin.display(description=description, ordering=ordering)
    def display(model_admin, row) -> str:
        return person(getattr(row, field))

    return display


class PeopleByNameMixin:
    """A ModelAdmin or inline whose choices of an account (a list, or the autocomplete's
    chosen one) name people as the team does, not by their username."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if formfield is not None and db_field.related_model is get_user_model():
            formfield.label_from_instance = person
        return formfield


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

    def action_checkbox(self, obj):
        """Django's selection box of a row, the same markup written at once: drawn through
        the form widgets' templates it took about a quarter of a 100-row changelist."""
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )


class DeletesReplacedFilesMixin:
    """A ModelAdmin whose change form deletes the files it replaced or cleared (a logo, a
    photo) once the save commits (common.storage.delete_replaced_files)."""

    def save_model(self, request, obj, form, change):
        # The row as stored, locked: of two saves at once, the second sees the first's file.
        stored = type(obj)._default_manager.select_for_update().get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        if stored is not None:
            delete_replaced_files(stored=stored, saved=obj)


class CappedInlineMixin:
    """An inline builds at most the rows it could save: its max_num, or the rows it shows.

    Django builds up to max_num + 1000 forms for any TOTAL_FORMS posted; this caps
    the formset at what the inline can hold (absolute_max), so a huge count is
    refused at once. An inline that adds rows must say how many (max_num); a
    read-only one (no add permission: max_num 0) holds the rows it has.
    """

    def get_formset(self, request, obj=None, **kwargs):
        if self.get_max_num(request, obj, **kwargs) is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a max_num.")
        formset = super().get_formset(request, obj, **kwargs)
        existing = 0
        if obj is not None and obj.pk is not None:
            existing = formset.model._default_manager.filter(**{formset.fk.name: obj}).count()
        formset.absolute_max = max(formset.max_num, existing)
        if isinstance(self, admin.TabularInline):
            return with_labelled_cells(formset)
        return formset


def with_labelled_cells(formset_class):
    """A tabular inline's fields named for screen readers: its column headers are no
    <label>, so each field is "Owner, row 2" (aria-label); a help text stays in the
    column's header, where the table shows it, rather than pointing at a note no row has."""

    class LabelledCells(formset_class):
        def add_fields(self, form, index):
            super().add_fields(form, index)
            for field in form.fields.values():
                if field.widget.is_hidden:
                    continue
                row = _("new row") if index is None else index + 1
                # A related field's select sits inside the admin's wrapper (its + and
                # pencil links): the select is what is named.
                widget = getattr(field.widget, "widget", field.widget)
                widget.attrs["aria-label"] = _("%(field)s, row %(row)s") % {
                    "field": capfirst(field.label or ""),
                    "row": row,
                }
                field.help_text = ""

    return LabelledCells


class ReadOnlyInline(CappedInlineMixin, admin.TabularInline):
    """Written by the workflow and the organizers' pages; the admin only shows it."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StatusHistoryInline(ReadOnlyInline):
    """A workflow's history (common.workflow.StatusChange rows): when, who (by name and
    address), the change in words, and the note."""

    fields = ("created_at", "actor_display", "change", "note_display")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    actor_display = person_display("actor", gettext_lazy("by"))

    @admin.display(description=gettext_lazy("change"))
    def change(self, event):
        return event.change_in_words()

    @admin.display(description=gettext_lazy("note"))
    def note_display(self, event):
        """In the reader's language when the registry wrote it."""
        return event.note_in_words()


class WorkflowServicesMixin:
    """Admin actions and review buttons that call one workflow service per object: the
    service judges, and its refusal becomes a message, not an error page.

    `workflow_object` names the service's argument ("microgrant", "application") and
    `workflow_refusal` the exception its rules raise.
    """

    workflow_object: str
    workflow_refusal: type[Exception]

    def run(self, request, objects, service, success, **kwargs) -> bool:
        """`success` is a message, or a function of what the service returned. Whether
        the service did it for every object."""
        done = True
        for obj in objects:
            try:
                outcome = service(**{self.workflow_object: obj}, reviewer=request.user, **kwargs)
            except self.workflow_refusal as refusal:
                self.message_user(request, labelled(obj, refusal), messages.ERROR)
                done = False
            else:
                message = success(outcome) if callable(success) else success
                self.message_user(request, labelled(obj, message), messages.SUCCESS)
        return done


class RelatedOnlyOfTheRowsFilter(admin.RelatedOnlyFieldListFilter):
    """Django's RelatedOnlyFieldListFilter (only the related rows some row points to),
    asking the model's own rows rather than the admin's queryset: a changelist whose
    queryset carries costly annotations (the groups' health) builds it once, not twice.
    For admins whose queryset narrows no rows."""

    def field_choices(self, field, request, model_admin):
        pointed_to = model_admin.model._default_manager.distinct().values_list(
            f"{self.field_path}__pk", flat=True
        )
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(
            include_blank=False, limit_choices_to={"pk__in": pointed_to}, ordering=ordering
        )


class SelectorListFilter(admin.SimpleListFilter):
    """A changelist filter whose choices are selectors: each narrows the changelist's rows
    to the same set the selector gives the admin's home page, so a tile's count and its
    link's changelist cannot differ.

    `selectors` maps each choice to its label and the selector, a function from a
    queryset to the narrowed queryset. A value that is no choice is refused (the
    changelist says so with ?e=1) rather than ignored.
    """

    selectors: dict[str, tuple[str, Callable[[QuerySet], QuerySet]]]

    @classmethod
    def choice(cls, value: str) -> dict:
        """`items` and `query` of the admin home's tile for one choice: the choice's own
        selector and the link that picks it, so the two cannot drift apart."""
        _label, selector = cls.selectors[value]
        return {"items": selector, "query": {cls.parameter_name: value}}

    def lookups(self, request, model_admin):
        return [(value, label) for value, (label, _selector) in self.selectors.items()]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        if self.value() not in self.selectors:
            raise IncorrectLookupParameters(self.value())
        _label, selector = self.selectors[self.value()]
        return selector(queryset)
