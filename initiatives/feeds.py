import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from media_library.feeds import PicturedFeedMixin

from .models import Entry, Programme

FEED_LENGTH = 30


class EntriesFeed(PicturedFeedMixin, Feed):
    """New initiative entries (RSS)."""

    title = gettext_lazy("Metropolitan toolkit: new initiative entries")
    description = gettext_lazy(
        "MetroTalks, Learning from Cities and Cities for Global Health entries."
    )

    def link(self):
        return reverse("initiatives:index")

    def entries(self, obj):
        return Entry.objects.published()

    def items(self, obj=None):
        return self.entries(obj).for_listing().order_by("-created_at")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.programme.title]


class ProgrammeEntriesFeed(EntriesFeed):
    def get_object(self, request, programme):
        return get_object_or_404(Programme, slug=programme)

    def title(self, obj):
        return _("Metropolitan toolkit: %(programme)s") % {"programme": obj.title}

    def description(self, obj):
        return obj.tagline

    def link(self, obj):
        return obj.get_absolute_url()

    def entries(self, obj):
        return Entry.objects.published().filter(programme=obj)


def calendar(request):
    """Dated initiative entries (talks, events, launches) as an iCalendar feed."""
    cal = Calendar()
    cal.add("prodid", "-//Metropolis//Metropolitan toolkit//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Metropolitan toolkit: initiatives"))
    stamp = timezone.now()
    entries = Entry.objects.published().exclude(date=None).for_listing()
    for entry in entries:
        event = Event()
        event.add("uid", f"entry-{entry.pk}@{urlsplit(settings.SITE_URL).hostname}")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.date)
        event.add("dtend", entry.date + datetime.timedelta(days=1))
        event.add("summary", entry.title)
        event.add("description", entry.summary)
        event.add("url", request.build_absolute_uri(entry.get_absolute_url()))
        if entry.place:
            event.add("location", entry.place)
        event.add("categories", [entry.programme.title])
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="metropolitan-toolkit.ics"'
    return response
