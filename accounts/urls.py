"""allauth's authenticator-app setup and recovery codes, which lead back to the admin page
that asked for a second factor (accounts/second_factor.py). Under allauth's own names,
with no namespace, so that allauth's pages reach them: pauseai/urls.py includes these
before allauth's."""

from django.urls import path

from accounts import second_factor

urlpatterns = [
    path("2fa/totp/activate/", second_factor.activate_totp, name="mfa_activate_totp"),
    path(
        "2fa/recovery-codes/",
        second_factor.view_recovery_codes,
        name="mfa_view_recovery_codes",
    ),
]
