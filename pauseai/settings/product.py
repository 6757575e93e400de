"""The registry's own rules: microgrants, invitations, the public API and map, the setup
guide's addresses, coaching, the oversight team."""

from django.core.exceptions import ImproperlyConfigured

from common.env import env_int, env_str

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
# the page's language (groups/map_background.py). The map's scripts are our own
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
