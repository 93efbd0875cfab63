"""An Atom feed per place: its published entries and its signatories' updates, newest first."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from commitments.models import Milestone
from initiatives.models import Entry

from .models import Place

FEED_LENGTH = 30


@dataclass(frozen=True)
class Item:
    title: str
    description: str
    link: str
    guid: str
    published: datetime.datetime


def entry_item(entry: Entry) -> Item:
    day = entry.date or entry.published_on
    published = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    return Item(
        entry.title, entry.summary, entry.get_absolute_url(), f"entry-{entry.pk}", published
    )


def update_item(milestone: Milestone) -> Item:
    commitment = milestone.commitment
    link = f"{commitment.signatory.get_absolute_url()}#commitment-{commitment.pk}"
    title = f"{commitment.signatory.organisation} · {commitment.theme.title}"
    return Item(title, milestone.text, link, f"milestone-{milestone.pk}", milestone.published_at)


class PlaceFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, country, place):
        if country != country.lower():
            raise Http404
        return get_object_or_404(Place, country=country.upper(), slug=place)

    def title(self, obj):
        return _("Metropolitan toolkit: %(place)s") % {"place": obj.name}

    def subtitle(self, obj):
        return _("City practice from %(place)s and updates from its signatories.") % {
            "place": obj.name
        }

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        entries = Entry.objects.published().filter(place_link__place=obj).for_listing()
        updates = Milestone.objects.public().filter(commitment__signatory__place_link__place=obj)
        found = [entry_item(e) for e in entries.order_by("-published_on", "-pk")[:FEED_LENGTH]]
        found += [update_item(m) for m in updates.latest_first()[:FEED_LENGTH]]
        return sorted(found, key=lambda item: item.published, reverse=True)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return item.guid

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published
