"""History and restore of every admin save (django-reversion)."""

from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.urls import reverse
from reversion.admin import VersionAdmin

from ..revisions import history


class VersionHistoryAdmin(VersionAdmin):
    """Every admin save keeps a version (django-reversion); the history page shows what each
    version changed, field by field and language by language, with a link to restore it.
    Restoring saves it as a new version, like any edit; deleted items can be recovered."""

    object_history_template = "admin/version_history.html"
    history_hidden_fields: tuple[str, ...] = ()

    def get_history_hidden_fields(self, request) -> tuple[str, ...]:
        return self.history_hidden_fields

    def history_view(self, request, object_id, extra_context=None):
        opts = self.model._meta
        hidden = self.get_history_hidden_fields(request)
        versions = [
            {
                "version": version,
                "changes": changes,
                "url": reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                    args=(quote(version.object_id), version.pk),
                ),
            }
            for version, changes in history(self.model, unquote(object_id), hidden)
        ]
        # Django's history page (permissions, title) with the versions instead of the log.
        context = {"versions": versions, **(extra_context or {})}
        return admin.ModelAdmin.history_view(self, request, object_id, context)
