from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TagsConfig(AppConfig):
    name = "tags"
    verbose_name = _("Tags")

    def ready(self):
        from taggit.models import Tag, TaggedItem

        from pagecache.versions import invalidate_on

        invalidate_on(Tag, TaggedItem)
