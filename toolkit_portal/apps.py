from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def staff_groups_in_step(sender, using="default", **kwargs):
    # migrate signals each app that has models, in order; every permission exists once the
    # last one is signalled (this app has no models, so it is never signalled itself).
    if sender is [config for config in apps.get_app_configs() if config.models_module][-1]:
        from .roles import keep_staff_groups_in_step

        keep_staff_groups_in_step(using=using)


class ToolkitPortalConfig(AppConfig):
    """The project itself: installed for its system checks, the staff groups (kept in step
    after every migrate), the database's upkeep and its backups (`manage.py backup` and
    `restore`)."""

    name = "toolkit_portal"
    verbose_name = "Metropolitan toolkit portal"

    def ready(self):
        from jobs.registry import register_chore
        from lib.database_statistics import refresh_statistics

        from . import checks  # noqa: F401 - registers the checks

        register_chore("Database statistics refreshed", refresh_statistics, every_seconds=3600)
        post_migrate.connect(staff_groups_in_step, dispatch_uid="staff-groups")
