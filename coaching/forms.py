"""Forms of the organizers' coaching pages: an agreed action marked done, and the group's
activity report with its activities. What a submitted report needs is the services' to
check (services.submission_problems)."""

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from coaching.models import Activity, ActivityReport, AgreedAction
from common.forms import as_typed
from common.versioning import VersionedFormMixin


class ActionDoneForm(forms.Form):
    """A note on what was done, for the coach (optional)."""

    note = forms.CharField(
        label=_("Note for the coach (optional)"),
        required=False,
        max_length=AgreedAction._meta.get_field("done_note").max_length,
        validators=AgreedAction._meta.get_field("done_note").validators,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, action: AgreedAction, **kwargs):
        # One form per action on the group's page: its fields' ids must differ.
        kwargs.setdefault("prefix", f"action-{action.pk}")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


# The answers a report's form edits, in the order the page asks them.
REPORT_ANSWERS = ("people_involved", "went_well", "was_hard", "plans", "needs")


class ActivityReportForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ActivityReport
        fields = (*REPORT_ANSWERS, "publish_activities")
        widgets = {
            "went_well": forms.Textarea(attrs={"rows": 4}),
            "was_hard": forms.Textarea(attrs={"rows": 4}),
            "plans": forms.Textarea(attrs={"rows": 4}),
            "needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        # Labels as the site's other forms write them: a capital, no colon.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["people_involved"].widget.attrs["min"] = 0
        # A draft keeps whatever is typed; a submission needs these (submission_problems).
        for name in REPORT_ANSWERS:
            self.fields[name].required = False

    def answers(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ("kind", "count", "description", "link")

    def __init__(self, *args, **kwargs):
        # No colon after labels: "Delete" stands beside its checkbox.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        count = self.fields["count"]
        count.min_value = 1
        count.validators.append(MinValueValidator(1))
        count.widget.attrs["min"] = 1
        self.fields["link"].help_text = _("A news article, photos or a post (optional).")

    def has_changed(self):
        """A line counts once it says something: "how many" alone is no activity."""
        return bool(set(self.changed_data) - {"count"})


class BaseActivityFormSet(forms.BaseFormSet):
    """The activities held, a row each: a kind, how many, a line, a link. A row left empty
    (or emptied) is left out, as is one marked to delete; a quiet period has none."""

    # Each row, in the error summary (common/error_summary.py).
    row_name = _("Activity %(number)d")

    def get_form_kwargs(self, index):
        # Every row may be empty, those shown filled in too: emptying one removes it.
        return {**super().get_form_kwargs(index), "empty_permitted": True}

    def activities(self) -> list[dict]:
        """The rows as the report keeps them (services.activities_replace)."""
        return [
            {name: form.cleaned_data[name] for name in ActivityForm._meta.fields}
            for form in self.forms
            if form.has_changed() and not self._should_delete_form(form)
        ]


# Plenty for a period's activities; a larger form count posted is refused before it is built.
MAX_ACTIVITIES = 30
ACTIVITIES_PREFIX = "activities"

ActivityFormSet = forms.formset_factory(
    ActivityForm,
    formset=BaseActivityFormSet,
    extra=3,
    max_num=MAX_ACTIVITIES,
    absolute_max=MAX_ACTIVITIES,
    validate_max=True,
    can_delete=True,
)


def activity_rows(report: ActivityReport | None) -> list[dict]:
    """The report's activities as the formset's initial rows."""
    if report is None or report.pk is None:
        return []
    return list(report.activities.values(*ActivityForm._meta.fields))


def report_forms(data, report: ActivityReport, *, rows: list[dict]):
    """The report's answers and its activities, bound to `data` when posted. A posted row
    is compared with an empty one, not with the row shown, so that a row left as it was
    is kept and a row emptied is left out."""
    form = ActivityReportForm(data, instance=report)
    activities = ActivityFormSet(
        data, initial=rows if data is None else None, prefix=ACTIVITIES_PREFIX
    )
    return form, activities


def another_line(data, report: ActivityReport, *, rows: list[dict]):
    """The report as typed, with one more empty activity (the "add a line" button without
    JavaScript): nothing saved, and nothing judged yet."""
    data = data.copy()
    total = f"{ACTIVITIES_PREFIX}-TOTAL_FORMS"
    try:
        lines = int(data.get(total, 0))
    except ValueError:
        lines = 0
    data[total] = str(min(max(lines, 0) + 1, MAX_ACTIVITIES))
    form, activities = report_forms(data, report, rows=rows)
    as_typed(form)
    for row in activities.forms:
        as_typed(row)
    activities._errors, activities._non_form_errors = [], activities.error_class()
    return form, activities
