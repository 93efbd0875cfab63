from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from jobs.registry import register_chore

        from . import lookups
        from .statistics import refresh_statistics

        lookups.register()
        register_chore("Database statistics refreshed", refresh_statistics, every_seconds=3600)
