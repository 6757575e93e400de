from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from common.fields import help_text_with_limit_lazy
from common.validators import (
    host_matches,
    validate_multiline_text,
    validate_text,
)
from common.workflow import NOTE_MAX_LENGTH
from onboarding.models import GroupApplication, SetupStep, SetupSubStep
from onboarding.services import application_blocker
from outbox.mailboxes import validate_deliverable_address

DISCORD_HOSTS = ("discord.com", "discord.gg", "discordapp.com")
MAX_CO_ORGANIZERS = 10


class GroupApplicationForm(forms.ModelForm):
    agrees_to_strategy = forms.BooleanField(
        required=True,
        label=_("I will follow PauseAI's strategy"),
        help_text=_("The Theory of Change, the communication strategy and the growth strategy."),
    )

    class Meta:
        model = GroupApplication
        fields = GroupApplication.APPLICANT_FIELDS
        widgets = {
            "plans": forms.Textarea(attrs={"rows": 6}),
            "co_organizer_emails": forms.Textarea(attrs={"rows": 3}),
            "existing_presence": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, applicant, **kwargs):
        super().__init__(*args, **kwargs)
        self.applicant = applicant
        self.fields["discord_project_url"].help_text = discord_project_help()

    def clean_discord_project_url(self):
        url = self.cleaned_data["discord_project_url"]
        host = (urlsplit(url).hostname or "").lower()
        if not any(host_matches(host, allowed) for allowed in DISCORD_HOSTS):
            raise ValidationError(_("Link to your #project post on discord.com."))
        return url

    def clean_co_organizer_emails(self):
        lines = self.cleaned_data["co_organizer_emails"].replace(",", "\n").splitlines()
        addresses = []
        for line in lines:
            address = line.strip().lower()
            if not address or address in addresses:
                continue
            try:
                validate_email(address)
                validate_deliverable_address(address)
            except ValidationError:
                raise ValidationError(
                    _("“%(address)s” is not an email address.") % {"address": address}
                ) from None
            if address == self.applicant.email.lower():
                raise ValidationError(_("List the others; you are already the applicant."))
            addresses.append(address)
        if len(addresses) > MAX_CO_ORGANIZERS:
            raise ValidationError(
                _("List at most %(count)d co-organizers; invite more once the group exists.")
                % {"count": MAX_CO_ORGANIZERS}
            )
        return "\n".join(addresses)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("country"):
            blocker = application_blocker(applicant=self.applicant, country=cleaned_data["country"])
            if blocker:
                self.add_error(*blocker)
        return cleaned_data

    def field_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ApplicationAnswerForm(forms.Form):
    message = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=NOTE_MAX_LENGTH,
        help_text=help_text_with_limit_lazy("", NOTE_MAX_LENGTH),
        validators=[validate_multiline_text],
    )


def discord_project_help() -> str:
    """Where the #project post goes, and how to copy its link (step 1 of the guide)."""
    return format_html(
        _(
            "Step 1 of the guide: describe your plans in a #project post in the "
            '<a href="{url}">PauseAI Discord</a>, then copy its link: right-click the first '
            "message of your post (on a phone, press and hold it) and choose “Copy Message "
            "Link”."
        ),
        url=settings.PAUSEAI_DISCORD_URL,
    )


class ChecklistItemForm(forms.Form):
    """Tick or untick one item of a group's setup checklist."""

    step = forms.ModelChoiceField(queryset=SetupStep.objects.all(), widget=forms.HiddenInput)
    sub_step = forms.ModelChoiceField(
        queryset=SetupSubStep.objects.all(), required=False, widget=forms.HiddenInput
    )
    done = forms.BooleanField(required=False, widget=forms.HiddenInput)
    evidence = forms.CharField(
        label=_("Note or link"),
        required=False,
        max_length=500,
        validators=[validate_text],
        help_text=_("For example the logo, or the link to the group chat."),
    )
