from django.apps import AppConfig


class ToolkitPortalConfig(AppConfig):
    """The project itself: installed for its system checks, the database's upkeep and its
    backups (`manage.py backup` and `restore`)."""

    name = "toolkit_portal"
    verbose_name = "Metropolitan toolkit portal"

    def ready(self):
        from jobs.registry import register_chore
        from lib.database_statistics import refresh_statistics

        from . import checks  # noqa: F401 - registers the checks

        register_chore("Database statistics refreshed", refresh_statistics, every_seconds=3600)
