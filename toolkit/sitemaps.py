from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from taggit.models import Tag

from initiatives.models import Entry

from .models import Insight, Theme


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

    lastmod_field = "updated_at"

    def items(self):
        return (
            Insight.objects.published()
            .select_related("theme")
            .only("slug", "updated_at", "theme__slug")
            .order_by("pk")
        )


class TagSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        public = Q(insight__in=Insight.objects.published()) | Q(entry__in=Entry.objects.published())
        return Tag.objects.filter(public).distinct().order_by("slug")

    def location(self, tag):
        return reverse("toolkit:tag", kwargs={"tag": tag.slug})
