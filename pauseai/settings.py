"""Settings for the PauseAI national-group registry.

One file, read from the environment through the typed helpers below. Every variable
is listed with its default in `.env.example`; an empty value means the default (as
`.env.example` writes most of them), and a malformed value stops start-up with
ImproperlyConfigured naming the variable instead of running with a surprise.
"""

import logging
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from common.env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent


# On for development, as in healthchecks; production sets DEBUG=false, and then
# must set SECRET_KEY too.
DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    # Development only: a fixed key so sessions survive a restart of `make run`.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before it.
    "modeltranslation",
    # Django's admin, whose site asks the oversight team for a second factor.
    "accounts.apps.OversightAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    # No models: the template tags and the helpers every app shares.
    "common",
    # The outbox's queue (its Email table), then ours on top: caps, worker, admin.
    "post_office",
    "outbox",
    "accounts",
    "groups",
    "onboarding",
    "microgrants",
    "coaching",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads a parameter or the session cookie from the database.
    "common.middleware.RefuseNulCharacters",
    # Cache-Control: private, no-store on whatever is not marked public.
    "common.middleware.PrivateUnlessPublic",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CORS headers on /api/ answers, before anything can answer early.
    "corsheaders.middleware.CorsMiddleware",
    # The security headers on every answer, the redirects that LocaleMiddleware and
    # CommonMiddleware make included, so above them.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # ETag from the content, and 304 for If-None-Match / If-Modified-Since.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware needs the session (for a chosen language) and must run
    # before CommonMiddleware, so that an unprefixed URL is redirected to its
    # language-prefixed form before the APPEND_SLASH logic looks at it.
    "django.middleware.locale.LocaleMiddleware",
    # A public answer this process holds, served before the rest of the stack runs
    # (common/pagecache.py): below LocaleMiddleware, whose language is in its key.
    "common.pagecache.middleware.ServeCachedAnswers",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Each account's language, from the pages its person opens (accounts/languages.py).
    "accounts.middleware.RememberAccountLanguage",
]

# Scripts, styles, images, fonts and requests from the site itself only: no inline
# script or style anywhere (the map's data is JSON in the page or fetched from the
# API). Pages with a map add the tile server to img-src (groups/map_tiles.py);
# Discord's login is the one form that leaves the site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF, "https://discord.com"],
        "frame-ancestors": [NONE],
    }
}
# No page uses these: nobody's page may ask for them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SECURE_REFERRER_POLICY = "same-origin"

ROOT_URLCONF = "pauseai.urls"
WSGI_APPLICATION = "pauseai.wsgi.application"

TEMPLATE_CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.template.context_processors.i18n",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "groups.context_processors.map_tiles",
    "accounts.context_processors.account_next",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": TEMPLATE_CONTEXT_PROCESSORS},
    },
    # Plain text: email subjects and bodies, rendered by common.emails.render_text
    # (our mails and allauth's). A text mail is not HTML, so a name with & or '
    # must arrive as typed, not as &amp; or &#x27;. Pages never come from here:
    # the engine above finds every template first.
    {
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False, "context_processors": TEMPLATE_CONTEXT_PROCESSORS},
    },
]

# Unset (or empty) DATABASE_URL means a SQLite file in the project folder, so a new
# contributor needs nothing installed. Production and CI use PostgreSQL.
DATABASE_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", 0)
try:
    DATABASES = {
        "default": dj_database_url.parse(
            env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
            conn_max_age=DATABASE_CONN_MAX_AGE,
        )
    }
except ValueError:
    # The message leaves the value out: it holds the database's password.
    raise ImproperlyConfigured(
        "DATABASE_URL must be a database URL: postgres://USER:PASSWORD@HOST:5432/NAME, "
        "or sqlite:////absolute/path.sqlite3"
    ) from None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
ON_POSTGRESQL = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# Deadlines (README, "When a part is down"): a request waits at most this long for the
# database, whether it is connecting, running a query, or hung with a connection open.
DATABASE_CONNECT_SECONDS = env_int("DATABASE_CONNECT_SECONDS", 2, minimum=1)
DATABASE_QUERY_SECONDS = env_int("DATABASE_QUERY_SECONDS", 3, minimum=1)
if ON_POSTGRESQL:
    # The same backend with a deadline on every wait for the server (common/postgresql).
    DATABASES["default"]["ENGINE"] = "common.postgresql"
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "connect_timeout": DATABASE_CONNECT_SECONDS,
        # The server stops a query that runs too long (lock waits included)...
        "statement_timeout": DATABASE_QUERY_SECONDS * 1000,
        # ...and the client stops waiting for a server that does not answer at all.
        "deadline": DATABASE_QUERY_SECONDS + 1,
    }

