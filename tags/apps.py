from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from taggit.apps import TaggitAppConfig


class TaggitConfig(TaggitAppConfig):
    """django-taggit under a name curators read: its section in the admin says "Tags"."""

    default = False  # this module's default is TagsConfig, below
    verbose_name = _("Tags")


class TagsConfig(AppConfig):
    default = True
    name = "tags"
    verbose_name = _("Tag names in other languages")

    def ready(self):
        from django.db.models.signals import post_save
        from taggit.models import Tag, TaggedItem

        from pagecache.versions import invalidate_on
        from publishing.loading import Loader, register_loader
        from publishing.search_vectors import SearchFields, register_search_kind

        from .models import TagNames
        from .names import OTHER_LANGUAGES, keep_names, shown_name
        from .services import tags_load_translations

        invalidate_on(Tag, TaggedItem, TagNames)
        post_save.connect(keep_names, sender=Tag, dispatch_uid="tag-names", weak=False)
        # its names in every language, refreshed when a name changes
        translated = tuple(f"names__name_{code}" for code in OTHER_LANGUAGES)
        register_search_kind(
            Tag,
            5,
            SearchFields(title=("name", *translated), text=(), body=(), shown=shown_name),
            follows={TagNames: "tag_id"},
        )
        # after the content that brings the tags (fixtures/translations/*.json, "tags")
        register_loader(Loader(order=9, translate=tags_load_translations))
