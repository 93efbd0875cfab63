from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.urls import reverse
from taggit.models import Tag, TaggedItem

from initiatives.models import Entry
from publishing.sitemaps import PortalSitemap
from toolkit.models import Insight


def used_by(model):
    """The tag is on some published item of `model` (EXISTS, not a join and DISTINCT)."""
    return Exists(
        TaggedItem.objects.filter(
            tag=OuterRef("pk"),
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=model.objects.published().values("pk"),
        )
    )


class TagSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Tag.objects.filter(used_by(Insight) | used_by(Entry)).order_by("slug")

    def location(self, tag):
        return reverse("tags:tag", kwargs={"tag": tag.slug})
