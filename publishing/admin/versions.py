"""History and restore of every admin save (django-reversion)."""

from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from reversion.admin import VersionAdmin
from reversion.models import Revision, Version

from ..revisions import history


class VersionHistoryAdmin(VersionAdmin):
    """Every admin save keeps a version (django-reversion); the history page shows what each
    version changed, field by field and language by language, with a link to restore it.
    Restoring saves it as a new version, like any edit; deleted items can be recovered."""

    object_history_template = "admin/version_history.html"
    revision_form_template = "admin/publishing/restore_form.html"
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

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """django-reversion's page, in the History's words: restore, not revert."""
        version = get_object_or_404(Version, pk=version_id, object_id=unquote(object_id))
        saved = date_format(localtime(version.revision.date_created), "DATETIME_FORMAT")
        title = _("Restore the version of %(date)s") % {"date": saved}
        context = {"title": title, **(extra_context or {})}
        response = super().revision_view(request, object_id, version_id, context)
        if request.method == "POST" and response.status_code == 302:
            newest = Version.objects.get_for_object_reference(self.model, version.object_id)
            comment = _("Restored the version of %(date)s.") % {"date": saved}
            Revision.objects.filter(pk=newest.values("revision")[:1]).update(comment=comment)
        return response
