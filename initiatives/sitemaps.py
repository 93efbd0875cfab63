from publishing.sitemaps import PortalSitemap

from .models import Entry, Programme


class ProgrammeSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Programme.objects.all()


class EntrySitemap(PortalSitemap):
    changefreq = "monthly"

    lastmod_field = "updated_at"

    def items(self):
        return (
            Entry.objects.published()
            .select_related("programme")
            .only("slug", "updated_at", "programme__slug")
            .order_by("pk")
        )
