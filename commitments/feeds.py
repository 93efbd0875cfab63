"""Atom feeds of signatories' progress updates, for all areas and per area."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from toolkit.models import Theme

from .models import Milestone

FEED_LENGTH = 30


class UpdatesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Metropolitan toolkit: signatories' progress")
    subtitle = _("Updates from the institutions that joined the call, on their commitments.")

    def link(self):
        return reverse("signatories:list")

    def milestones(self, obj):
        return Milestone.objects.public()

    def items(self, obj=None):
        return self.milestones(obj).latest_first()[:FEED_LENGTH]

    def item_title(self, item):
        commitment = item.commitment
        return f"{commitment.signatory.organisation} · {commitment.theme.title}"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return f"{item.commitment.signatory.get_absolute_url()}#commitment-{item.commitment_id}"

    def item_guid(self, item):
        return f"milestone-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at


class ThemeUpdatesFeed(UpdatesFeed):
    def get_object(self, request, theme):
        return get_object_or_404(Theme, slug=theme)

    def title(self, obj):
        return _("Signatories' progress: %(theme)s") % {"theme": obj.title}

    def link(self, obj):
        return obj.get_absolute_url()

    def milestones(self, obj):
        return Milestone.objects.public().filter(commitment__theme=obj)
