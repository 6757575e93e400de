"""The oversight team's second factor: who needs one, whether this session gave it,
and the way to it from the admin.

allauth asks for the code at every login of an account that has an authenticator
(password or Discord alike). The admin checks more than that: that *this session*
passed a second factor, as allauth records in the session at each step. A session
from before the member set up their authenticator, or from any way in that skips
the code, is sent for a code before the admin opens.
"""

import time

from allauth.account.authentication import get_authentication_records
from allauth.account.decorators import secure_admin_login
from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import get_next_redirect_url
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes import views as recovery_codes_views
from allauth.mfa.totp import views as totp_views
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.team import in_oversight_team

# Where to go once the authenticator app is set up: the admin page that asked.
RETURN_TO_SESSION_KEY = "second_factor_return_to"


def second_factor_required(user) -> bool:
    """The oversight team and superusers must give a second factor; other staff may."""
    return in_oversight_team(user)


def session_passed_second_factor(request) -> bool:
    """This session's login included a code from an authenticator (or a recovery code)."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def logged_in_recently(request) -> bool:
    """This session logged in, or gave its password or a code again, within
    ACCOUNT_REAUTHENTICATION_TIMEOUT: allauth's reauthentication would ask for what was
    typed a moment ago (the first login of a member, sent on to set up their second
    factor)."""
    records = get_authentication_records(request, request.user)
    latest = max((record.get("at", 0) for record in records), default=0)
    return time.time() - latest < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT


def admin_admits(request) -> bool:
    """The admin opens for staff; for the oversight team only after a second factor."""
    # The session is checked first: it is already loaded, so a member who gave
    # the code costs no query on any admin page.
    return session_passed_second_factor(request) or not second_factor_required(request.user)


def redirect_to_second_factor(request, return_to: str):
    """To the authenticator app's setup, or, once there is one, to a code for this session."""
    if not is_mfa_enabled(request.user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]):
        request.session[RETURN_TO_SESSION_KEY] = return_to
        messages.info(
            request,
            _(
                "The admin asks the oversight team for a second factor. Set up an "
                "authenticator app to continue."
            ),
        )
        return redirect("mfa_activate_totp")
    messages.info(request, _("Enter a code from your authenticator app to open the admin."))
    return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': return_to})}")


def admin_login(request, *, admin_index: str):
    """The admin's login page: the site's own login (allauth's, with its rate limits),
    then the second factor; people who are not staff get a 403."""

    def after_login(request):
        return_to = get_next_redirect_url(request) or admin_index
        if not admin_admits(request):
            return redirect_to_second_factor(request, return_to)
        return HttpResponseRedirect(return_to)

    return secure_admin_login(after_login)(request)


class ActivateTOTPView(totp_views.ActivateTOTPView):
    """allauth's authenticator-app setup; the code typed to set it up counts as this
    session's second factor, so the member goes on without typing another one."""

    def form_valid(self, form):
        response = super().form_valid(form)
        totp = Authenticator.objects.get(user=self.request.user, type=Authenticator.Type.TOTP)
        record_authentication(self.request, self.request.user, "mfa", id=totp.pk, type=totp.type)
        return response


class RecoveryCodesView(recovery_codes_views.ViewRecoveryCodesView):
    """allauth's recovery codes, shown after the setup, with the way back to the admin."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["return_to"] = self.request.session.pop(RETURN_TO_SESSION_KEY, None)
        # One a line in the page's text box, whatever the template's indentation.
        context["unused_codes_text"] = "\n".join(context["unused_codes"])
        return context


activate_totp = ActivateTOTPView.as_view()
view_recovery_codes = RecoveryCodesView.as_view()
