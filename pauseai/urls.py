"""The site's URLs. Public pages are language-prefixed (/en/, /nl/); the admin is not."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from common.availability import health
from common.pagecache import cached
from groups.sitemaps import SITEMAPS

admin.site.site_header = _("PauseAI registry")
admin.site.site_title = _("PauseAI registry")
admin.site.index_title = _("Oversight team")

urlpatterns = [
    # For monitors and the load balancer: never language-prefixed, never cached.
    path("healthz", health, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("groups.api.urls")),
    path("sitemap.xml", cached(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("", include("groups.urls")),
    path("", include("onboarding.urls")),
    path("", include("microgrants.urls")),
    path("", include("coaching.urls")),
    # allauth's authenticator-app setup and recovery codes, which lead back to
    # the admin page that asked for a second factor: before allauth's own.
    path("accounts/", include("accounts.urls")),
    # Sign-up, login, email and password pages, and Discord's login and
    # callback: /en/accounts/…, /nl/accounts/…, so emails link to the language
    # the visitor used. Discord needs each language's callback URL registered.
    path("accounts/", include("allauth.urls")),
)

# An unreachable database answers 503 "temporarily unavailable", not 500.
handler500 = "common.availability.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
