from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from pagecache.schedule import changes_on
        from pagecache.versions import invalidate_on
        from publishing.loading import Loader, register_loader
        from publishing.previews import register_page
        from publishing.search_vectors import SearchFields, register_search_kind
        from publishing.signals import statuses_changed

        from .models import Entry, Programme
        from .services import initiatives_load_content, initiatives_load_translations
        from .views import entry_page, programme_page

        invalidate_on(Programme, signals=[statuses_changed])
        invalidate_on(
            Entry,
            scopes=Entry.groups,
            listed_by=("status", "published_on", "programme_id"),
            signals=[statuses_changed],
        )
        changes_on(Entry.objects.next_publication_day)  # scheduled publication
        invalidate_on(Entry.themes.through, Entry.insights.through, Entry.documents.through)
        register_page(Programme, programme_page)
        register_page(Entry, entry_page)
        entry_fields = SearchFields(text=("summary", "city"), themes="themes")
        register_search_kind(Entry, 2, entry_fields)  # never renumber
        register_search_kind(Programme, 4, SearchFields(text=("tagline",), body=("description",)))
        register_loader(
            Loader(
                order=2,
                fixture="initiatives.json",
                load=initiatives_load_content,
                translate=initiatives_load_translations,
            )
        )
