from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaLibraryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "media_library"
    verbose_name = _("Images and documents")

    def ready(self):
        from django.db import transaction
        from django.db.models.signals import post_delete

        from jobs.registry import register_chore, register_queue
        from pagecache.versions import invalidate_on

        from .models import Document, Image
        from .renditions import delete_files
        from .signals import renditions_made
        from .staging import discard_expired
        from .tasks import make_due_renditions

        # Renditions appear on pages when the worker has made them: the cache must notice.
        invalidate_on(Image, Document, signals=[renditions_made])
        register_queue("Images given renditions", make_due_renditions)
        register_chore("Kept uploads discarded", discard_expired, every_seconds=3600)

        def forget_files(instance, **kwargs):
            files = instance.files()
            transaction.on_commit(lambda: delete_files(files))

        for model in (Image, Document):
            post_delete.connect(forget_files, sender=model, dispatch_uid=f"files-{model.__name__}")