# History (django-pghistory, groups/history.py): PostgreSQL triggers keep a snapshot of
# every change to groups, communities, grants, applications and the guide, with who
# made it from which page. SQLite has no such triggers: there (make run) the history
# stays empty, and its admin pages and the middleware are left out.
INSTALLED_APPS += ["pgtrigger", "pghistory"]
if ON_POSTGRESQL:
    # "Events" on every tracked object's admin page, and the history of all of them, in
    # pages that answer an unknown kind or object with a message (common/history_admin.py).
    INSTALLED_APPS += ["pghistory.admin"]
    PGHISTORY_ADMIN_CLASS = "common.history_admin.HistoryAdmin"
    # After authentication, so the user is known; it attaches them to each change.
    MIDDLEWARE += ["common.history.HistoryMiddleware"]
# Who and where, for every change a request makes: GET too, since a page may save.
PGHISTORY_MIDDLEWARE_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")

# The cache holds allauth's rate limits and its used TOTP codes, so every
# gunicorn worker must count in the same one: a per-process cache gives each
# worker its own limit. REDIS_URL (production, CI) picks Redis; unset, a table
# in the database (`manage.py createcachetable`, which `make run` does), shared
# by every process too, so a new contributor needs nothing installed.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL and urlsplit(REDIS_URL).scheme not in ("redis", "rediss", "unix"):
    # The message leaves the value out: it may hold Redis's password.
    raise ImproperlyConfigured("REDIS_URL must be a redis://, rediss:// or unix:// URL")
# Every command waits at most REDIS_SECONDS; after one goes unanswered, the process
# leaves Redis alone for a few seconds (common/cache.py).
REDIS_SECONDS = env_float("REDIS_SECONDS", 1.0, minimum=0.1)
REDIS_OPTIONS = {"socket_connect_timeout": REDIS_SECONDS, "socket_timeout": REDIS_SECONDS}
CACHES = {
    "default": (
        {"BACKEND": "common.cache.RedisCache", "LOCATION": REDIS_URL, "OPTIONS": REDIS_OPTIONS}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}
    )
    # Keeps our keys apart from anything else in the same Redis database.
    | {"KEY_PREFIX": "registry"}
}
# Public pages and API answers (common/pagecache/), in the same Redis or table under
# their own prefix, each under the registry's version it was built at: an answer of an
# older version is never read again, and goes within the hour (or sooner, to Redis's
# LRU), leaving room for the rate limits' counters.
CACHES["pages"] = CACHES["default"] | {"KEY_PREFIX": "pages", "TIMEOUT": 60 * 60}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation. Adding a language is one line here plus a .po file in
# locale/<code>/LC_MESSAGES/; modeltranslation adds the model columns for it.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("de", _("German")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# The tabbed admin needs jQuery UI; serve our own pinned copy, not a CDN's.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files served at the site's root by WhiteNoise: favicon.ico, which browsers ask of
# every site whatever its pages link (static/img/favicon.svg at 16, 32 and 48 pixels).
WHITENOISE_ROOT = BASE_DIR / "root_files"
# Uploaded images (logos, photos, receipts) are decoded and re-encoded; these cap the
# upload and the picture (a few kilobytes can describe gigabytes of pixels).
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 2 * 1024 * 1024, minimum=1)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 25_000_000, minimum=1)
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Receipts and reports: never served by the web server, only through a view
# that checks who asks (common.storage.PrivateFileStorage).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        ),
    },
}

# HTTPS. Production sits behind nginx (deploy/), which terminates TLS and says so in
# X-Forwarded-Proto, a header it sets itself on every request (never the client's):
# only then may the header be believed. Cookies go over HTTPS only, plain-HTTP requests
# are redirected to HTTPS (off only for a proxy that redirects them itself), and
# browsers are told to come back over HTTPS only for a year, subdomains included.
# Preloading is a promise to browsers' vendors that is slow to undo: asked for only
# when set.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# A monitor on the machine asks gunicorn for /healthz directly, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Off by default, deliberately (above): Django's reminder that it is off is no warning.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if not DEBUG and not SECURE_SSL_REDIRECT:
    # Turned off on purpose (SECURE_SSL_REDIRECT=false): the proxy redirects itself.
    SILENCED_SYSTEM_CHECKS += ["security.W008"]

LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in logging.getLevelNamesMapping():
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {LOG_LEVEL!r}"
    )
