"""Accounts (django-allauth): sign-up, login, confirmation, rate limits, the second factor,
Discord."""

from common.env import env_int, env_str

# Accounts (django-allauth)
# People sign up with an email address and a password, or with Discord. Every
# account has a confirmed address: allauth keeps a new account out until its
# owner follows the link in the confirmation email. Pages live at
# /<language>/accounts/…, and allauth renders its emails in the language of the
# request that sends them, so a sign-up on /nl/ gets a Dutch email.
# Email and password for the site's login page, and Discord; permissions as
# Django's ModelBackend. There is no username-and-password backend: the admin
# has no login form of its own, so every password goes through allauth's login
# and its rate limits (accounts/admin_site.py).
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
# URL names, not paths: reversed in the visitor's language, so a login on /nl/
# stays on /nl/ (a bare "/" would pick the language from the browser again).
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "groups:home"
LOGOUT_REDIRECT_URL = "groups:home"

# Renders allauth's emails as plain text, like the site's own (accounts/adapters.py).
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
# Email (required) and the password twice; no username field: allauth makes one
# up from the address, because Django's User still needs a unique username.
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Answers as slowly for an address that has an account as for a new one (accounts/forms.py).
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# Sign-up, login and password reset answer alike whether or not an address has
# an account; the owner of a known address gets an email saying so instead.
ACCOUNT_PREVENT_ENUMERATION = True
# One address per account; "Change email" (account_email) keeps the old address
# until the new one is confirmed, then replaces it.
ACCOUNT_CHANGE_EMAIL = True
# What allauth's emails call the site ("Hello from PauseAI!"): without
# django.contrib.sites allauth would call it by the request's host, "127.0.0.1:8000"
# (onboarding/adapters.py gives it this name).
SITE_NAME = "PauseAI"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "


def account_user_display(user) -> str:
    """Pages and emails name people by their address, not the generated username."""
    return user.email or user.get_username()


ACCOUNT_USER_DISPLAY = account_user_display
# The confirmation link opens a page with a button; the address is confirmed
# by that POST, so mail scanners that follow links confirm nothing.
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Counted in Django's cache, per "ip" (client address), "key" (the address
# typed) or "user". "5/5m/key" is five per five minutes. Only POSTs count.
ACCOUNT_RATE_LIMITS = {
    # Any login attempt, right or wrong: a burst beyond this gets HTTP 429.
    "login": "30/m/ip",
    # Wrong passwords: ten a minute from one address, five per five minutes
    # against one account; then the form refuses even the right password.
    "login_failed": "10/m/ip,5/5m/key",
    # Room for a meetup signing up on one Wi-Fi, not for a script.
    "signup": "10/m/ip",
    # Resending a confirmation email to one address: once per three minutes.
    "confirm_email": "1/3m/key",
    # Password-reset emails: no mailbombing one address, no sweep from one client.
    "reset_password": "20/m/ip,3/15m/key",
    # Applications to found a national group (onboarding.views.apply).
    "apply": "5/h/user",
}
# Behind a reverse proxy every request comes from the proxy's address, so all
# visitors would share one per-IP limit. Set to the number of proxies in front
# of gunicorn (1 behind nginx) to take the client's address from X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ALLAUTH_TRUSTED_PROXY_COUNT", 0)

# A second factor (allauth.mfa): an authenticator app (TOTP) and recovery codes.
# Anyone may set one up under Account; the oversight team and superusers must
# before the admin opens (accounts/second_factor.py). allauth asks for the code at
# every login, by password or by Discord, of an account that has one.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "PauseAI registry"
# Changing a second factor asks for the password again, unless this session gave it (or
# logged in) within these seconds: not right after the login that led there
# (accounts/adapters.py).
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300

# "Sign in with Discord" is offered only when both variables are set; without
# them there is no Discord app, and the login page shows no Discord button.
DISCORD_CLIENT_ID = env_str("DISCORD_CLIENT_ID", "")
DISCORD_CLIENT_SECRET = env_str("DISCORD_CLIENT_SECRET", "")
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = {}
if DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET:
    SOCIALACCOUNT_PROVIDERS["discord"] = {
        "APPS": [{"client_id": DISCORD_CLIENT_ID, "secret": DISCORD_CLIENT_SECRET}],
        "SCOPE": ["identify", "email"],
    }
