from django.contrib.sitemaps import Sitemap

from .models import Entry, Programme


class ProgrammeSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Programme.objects.all()


class EntrySitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Entry.objects.published().select_related("programme").order_by("pk")

    def lastmod(self, entry):
        return entry.updated_at
