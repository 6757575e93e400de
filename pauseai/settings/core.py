"""The framework's settings: apps, middleware, security headers, templates, the
database, the cache, languages, files, HTTPS, logging and error reports.

Read from the environment through the typed helpers (common/env.py); pauseai/settings/
__init__.py gathers this file and the subjects' (accounts.py, mail.py, product.py).
"""

import logging
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from common.env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent


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
    # A page rendered here goes to the shared cache once sent (common/pagecache).
    "common.pagecache.middleware.ShareAnswersOnceSent",
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
# API). Pages with a map add the tile server to img-src (groups/map_background.py);
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
    "groups.context_processors.map_background",
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

# Accounts (django-allauth; its settings in accounts.py), after the rest.
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
