from django.urls import reverse

from initiatives.sitemaps import EntrySitemap, ProgrammeSitemap
from places.sitemaps import CountrySitemap, PlaceSitemap
from publishing.sitemaps import PortalSitemap
from signatories.sitemaps import ProfileSitemap
from tags.sitemaps import TagSitemap
from toolkit.sitemaps import InsightSitemap, ThemeSitemap


class StaticSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "home", "toolkit:index", "initiatives:index", "signatories:list", "signatories:join",
            "signatories:ask_your_city", "commitments:progress", "data", "toolkit:print",
            "accessibility", "about", "places:index",
        ]  # fmt: skip

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": StaticSitemap,
    "themes": ThemeSitemap,
    "insights": InsightSitemap,
    "tags": TagSitemap,
    "programmes": ProgrammeSitemap,
    "entries": EntrySitemap,
    "signatories": ProfileSitemap,
    "countries": CountrySitemap,
    "places": PlaceSitemap,
}