# Everything to stderr (journald under systemd), an error with its traceback: Django
# logs every 500 and every unhandled exception on "django.request" at ERROR.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [pid %(process)d] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# Error reports to Sentry when SENTRY_DSN is set (its project's DSN); off when unset.
# No personal data is sent (no cookies, no addresses, no user), and no performance
# traces: errors only.
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=0,
    )

# Accounts (django-allauth)
# People sign up with an email address and a password, or with Discord. Every
# account has a confirmed address: allauth keeps a new account out until its
# owner follows the link in the confirmation email. Pages live at
# /<language>/accounts/…, and allauth renders its emails in the language of the
# request that sends them, so a sign-up on /nl/ gets a Dutch email.
INSTALLED_APPS += [
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.discord",
    "allauth.mfa",
]
# Gives allauth the current request (emails, rate limits) and turns its
# ImmediateHttpResponse into a response; it needs sessions and auth before it.
MIDDLEWARE += ["allauth.account.middleware.AccountMiddleware"]
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
# (accounts/adapters.py gives it this name).
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

# Email. Every message, the site's own and allauth's, goes into the outbox: a table,
# written in the same transaction as the change it tells of (django-post-office's
# queue), and sent by the mail worker (`manage.py worker`, outbox/worker.py), which
# sends the oldest first and keeps trying while the mail server is down. `make run` and
# `make serve` start it; production runs deploy/systemd/pauseai-registry-worker.service.
EMAIL_BACKEND = "post_office.EmailBackend"
# How the worker sends: the console (printed in the terminal) in development, SMTP in
# production. The EMAIL_BACKEND variable picks another (Django's file backend, say).
MAIL_TRANSPORT = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
POST_OFFICE = {
    "BACKENDS": {"default": MAIL_TRANSPORT},
    # Oldest first: messages arrive in the order they were queued.
    "SENDING_ORDER": ["created", "id"],
    "MESSAGE_ID_ENABLED": True,
    "MESSAGE_ID_FQDN": "pauseai.info",
}
# Each SMTP call (connecting, every command) waits at most this many seconds.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
# A message that has not gone out after this many hours is marked failed (the admin's
# Outbox shows it, with "Send again"); until then the worker keeps trying.
MAIL_RETRY_HOURS = env_int("MAIL_RETRY_HOURS", 48, minimum=1)
# /healthz says "late" when a message has waited longer than this without a failed
# attempt (the worker is not running?).
MAIL_LATE_SECONDS = env_int("MAIL_LATE_SECONDS", 300, minimum=1)
# What anyone can make the site send to one mailbox (ann+x@… and a.n.n@gmail.com count as
# ann@…): sign-up, password-reset and change-of-address messages and invitations,
# together (outbox/caps.py). The oversight team's own addresses are not capped.
MAIL_PER_MAILBOX_PER_HOUR = env_int("MAIL_PER_MAILBOX_PER_HOUR", 5, minimum=1)
MAIL_PER_MAILBOX_PER_DAY = env_int("MAIL_PER_MAILBOX_PER_DAY", 15, minimum=1)
# Where Django's file backend (EMAIL_BACKEND=django.core.mail.backends.filebased.
# EmailBackend) writes each message, one file apiece.
EMAIL_FILE_PATH = Path(env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-emails")))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "PauseAI <noreply@pauseai.info>")

# Microgrants. Limits are in euros; other currencies count at these rates
# (euros per unit), which the oversight team keeps roughly current.
MICROGRANT_LIMIT_PER_REQUEST_EUR = env_int("MICROGRANT_LIMIT_PER_REQUEST_EUR", 2000)
MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR = env_int("MICROGRANT_LIMIT_PER_GROUP_YEAR_EUR", 6000)
# Above this amount two different oversight members must approve.
MICROGRANT_TWO_APPROVALS_ABOVE_EUR = env_int("MICROGRANT_TWO_APPROVALS_ABOVE_EUR", 1000)
MICROGRANT_FILE_MAX_BYTES = env_int("MICROGRANT_FILE_MAX_BYTES", 10 * 1024 * 1024)
# Receipts and report attachments per request; the upload form says so.
MICROGRANT_FILES_PER_REQUEST = env_int("MICROGRANT_FILES_PER_REQUEST", 30)
# The currencies a microgrant can be requested in are this table's keys (a new one
# needs a migration: the database holds the list); microgrants.models checks each rate
# at start-up.
MICROGRANT_EUR_RATES = {
    "EUR": "1", "USD": "0.92", "GBP": "1.17", "NOK": "0.086", "SEK": "0.088", "DKK": "0.134",
    "CHF": "1.05", "PLN": "0.23", "CZK": "0.040", "HUF": "0.0025", "RON": "0.20", "BGN": "0.51",
    "CAD": "0.67", "AUD": "0.60", "NZD": "0.55", "JPY": "0.0061", "INR": "0.011", "BRL": "0.17",
    "MXN": "0.050", "ZAR": "0.050", "KES": "0.0071", "NGN": "0.00060",
}  # fmt: skip

# Invitations to organize a group: this many a day per group and per sender (and one a
# day to any address), so an account cannot be used to send mail to strangers.
INVITATIONS_PER_DAY = env_int("INVITATIONS_PER_DAY", 20)
# An invitation's link works for this many days after it was (last) sent; the leads can
# send it again, which starts the days anew, or cancel it.
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14, minimum=1)

