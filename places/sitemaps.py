from django.urls import reverse

from publishing.sitemaps import PortalSitemap

from .models import Place
from .pages import countries_with_pages


class PlaceSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Place.objects.only("country", "slug").order_by("country", "slug")


class CountrySitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return [code.lower() for code, _name, _places in countries_with_pages()]

    def location(self, code):
        return reverse("places:country", kwargs={"country": code})
