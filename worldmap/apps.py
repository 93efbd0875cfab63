from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorldmapConfig(AppConfig):
    name = "worldmap"
    verbose_name = _("Map of signatories")
