"""/sitemap.xml: the public pages in every language, with each page's other languages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from groups.models import NationalGroup


class TranslatedSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PageSitemap(TranslatedSitemap):
    """The directory's own pages."""

    def items(self):
        return [
            "groups:home",
            "groups:national_group_list",
            "groups:community_list",
            "microgrants:rules",
        ]

    def location(self, url_name):
        return reverse(url_name)


class NationalGroupSitemap(TranslatedSitemap):
    """Every national group with a public page (NationalGroupQuerySet.public)."""

    def items(self):
        return NationalGroup.objects.public().order_by("slug")

    def lastmod(self, group):
        return group.updated_at


SITEMAPS = {"pages": PageSitemap, "national-groups": NationalGroupSitemap}
