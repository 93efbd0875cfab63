from publishing.sitemaps import PortalSitemap

from .models import Insight, Theme


class ThemeSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Theme.objects.all()


class InsightSitemap(PortalSitemap):
    changefreq = "monthly"

    lastmod_field = "updated_at"

    def items(self):
        return (
            Insight.objects.published()
            .select_related("theme")
            .only("slug", "updated_at", "theme__slug")
            .order_by("pk")
        )
