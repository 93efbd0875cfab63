from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from .holes import csrf_token, register_hole

        register_hole("csrf", r'name="csrfmiddlewaretoken" value="([^"]+)"', csrf_token)
