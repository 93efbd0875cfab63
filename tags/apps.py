from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TagsConfig(AppConfig):
    name = "tags"
    verbose_name = _("Tags")

    def ready(self):
        from taggit.models import Tag, TaggedItem

        from pagecache.versions import invalidate_on
        from publishing.search_vectors import SearchFields, register_search_kind

        invalidate_on(Tag, TaggedItem)
        # a name alone: its vectors are computed in the query (taggit's table has no room)
        register_search_kind(Tag, 5, SearchFields(title=("name",), text=(), body=(), stored=False))
