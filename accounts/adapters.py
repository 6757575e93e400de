"""allauth adjustments for this site."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.account.utils import get_next_redirect_url
from allauth.core import context as allauth_context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.http import Http404
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from accounts import second_factor
from common.emails import render_text
from outbox import caps
from outbox.mailboxes import validate_deliverable_address


def named_site():
    """The site as allauth's emails greet and thank in its name: PauseAI
    (settings.SITE_NAME), at the address the person used, never the host as a name."""
    site = get_current_site(allauth_context.request)
    site.name = settings.SITE_NAME
    return site


class AccountAdapter(DefaultAccountAdapter):
    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """allauth asks for the password again before a security setting changes (a second
        factor), unless this session gave it within its timeout; a login counts too, so
        the member who has just logged in and is sent on to set up their second factor
        is not asked for the password a second time."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = self.request
        return request is None or not second_factor.logged_in_recently(request)

    def save_user(self, request, user, form, commit=True):
        """The whole name typed at sign-up, in first_name (never split into parts)."""
        user.first_name = form.cleaned_data.get("full_name", "").strip()
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        """Where a login without ?next= lands: the oversight team in the admin, where
        its work is; everyone else on their own page (applications, groups,
        invitations), not the home page."""
        if request.user.is_staff:
            return reverse("admin:index")
        return reverse("onboarding:my_overview")

    def get_email_confirmation_url(self, request, emailconfirmation):
        """The confirmation link, with the sign-up's ?next= (an invitation it came from): the
        confirmation page posts it on, and the person lands there once confirmed, on
        whichever device they open the link, instead of on the login page."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        next_url = get_next_redirect_url(request) if request is not None else None
        return f"{url}?{urlencode({'next': next_url})}" if next_url else url

    def clean_email(self, email):
        """Sign-ups and changes of address give one the site can send mail to."""
        validate_deliverable_address(email)
        return super().clean_email(email)

    def send_mail(self, template_prefix, email, context):
        """allauth's messages (confirmations, resets, "account already exists"), within the
        per-mailbox caps: past them nothing is queued, and the page says what it always
        says (outbox/caps.py)."""
        if caps.admit(email):
            super().send_mail(template_prefix, email, {"current_site": named_site(), **context})

    def send_account_already_exists_mail(self, email):
        """Signing up again with the address of an account never confirmed sends its
        confirmation link again: the person lost the first one, and "you already have an
        account" would leave them with an account they cannot log in to."""
        unconfirmed = (
            EmailAddress.objects.filter(email__iexact=email, verified=False)
            .exclude(user__emailaddress__verified=True)
            .first()
        )
        if unconfirmed is not None:
            unconfirmed.send_confirmation(allauth_context.request, signup=True)
            return
        super().send_account_already_exists_mail(email)

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's emails, with the subject and text body rendered as plain text.

        The same as allauth's own render_mail, except that `_subject.txt` and
        `_message.txt` go through render_text (no autoescape), as our own mails
        do; an `_message.html` part, where there is one, stays escaped.
        """
        request = allauth_context.request
        subject = " ".join(render_text(f"{template_prefix}_subject.txt", context).split())
        message = EmailMultiAlternatives(
            self.format_email_subject(subject),
            render_text(f"{template_prefix}_message.txt", context, request).strip(),
            self.get_from_email(),
            [email] if isinstance(email, str) else email,
            headers=headers,
        )
        try:
            html = render_to_string(f"{template_prefix}_message.html", context, request)
        except TemplateDoesNotExist:
            pass
        else:
            message.attach_alternative(html.strip(), "text/html")
        return message


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def get_app(self, request, provider, client_id=None):
        """A provider with no app configured (no Discord keys set) is a 404, not a 500."""
        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist:
            raise Http404(f"{provider} sign-in is not configured") from None
