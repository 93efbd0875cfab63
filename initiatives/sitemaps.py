from toolkit.sitemaps import PortalSitemap

from .models import Entry, Programme


class ProgrammeSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Programme.objects.all()


class EntrySitemap(PortalSitemap):
    changefreq = "monthly"

    def items(self):
        return Entry.objects.published().select_related("programme").order_by("pk")

    def lastmod(self, entry):
        return entry.updated_at
