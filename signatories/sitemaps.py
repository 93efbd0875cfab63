from publishing.sitemaps import PortalSitemap

from .models import Signatory


class ProfileSitemap(PortalSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Signatory.objects.approved().exclude(slug="").only("slug").order_by("pk")
