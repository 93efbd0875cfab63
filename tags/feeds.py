from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from pagecache.shown import narrow
from toolkit.feeds import InsightsFeed
from toolkit.models import Insight, tagged

from .names import shown_name


class TagInsightsFeed(InsightsFeed):
    def get_object(self, request, tag):
        tag = get_object_or_404(Tag, slug=tag)
        narrow(Insight, tagged(tag.pk))  # it reads no insight without the tag
        if not Insight.objects.published().filter(tags=tag).exists():
            raise Http404  # a tag used only by drafts is not public
        return tag

    def title(self, obj):
        name, _in_english = shown_name(obj)
        return _("Metropolitan toolkit: insights tagged “%(tag)s”") % {"tag": name}

    def link(self, obj):
        return reverse("tags:tag", kwargs={"tag": obj.slug})

    def insights(self, obj):
        return Insight.objects.published().filter(tags=obj)
