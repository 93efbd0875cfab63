from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from pagecache.versions import invalidate_on
        from publishing.loading import Loader, register_loader
        from publishing.signals import statuses_changed

        from .models import Entry, Programme
        from .services import initiatives_load_content, initiatives_load_translations

        invalidate_on(Programme, Entry, signals=[statuses_changed])
        invalidate_on(Entry.themes.through, Entry.insights.through)
        register_loader(
            Loader(
                order=2,
                fixture="initiatives.json",
                load=initiatives_load_content,
                translate=initiatives_load_translations,
            )
        )
