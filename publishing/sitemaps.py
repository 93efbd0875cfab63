"""Sitemaps of the portal's pages, in each language, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet


class ItemsInEachLanguage:
    """The (item, language) pairs an i18n sitemap lists, counted and sliced in the database.

    Django builds the whole list in memory, loading every item of a section to count its
    pages: seconds for tens of thousands of insights. The paginator needs only a count and
    one page's slice.
    """

    def __init__(self, queryset: QuerySet, languages: list[str]):
        self.queryset, self.languages = queryset, languages

    def count(self) -> int:
        return self.queryset.count() * len(self.languages)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        per_item = len(self.languages)
        start, stop = index.start or 0, index.stop
        first = start // per_item
        last = None if stop is None else -(-stop // per_item)  # ceiling
        pairs = [(item, code) for item in self.queryset[first:last] for code in self.languages]
        offset = first * per_item
        return pairs[start - offset : None if stop is None else stop - offset]


class PortalSitemap(Sitemap):
    """Every page in each language, with hreflang alternates and an x-default."""

    i18n = True
    alternates = True
    x_default = True
    limit = 1000  # items per sitemap page (each in three languages)
    lastmod_field = ""  # a model field holding each item's last modification, if any

    def lastmod(self, item):
        return getattr(item, self.lastmod_field) if self.lastmod_field else None

    def _items(self):
        items = self.items()
        if self.i18n and isinstance(items, QuerySet):
            return ItemsInEachLanguage(items, self._languages())
        return super()._items()

    def get_latest_lastmod(self):
        # Django would load every item to find the latest one: ask the database instead.
        if not self.lastmod_field:
            return None
        return self.items().aggregate(latest=Max(self.lastmod_field))["latest"]
