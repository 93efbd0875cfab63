from django.urls import reverse

from publishing.sitemaps import PortalSitemap

from .models import Place
from .pages import country_codes


class PlaceSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Place.objects.only("country", "slug").order_by("country", "slug")


class CountrySitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        # Django asks for the items more than once per request: read them once
        if not hasattr(self, "_codes"):
            self._codes = sorted(code.lower() for code in country_codes())
        return self._codes

    def location(self, code):
        return reverse("places:country", kwargs={"country": code})
