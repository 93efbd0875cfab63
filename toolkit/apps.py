from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "toolkit"
    verbose_name = _("Toolkit")

    def ready(self):
        from toolkit_portal.pagecache import connect_invalidation

        connect_invalidation()
