"""Forms of the organizers' microgrant pages: the request with its budget, the letter,
the files and the report. Limits and overdue reports are the services' to check."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from common.fields import help_text_with_limit_lazy
from common.forms import as_typed
from common.money import format_money
from common.validators import validate_text, validate_visible_text
from common.versioning import VersionedFormMixin
from microgrants.models import (
    PROJECT_ENDS_WITHIN,
    PROJECT_STARTS_AFTER,
    MicrograntBudgetLine,
    MicrograntFile,
    MicrograntRequest,
)

AMOUNT_MUST_BE_POSITIVE = _("The amount must be more than zero.")


class DateInput(forms.DateInput):
    """The browser's date picker; it sends and expects YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def positive_amount(amount: Decimal | None) -> Decimal | None:
    if amount is not None and amount <= 0:
        raise ValidationError(AMOUNT_MUST_BE_POSITIVE)
    return amount


class MicrograntRequestForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = MicrograntRequest
        fields = (
            "title",
            "activity_kind",
            "description",
            "deliverables",
            "start_date",
            "end_date",
            "currency",
            "amount_requested",
            "payment_method",
            "payee_details",
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "deliverables": forms.Textarea(attrs={"rows": 3}),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "payee_details": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "description": _("What you will do, for whom, and why it helps the pause."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Amounts are typed as text with two decimals: no float, no spinner.
        self.fields["amount_requested"].widget.attrs.update(step="0.01", min="0.01")
        # The date pickers offer the dates the model accepts (validate_project_start/end).
        today = timezone.localdate()
        self.fields["start_date"].widget.attrs["min"] = (today - PROJECT_STARTS_AFTER).isoformat()
        self.fields["end_date"].widget.attrs["max"] = (today + PROJECT_ENDS_WITHIN).isoformat()

    def clean_amount_requested(self):
        return positive_amount(self.cleaned_data.get("amount_requested"))

    def clean(self):
        cleaned_data = super().clean()
        start_date, end_date = cleaned_data.get("start_date"), cleaned_data.get("end_date")
        if start_date and end_date and end_date < start_date:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return cleaned_data


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = MicrograntBudgetLine
        fields = ("item", "amount")

    def __init__(self, *args, **kwargs):
        # No colon after labels: "Delete" stands beside its checkbox.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["amount"].widget.attrs.update(step="0.01", min="0.01")

    def clean_amount(self):
        return positive_amount(self.cleaned_data.get("amount"))


class BaseBudgetLineFormSet(BaseInlineFormSet):
    """The request's budget, one line per cost. A draft keeps whatever its lines add up
    to; at least one line, adding up to the amount requested, is a rule of submission
    (services.submission_blockers)."""

    # Each row, in the error summary (common/error_summary.py).
    row_name = _("Budget line %(number)d")

    # The request's amount and currency, for the running total (request_form_is_valid(),
    # another_line()).
    amount_requested: Decimal | None = None
    currency: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.amount_requested = self.instance.amount_requested
        self.currency = self.instance.currency

    def lines_total(self) -> Decimal:
        """What the lines as typed add up to: those with an amount that reads as one,
        and not marked to delete."""
        total = Decimal(0)
        for form in self.forms:
            if not form.is_bound:
                total += form.instance.amount or 0
                continue
            if form["DELETE"].value():
                continue
            try:
                total += form.fields["amount"].clean(form["amount"].value()) or 0
            except ValidationError:
                continue
        return total

    def balance(self) -> str:
        """The running total, said against the amount requested."""
        total, amount = self.lines_total(), self.amount_requested
        if amount is None:
            case = "no_amount"
        else:
            case = "less" if total < amount else "more" if total > amount else "equal"
        currency = self.currency or "EUR"
        return BALANCE[case] % {
            "total": format_money(total, currency),
            "amount": format_money(amount or 0, currency),
            "difference": format_money(abs((amount or 0) - total), currency),
        }

    def balance_sentences(self) -> dict[str, str]:
        """The same sentences with {total}, {amount} and {difference} to fill in, for the
        page's script to say the total as the organizer types (static/js/budget-lines.js)."""
        placeholders = {name: f"{{{name}}}" for name in ("total", "amount", "difference")}
        return {case: sentence % placeholders for case, sentence in BALANCE.items()}


BALANCE = {
    "no_amount": _("The lines add up to %(total)s."),
    "less": _("The lines add up to %(total)s, %(difference)s less than the %(amount)s requested."),
    "more": _("The lines add up to %(total)s, %(difference)s more than the %(amount)s requested."),
    "equal": _("The lines add up to the %(amount)s requested."),
}


# Plenty for a microgrant; a larger form count posted is refused before it is built.
MAX_BUDGET_LINES = 30

BudgetLineFormSet = inlineformset_factory(
    MicrograntRequest,
    MicrograntBudgetLine,
    form=BudgetLineForm,
    formset=BaseBudgetLineFormSet,
    extra=1,
    max_num=MAX_BUDGET_LINES,
    absolute_max=MAX_BUDGET_LINES,
    validate_max=True,
    can_delete=True,
)


def request_form_is_valid(form: MicrograntRequestForm, budget: BaseBudgetLineFormSet) -> bool:
    """Validate both, so every mistake shows at once; the running total reads the amount."""
    form_is_valid = form.is_valid()
    budget.amount_requested = form.cleaned_data.get("amount_requested")
    budget.currency = form.cleaned_data.get("currency")
    return budget.is_valid() and form_is_valid


def another_line(data, microgrant) -> tuple[MicrograntRequestForm, BaseBudgetLineFormSet]:
    """The request's form and budget as typed, with one more empty line (the "add a
    line" button without JavaScript): nothing saved, and nothing judged yet."""
    data = data.copy()
    try:
        lines = int(data.get("budget-TOTAL_FORMS", 0))
    except ValueError:
        lines = 0
    data["budget-TOTAL_FORMS"] = str(min(max(lines, 0) + 1, MAX_BUDGET_LINES))
    form = as_typed(MicrograntRequestForm(data, instance=microgrant))
    budget = BudgetLineFormSet(data, instance=microgrant, prefix="budget")
    for line in budget.forms:
        as_typed(line)
    budget._errors, budget._non_form_errors = [], budget.error_class()
    field = form.fields["amount_requested"]
    try:
        budget.amount_requested = positive_amount(field.clean(form["amount_requested"].value()))
    except ValidationError:
        budget.amount_requested = None
    budget.currency = form["currency"].value()
    return form, budget


class LetterAcceptanceForm(forms.Form):
    full_name = forms.CharField(
        label=_("Your full name"),
        max_length=200,
        validators=[validate_text, validate_visible_text],
        help_text=_("Typing your full name accepts the grant letter above."),
    )


class FileUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("This file is"),
        choices=MicrograntFile.Kind.choices,
        initial=MicrograntFile.Kind.RECEIPT,
    )
    upload = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = _(
            "PDF, PNG or JPEG, at most %(size)s each. At most %(count)d files per request."
        ) % {
            "size": filesizeformat(settings.MICROGRANT_FILE_MAX_BYTES),
            "count": settings.MICROGRANT_FILES_PER_REQUEST,
        }


def report_field(name: str, *, rows: int, required: bool = False, help_text: str = ""):
    """A field of the report, labelled and checked as the model's own field is."""
    model_field = MicrograntRequest._meta.get_field(name)
    return forms.CharField(
        label=capfirst(model_field.verbose_name),
        max_length=model_field.max_length,
        validators=model_field.validators,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=required,
        help_text=help_text_with_limit_lazy(help_text, model_field.max_length),
    )


class ReportForm(forms.Form):
    """The completion report; the receipts go up as files beside it."""

    def __init__(self, *args, **kwargs):
        # Labels as the site's other forms write them: a capital, no colon.
        super().__init__(*args, label_suffix="", **kwargs)

    report_done = report_field("report_done", rows=5, required=True)
    report_numbers = report_field(
        "report_numbers",
        rows=3,
        help_text=_("People reached, attendees, flyers handed out, press coverage."),
    )
    report_learnings = report_field("report_learnings", rows=4)
