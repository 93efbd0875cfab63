from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorldmapConfig(AppConfig):
    name = "worldmap"
    verbose_name = _("Map of signatories")

    def ready(self):
        from publishing.sections import register_section

        # the map sits under Signatories (its breadcrumb), where the main menu leads
        register_section("signatory-list", "worldmap/map_link.html", lambda _page: {})
