from django.conf import settings
from django.utils.feedgenerator import Enclosure

from .templatetags.pictures import rendition


class PicturedFeedMixin:
    """Feed items carry their picture as an enclosure (a mid-size JPEG or PNG)."""

    def item_enclosures(self, item):
        chosen = rendition(getattr(item, "image", None), "full", 640)
        if chosen is None:
            return []
        url = chosen["url"]
        if url.startswith("/"):
            url = settings.SITE_URL.rstrip("/") + url
        return [Enclosure(url, str(chosen.get("size", 0)), f"image/{chosen['format']}")]
