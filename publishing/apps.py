from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from django.db.models.signals import post_migrate

        from lib import lookups
        from publishing.search_vectors import forget_vanished_rows

        lookups.register()
        post_migrate.connect(forget_vanished_rows, sender=self)
