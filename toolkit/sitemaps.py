from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.urls import reverse
from taggit.models import Tag

from initiatives.models import Entry

from .models import Insight, Theme


class PortalSitemap(Sitemap):
    """Every page in each language, with hreflang alternates and an x-default."""

    i18n = True
    alternates = True
    x_default = True
    limit = 1000  # items per sitemap page (each in three languages)


class StaticSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "home", "toolkit:index", "initiatives:index", "signatories:list", "signatories:join",
            "signatories:ask_your_city", "data", "toolkit:print", "accessibility",
        ]  # fmt: skip

    def location(self, item):
        return reverse(item)


class ThemeSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Theme.objects.all()


class InsightSitemap(PortalSitemap):
    changefreq = "monthly"

    def items(self):
        return Insight.objects.published().select_related("theme").order_by("pk")

    def lastmod(self, insight):
        return insight.updated_at


class TagSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        public = Q(insight__in=Insight.objects.published()) | Q(entry__in=Entry.objects.published())
        return Tag.objects.filter(public).distinct().order_by("slug")

    def location(self, tag):
        return reverse("toolkit:tag", kwargs={"tag": tag.slug})
