from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from jobs.registry import register_chore

        from .vocabulary import refresh_words

        register_chore("Search suggestions refreshed", refresh_words, every_seconds=3600)
