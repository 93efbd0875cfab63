import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from media_library.feeds import PicturedFeedMixin

from .models import Insight, Theme

FEED_LENGTH = 30


class InsightsFeed(PicturedFeedMixin, Feed):
    """New key insights of the toolkit (RSS)."""

    title = _("Metropolitan toolkit: new key insights")
    description = _(
        "Key insights written for this portal on the eight areas of the toolkit by Metropolis "
        "to rethink metropolitan spaces."
    )

    def link(self):
        return reverse("toolkit:index")

    def insights(self, obj):
        return Insight.objects.published()

    def items(self, obj=None):
        return self.insights(obj).for_listing()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        day = item.published_on
        return timezone.make_aware(datetime.datetime(day.year, day.month, day.day))

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.theme.title, *(tag.name for tag in item.tags.all())]


class ThemeInsightsFeed(InsightsFeed):
    def get_object(self, request, theme):
        return get_object_or_404(Theme, slug=theme)

    def title(self, obj):
        return _("Metropolitan toolkit: %(theme)s") % {"theme": obj.title}

    def description(self, obj):
        return obj.summary

    def link(self, obj):
        return obj.get_absolute_url()

    def insights(self, obj):
        return Insight.objects.published().filter(theme=obj)
