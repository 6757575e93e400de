"""The forms of the check-in's page in the admin: the check-in, with who took part and
the reports discussed, and each action agreed at it. The group the page is about
narrows every choice to its organizers (and, for an action's owner, the team)."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.team import oversight_team
from coaching.models import ActivityReport, AgreedAction, CheckIn
from coaching.services import check_in_problems, next_check_in_default, who_may_own_actions
from common.names import person
from groups.models import NationalGroup

User = get_user_model()


def group_of_the_page(request, obj=None) -> NationalGroup | None:
    """The group a check-in page is about: the check-in's, else the one chosen in the
    form (posted), else the one the "Record a check-in" link named (?group=)."""
    if obj is not None:
        return obj.group
    value = request.POST.get("group") or request.GET.get("group")
    if value and str(value).isdigit():
        return NationalGroup.objects.filter(pk=value).first()
    return None


def organizers_of(group: NationalGroup | None):
    if group is None:
        return User.objects.none()
    return User.objects.filter(group_memberships__group=group).order_by("first_name", "email")


def action_owners(group: NationalGroup | None):
    """Whom an action agreed with the group may be given to: its organizers and the
    team (coaching.services.who_may_own_actions holds the rule)."""
    if group is None:
        return User.objects.none()
    return (
        User.objects.filter(Q(group_memberships__group=group) | Q(pk__in=oversight_team()))
        .distinct()
        .order_by("first_name", "email")
    )


class CheckInForm(forms.ModelForm):
    organizers = forms.ModelMultipleChoiceField(
        label=_("Organizers who took part"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The group's organizers: choose the group first to see them."),
    )
    reports_discussed = forms.ModelMultipleChoiceField(
        label=_("Activity reports discussed"),
        queryset=ActivityReport.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The group's reports sent and not yet discussed."),
    )

    class Meta:
        model = CheckIn
        fields = ("group", "held_on", "coach", "notes", "next_check_in_on")

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["organizers"].queryset = organizers_of(group)
        self.fields["organizers"].label_from_instance = person
        if self.instance.pk:
            self.initial["organizers"] = list(
                self.instance.participants.values_list("user_id", flat=True)
            )
        reports = ActivityReport.objects.none()
        if group is not None:
            reports = group.activity_reports.filter(
                Q(status=ActivityReport.Status.SUBMITTED) | Q(discussed_in=self.instance.pk or 0)
            )
        self.fields["reports_discussed"].queryset = reports
        self.fields["reports_discussed"].label_from_instance = lambda report: report.period_in_words
        if self.instance.pk:
            self.initial["reports_discussed"] = list(
                self.instance.reports_discussed.values_list("pk", flat=True)
            )
        if "next_check_in_on" in self.fields:
            self.fields["next_check_in_on"].required = False
            self.fields["next_check_in_on"].help_text = _(
                "Empty: the group's cadence after this check-in (every %(forming)d weeks for "
                "a forming group, %(active)d for an active one)."
            ) % {
                "forming": settings.CHECK_IN_WEEKS["forming"],
                "active": settings.CHECK_IN_WEEKS["active"],
            }

    def clean(self):
        cleaned = super().clean()
        group, held_on = cleaned.get("group"), cleaned.get("held_on")
        if group is not None and held_on is not None and not cleaned.get("next_check_in_on"):
            cleaned["next_check_in_on"] = next_check_in_default(group, held_on)
            self.instance.next_check_in_on = cleaned["next_check_in_on"]
        if group is not None and cleaned.get("coach") is not None:
            check_in = CheckIn(group=group, coach=cleaned["coach"])
            for message, field in check_in_problems(
                check_in, organizers=cleaned.get("organizers") or [], actions=[]
            ):
                self.add_error(field if field in self.fields else None, message)
        return cleaned


class AgreedActionForm(forms.ModelForm):
    done = forms.BooleanField(label=_("done"), required=False)

    class Meta:
        model = AgreedAction
        fields = ("description", "owner", "due_on", "done", "done_note")
        widgets = {"done_note": forms.Textarea(attrs={"rows": 2, "cols": 30})}

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.initial["done"] = self.instance.is_done
        if "owner" in self.fields:
            self.fields["owner"].queryset = action_owners(group)
            self.fields["owner"].label_from_instance = person

    def clean_owner(self):
        owner = self.cleaned_data["owner"]
        if self.group is not None and owner.pk not in who_may_own_actions(self.group, [owner.pk]):
            raise forms.ValidationError(
                _("An action's owner is an organizer of the group or an oversight team member.")
            )
        return owner
