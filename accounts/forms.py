"""The account's forms: the sign-up (ACCOUNT_FORMS) and the full name."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from common.validators import validate_no_address, validate_text, validate_visible_text


def full_name_field():
    return forms.CharField(
        label=_("Full name"),
        max_length=150,
        validators=[validate_text, validate_visible_text, validate_no_address],
        help_text=_("As on your identity card: grant letters are accepted in it."),
    )


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form (ACCOUNT_FORMS), with the full name, which costs as much for
    a known address."""

    full_name = full_name_field()
    field_order = ["full_name", "email", "password1", "password2"]

    def try_save(self, request):
        # A new account hashes its password (a quarter second by design); an
        # address that already has one only gets an email. Hash this password
        # too, and throw it away, or the time of the answer tells who has an
        # account, which the page itself does not.
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)


class FullNameForm(forms.Form):
    full_name = full_name_field()
