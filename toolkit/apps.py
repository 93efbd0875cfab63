from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "toolkit"
    verbose_name = _("Toolkit")

    def ready(self):
        from pagecache.schedule import changes_on
        from pagecache.versions import invalidate_on
        from publishing.loading import Loader, register_loader
        from publishing.previews import register_page
        from publishing.search_vectors import SearchFields, register_search_kind
        from publishing.signals import statuses_changed

        from .models import Insight, Theme
        from .services import toolkit_load_content, toolkit_load_translations
        from .views import insight_page, theme_page

        invalidate_on(Theme, signals=[statuses_changed])
        # an area's pages read its insights alone: an edit leaves other areas' pages warm
        invalidate_on(
            Insight,
            scopes=Insight.groups,
            listed_by=("status", "published_on", "theme_id"),
            signals=[statuses_changed],
        )
        changes_on(Insight.objects.next_publication_day)  # scheduled publication
        invalidate_on(Insight.documents.through)
        register_page(Theme, theme_page)
        register_page(Insight, insight_page)
        register_search_kind(Insight, 1, SearchFields(themes="theme"))  # never renumber
        register_search_kind(Theme, 3, SearchFields(body=("description",)))
        register_loader(
            Loader(
                order=1,
                fixture="toolkit.json",
                load=toolkit_load_content,
                translate=toolkit_load_translations,
                marker=Theme,
            )
        )