# The read-only public API (groups/api.py): JSON only, no sessions (so no
# CSRF and no private data by accident), described by OpenAPI at /api/v1/schema/.
REST_FRAMEWORK = {
    # DRF's JSON, written by orjson (common/renderers.py).
    "DEFAULT_RENDERER_CLASSES": ["common.renderers.FastJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "PauseAI registry API",
    "DESCRIPTION": "National groups and local communities of the PauseAI network.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Redoc from drf-spectacular-sidecar's static files; the page itself is ours
    # (templates/drf_spectacular/redoc.html: no web fonts, no inline script).
    "REDOC_DIST": "SIDECAR",
}
# Anyone may read the API from a browser on any site; nothing else crosses origins.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# The background of the communities map and of the coordinate pickers: a tile
# server's URL template in Leaflet's form ({z}/{x}/{y}, optional {s} and {r}),
# and the credit its licence asks for (HTML); empty, OpenStreetMap's credit in
# the page's language (groups/map_tiles.py). The map's scripts are our own
# static files (make vendor); only the tiles come from elsewhere, and without
# them the map still shows every marker.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "")

# The site's own address, for links in emails sent outside a request.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Where the setup guide and the apply form send organizers: PauseAI's Discord (its
# #project channel is step 1) and the oversight team's address (step 2).
PAUSEAI_DISCORD_URL = env_str("PAUSEAI_DISCORD_URL", "https://discord.gg/CR5u5BTBwy")
OVERSIGHT_TEAM_EMAIL = env_str("OVERSIGHT_TEAM_EMAIL", "info@pauseai.info")

# Coaching (README, "Coaching"). Weeks between two check-ins with a group, by its status:
# a forming group is coached more closely than an active or inactive one. A check-in's
# "next check-in" defaults to these.
CHECK_IN_WEEKS = {
    "forming": env_int("CHECK_IN_WEEKS_FORMING", 4, minimum=1),
    "active": env_int("CHECK_IN_WEEKS_ACTIVE", 8, minimum=1),
    "inactive": env_int("CHECK_IN_WEEKS_INACTIVE", 8, minimum=1),
}
# Active groups report on their activities every so many months (calendar periods:
# 3 is the quarters, Jan-Mar, Apr-Jun, ...; a divisor of 12), within so many days of the
# period's end; after that, the report is overdue.
ACTIVITY_REPORT_PERIOD_MONTHS = env_int("ACTIVITY_REPORT_PERIOD_MONTHS", 3, minimum=1)
if 12 % ACTIVITY_REPORT_PERIOD_MONTHS:
    raise ImproperlyConfigured("ACTIVITY_REPORT_PERIOD_MONTHS must divide 12 (1, 2, 3, 4, 6, 12).")
ACTIVITY_REPORT_DUE_WITHIN_DAYS = env_int("ACTIVITY_REPORT_DUE_WITHIN_DAYS", 30, minimum=1)
# A group is quiet when nothing of it moved in this many days: its profile, its
# communities, its organizers' logins, its reports.
GROUP_QUIET_AFTER_DAYS = env_int("GROUP_QUIET_AFTER_DAYS", 60, minimum=1)
# The coaches' weekly digest is sent on this weekday (0 is Monday) by the daily reminders.
COACH_DIGEST_WEEKDAY = env_int("COACH_DIGEST_WEEKDAY", 0)
if COACH_DIGEST_WEEKDAY > 6:
    raise ImproperlyConfigured("COACH_DIGEST_WEEKDAY must be a weekday, 0 (Monday) to 6 (Sunday).")

# The name of the permission group whose members form the oversight team in
# the admin. Created, with its permissions, by groups/migrations.
OVERSIGHT_TEAM_GROUP = "Oversight team"
