from django.db.models import Q
from django.urls import reverse
from taggit.models import Tag

from initiatives.models import Entry
from publishing.sitemaps import PortalSitemap
from toolkit.models import Insight


class TagSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        public = Q(insight__in=Insight.objects.published()) | Q(entry__in=Entry.objects.published())
        return Tag.objects.filter(public).distinct().order_by("slug")

    def location(self, tag):
        return reverse("tags:tag", kwargs={"tag": tag.slug})
